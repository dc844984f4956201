"""Signing in: the session key changes, failures lock out, two-factor works and can be required."""

from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def sign_in(client, username, password=PASSWORD, code=""):
    return client.post(reverse("accounts:login"),
                       {"username": username, "password": password, "code": code})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_sign_in_reaches_the_dashboard_and_changes_the_session_key(client, alice, edinburgh):
    client.get(reverse("accounts:login"))
    client.session.save()
    key_before = client.session.session_key
    response = sign_in(client, "alice")
    assert response.status_code == 302
    assert client.session.session_key != key_before
    dashboard = client.get(response.url, follow=True)
    assert "City of Edinburgh Council" in dashboard.content.decode()


def test_wrong_password_is_refused_plainly(client, alice):
    response = sign_in(client, "alice", password="wrong")
    assert "The username or password is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_from_that_client(client, alice):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "alice", password="wrong")
    response = sign_in(client, "alice")  # the right password, too late
    assert "_auth_user_id" not in client.session
    assert response.status_code in (403, 429)


def test_sign_in_only_follows_local_next_urls(client, alice):
    response = client.post(reverse("accounts:login"),
                           {"username": "alice", "password": PASSWORD,
                            "next": "https://evil.example/"})
    assert response.url == reverse("dashboard:home")


def test_two_factor_set_up_then_required_at_sign_in(client, alice):
    client.force_login(alice)
    client.post(reverse("accounts:two_factor"), {"action": "start"})
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    client.post(reverse("accounts:two_factor"), {"action": "confirm", "token": "000000"})
    device.refresh_from_db()
    assert not device.confirmed
    client.post(reverse("accounts:two_factor"),
                {"action": "confirm", "token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.logout()

    response = sign_in(client, "alice")
    assert "Enter the 6-digit code" in response.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again for the test
    device.save()
    response = sign_in(client, "alice", code=current_code(device))
    assert response.status_code == 302
    assert client.session.get("otp_device_id")


def test_organisation_can_require_two_factor_of_its_admins(client, alice, erin, edinburgh):
    edinburgh.require_admin_two_factor = True
    edinburgh.save()
    client.force_login(alice)
    response = client.get(reverse("dashboard:organisation", args=[edinburgh.slug]))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor")
    # Editors are not admins: the rule does not apply to them.
    client.force_login(erin)
    assert client.get(reverse("dashboard:organisation", args=[edinburgh.slug])).status_code == 200


def test_admin_turns_the_requirement_on_and_it_is_audited(client, alice, edinburgh):
    from journeymap.web.audit.models import AuditEvent

    client.force_login(alice)
    client.post(reverse("accounts:settings", args=[edinburgh.slug]),
                {"require_admin_two_factor": "on"})
    edinburgh.refresh_from_db()
    assert edinburgh.require_admin_two_factor
    event = AuditEvent.objects.get(object_type="organisation", action="change")
    assert event.after == {"require_admin_two_factor": True}


def test_sign_out_needs_post(client, alice):
    client.force_login(alice)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_two_factor_code_is_recorded_as_a_failed_sign_in(client, alice):
    from journeymap.web.audit.models import AuditEvent

    device = TOTPDevice.objects.create(user=alice, name="app", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    sign_in(client, "alice", code=wrong)
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.after == {"reason": "wrong two-factor code"}
    assert event.ip_address == "127.0.0.1"
