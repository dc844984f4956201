"""An organisation's own administration: members and roles, sign-in rules, the audit log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from journeymap.web.accounts import selectors, services
from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.accounts.forms import MemberInviteForm, MemberRoleForm, OrganisationSettingsForm
from journeymap.web.accounts.models import Role
from journeymap.web.audit.selectors import audit_events_for


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@organisation_view(Permission.ADMINISTER)
def members(request):
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.member_invite(
                **acting(request), **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, f"Added {membership.user.get_username()}. Their one-time "
                             f"password is {password} – pass it on securely; it is not shown "
                             "again.")
            return redirect("accounts:members", organisation_slug=request.organisation.slug)
    return render(request, "accounts/members.html", {
        "form": form,
        "memberships": selectors.memberships_of(organisation=request.organisation),
        "roles": Role.choices,
    })


@organisation_view(Permission.ADMINISTER)
def member_role(request, membership_id: int):
    # The object is looked up before the method is checked, so that another organisation's id
    # answers 404 whatever the method.
    membership = selectors.membership_in(organisation=request.organisation,
                                         membership_id=membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = MemberRoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose a role.")
        services.membership_change_role(**acting(request),
                                        membership=membership, role=form.cleaned_data["role"])
        messages.success(request, f"{membership.user.get_username()} is now "
                         f"{membership.get_role_display().lower()}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:members", organisation_slug=request.organisation.slug)


@organisation_view(Permission.ADMINISTER)
def member_remove(request, membership_id: int):
    # The object is looked up before the method is checked, so that another organisation's id
    # answers 404 whatever the method.
    membership = selectors.membership_in(organisation=request.organisation,
                                         membership_id=membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.membership_remove(**acting(request),
                                   membership=membership)
        messages.success(request, f"Removed {membership.user.get_username()}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:members", organisation_slug=request.organisation.slug)


@organisation_view(Permission.ADMINISTER)
def organisation_settings(request):
    form = OrganisationSettingsForm(request.POST or None, initial={
        "require_admin_two_factor": request.organisation.require_admin_two_factor})
    if request.method == "POST" and form.is_valid():
        services.organisation_settings_update(**acting(request),
                                              organisation=request.organisation,
                                              **form.cleaned_data)
        messages.success(request, "Settings saved.")
        return redirect("accounts:settings", organisation_slug=request.organisation.slug)
    return render(request, "accounts/settings.html", {"form": form})


@organisation_view(Permission.ADMINISTER)
def audit_log(request):
    page = Paginator(audit_events_for(organisation_id=request.organisation.pk), 50).get_page(
        request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page})
