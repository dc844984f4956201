"""Sign-in, sign-out and two-factor set-up: pages about the person, not an organisation."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from journeymap.web.accounts import two_factor
from journeymap.web.accounts.actors import PersonActor
from journeymap.web.accounts.forms import SignInForm, TokenForm
from journeymap.web.audit.context import AuditContext


@login_not_required
def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.sign_in(request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            target = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
                target = "dashboard:home"
            return redirect(target)
    return render(request, "accounts/sign_in.html",
                  {"form": form, "next": request.GET.get("next", "")})


@require_POST
def sign_out(request):
    two_factor.sign_out(request=request)
    return redirect("dashboard:landing")


def two_factor_page(request):
    actor = PersonActor.of(request.user)
    context = AuditContext.from_request(request)
    device = two_factor.confirmed_device(request.user)
    setup = None
    form = TokenForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "start":
                setup = two_factor.totp_device_start(actor=actor)
                form = TokenForm()
            elif action == "confirm" and form.is_valid():
                confirmed = two_factor.totp_device_confirm(actor=actor, context=context,
                                                           token=form.cleaned_data["token"])
                otp_login(request, confirmed)
                messages.success(request, "Two-factor sign-in is on.")
                return redirect("accounts:two_factor")
            elif action == "remove":
                two_factor.totp_device_remove(actor=actor, context=context)
                messages.success(request, "Two-factor sign-in is off.")
                return redirect("accounts:two_factor")
        except ValidationError as error:
            form.add_error(None, error)
        if action == "confirm":
            setup = request.user.totpdevice_set.filter(confirmed=False).first()
    return render(request, "accounts/two_factor.html", {
        "device": device,
        "setup": setup,
        "qr": two_factor.totp_qr_svg_data_uri(setup) if setup else None,
        "secret": base64.b32encode(setup.bin_key).decode() if setup else None,
        "form": form,
        "required": two_factor.two_factor_required_for(request.user.pk),
    })
