"""Two-factor sign-in with a TOTP authenticator app (django-otp), and the sign-in itself.

Sign-in is one form: username, password, and the code when the person has turned on two-factor.
A wrong code counts as a failed sign-in for the lockout, exactly like a wrong password, and every
failed sign-in is in the audit log with the client's address (django-axes keeps its own counts
for the lockout; the audit log is what an admin reads). Signing in and out need the request
(the session lives there), so they take it; the two-factor services take the person as an actor.
"""

import segno
from django.contrib.auth import authenticate, login, logout, user_login_failed
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from journeymap.web.accounts.actors import AnonymousActor, PersonActor
from journeymap.web.accounts.models import Membership, Role
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import record

Action = AuditEvent.Action


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def sign_in(*, request, username: str, password: str, code: str = ""):
    """Authenticate and log in; raise ValidationError with a message for the form otherwise.

    `login()` cycles the session key, so a session fixed before sign-in is worthless after it.
    """
    context = AuditContext.from_request(request)
    user = authenticate(request, username=username, password=password)
    if user is None:
        locked_out = getattr(request, "axes_locked_out", False)
        _record_failed_sign_in(username=username, context=context,
                               reason="locked out" if locked_out else "wrong username or password")
        if locked_out:
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
            _record_failed_sign_in(username=username, context=context,
                                   reason="wrong two-factor code")
            raise ValidationError("That code is not right. Check the time on your device.")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    record(actor=PersonActor.of(user), action=Action.LOGIN, object_type="user",
           object_id=user.pk, object_label=user.get_username(), context=context)
    return user


def _record_failed_sign_in(*, username: str, context: AuditContext, reason: str) -> None:
    # The name tried is kept as typed (it may be nobody's); who tried is unknown.
    record(actor=AnonymousActor(), action=Action.LOGIN_FAILED, object_type="user",
           object_label=username, after={"reason": reason}, context=context)


def sign_out(*, request) -> None:
    """Record the sign-out, then end the session."""
    if request.user.is_authenticated:
        record(actor=PersonActor.of(request.user), action=Action.LOGOUT, object_type="user",
               object_id=request.user.pk, object_label=request.user.get_username(),
               context=AuditContext.from_request(request))
    logout(request)


@transaction.atomic
def totp_device_start(*, actor: PersonActor) -> TOTPDevice:
    """A fresh, unconfirmed device for the actor's own account; an earlier unconfirmed one goes."""
    TOTPDevice.objects.filter(user_id=actor.user_id, confirmed=False).delete()
    return TOTPDevice.objects.create(user_id=actor.user_id, name="Authenticator app",
                                     confirmed=False)


def totp_qr_svg_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@transaction.atomic
def totp_device_confirm(*, actor: PersonActor, context: AuditContext, token: str) -> TOTPDevice:
    """Confirm the actor's own new device with a code from it; the caller then marks the
    session verified (`django_otp.login`)."""
    device = TOTPDevice.objects.filter(user_id=actor.user_id, confirmed=False).first()
    if device is None:
        raise ValidationError("Start setting up two-factor sign-in first.")
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError("That code is not right. Check the time on your device.")
    TOTPDevice.objects.filter(user_id=actor.user_id, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(actor=actor, action=Action.SECURITY, object_type="two_factor", object_id=actor.user_id,
           object_label=actor.label, after={"two_factor": True}, context=context)
    return device


def two_factor_required_for(user_id: int) -> bool:
    return Membership.objects.filter(
        user_id=user_id, role=Role.ADMIN, organisation__require_admin_two_factor=True
    ).exists()


@transaction.atomic
def totp_device_remove(*, actor: PersonActor, context: AuditContext) -> None:
    if two_factor_required_for(actor.user_id):
        raise ValidationError(
            "An organisation you administer requires two-factor sign-in, "
            "so it cannot be turned off."
        )
    TOTPDevice.objects.filter(user_id=actor.user_id).delete()
    record(actor=actor, action=Action.SECURITY, object_type="two_factor", object_id=actor.user_id,
           object_label=actor.label, after={"two_factor": False}, context=context)
