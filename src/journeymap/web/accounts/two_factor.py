"""Two-factor sign-in with a TOTP authenticator app (django-otp), and the sign-in itself.

Sign-in is one form: username, password, and the code when the person has turned on two-factor.
A wrong code counts as a failed sign-in for the lockout, exactly like a wrong password.
"""

import segno
from django.contrib.auth import authenticate, login, user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from journeymap.web.accounts.models import Membership, Role
from journeymap.web.audit.record import record


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def sign_in(*, request, username: str, password: str, code: str = ""):
    """Authenticate and log in; raise ValidationError with a message for the form otherwise.

    `login()` cycles the session key, so a session fixed before sign-in is worthless after it.
    """
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            raise ValidationError("Too many failed attempts. Try again in 15 minutes.")
        raise ValidationError("The username or password is not right.")
    device = confirmed_device(user)
    if device is not None:
        if not code.strip():
            raise ValidationError(
                "Enter the 6-digit code from your authenticator app.", code="code_required"
            )
        allowed, _ = device.verify_is_allowed()
        if not allowed or not device.verify_token(code.strip().replace(" ", "")):
            user_login_failed.send(
                sender=__name__, credentials={"username": username}, request=request
            )
            raise ValidationError("That code is not right. Check the time on your device.")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    record(actor=user, action="login", object_type="user", object_id=user.pk,
           object_label=user.get_username(), request=request)
    return user


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """A fresh, unconfirmed device; any earlier unconfirmed one is discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_qr_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@transaction.atomic
def totp_device_confirm(*, user, token: str, request) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError("Start setting up two-factor sign-in first.")
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError("That code is not right. Check the time on your device.")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(actor=user, action="security", object_type="two_factor", object_id=user.pk,
           object_label=user.get_username(), after={"two_factor": True}, request=request)
    return device


def two_factor_required_for(user) -> bool:
    return Membership.objects.filter(
        user=user, role=Role.ADMIN, organisation__require_admin_two_factor=True
    ).exists()


@transaction.atomic
def totp_device_remove(*, user, request) -> None:
    if two_factor_required_for(user):
        raise ValidationError(
            "An organisation you administer requires two-factor sign-in, "
            "so it cannot be turned off."
        )
    TOTPDevice.objects.filter(user=user).delete()
    record(actor=user, action="security", object_type="two_factor", object_id=user.pk,
           object_label=user.get_username(), after={"two_factor": False}, request=request)
