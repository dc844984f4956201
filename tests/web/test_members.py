"""Organisation admins manage members and roles; nobody else can."""

from django.urls import reverse

from journeymap.web.accounts.models import Membership
from journeymap.web.audit.models import AuditEvent


def test_admin_adds_a_person_with_a_role(client, alice, edinburgh):
    client.force_login(alice)
    response = client.post(reverse("accounts:members", args=[edinburgh.slug]),
                           {"username": "dana", "email": "dana@example.org", "role": "editor"},
                           follow=True)
    membership = Membership.objects.get(user__username="dana")
    assert membership.organisation == edinburgh
    assert membership.role == "editor"
    assert "one-time password" in response.content.decode()
    assert AuditEvent.objects.filter(object_type="membership", action="create",
                                     organisation_id=edinburgh.pk).exists()


def test_a_taken_username_is_refused_with_a_message(client, alice, bob, edinburgh):
    client.force_login(alice)
    response = client.post(reverse("accounts:members", args=[edinburgh.slug]),
                           {"username": "bob", "role": "viewer"})
    assert "That username is already taken." in response.content.decode()
    assert not Membership.objects.filter(user=bob, organisation=edinburgh).exists()


def test_the_last_admin_cannot_be_demoted_or_removed(client, alice, edinburgh):
    client.force_login(alice)
    membership = Membership.objects.get(user=alice)
    client.post(reverse("accounts:member_role", args=[edinburgh.slug, membership.pk]),
                {"role": "viewer"})
    client.post(reverse("accounts:member_remove", args=[edinburgh.slug, membership.pk]))
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_editors_and_viewers_cannot_manage_members(client, erin, charlie, edinburgh):
    target = Membership.objects.get(user=charlie)
    for person in (erin, charlie):
        client.force_login(person)
        assert client.get(reverse("accounts:members", args=[edinburgh.slug])).status_code == 403
        response = client.post(reverse("accounts:member_role", args=[edinburgh.slug, target.pk]),
                               {"role": "admin"})
        assert response.status_code == 403
    target.refresh_from_db()
    assert target.role == "viewer"


def test_admin_removes_a_member(client, alice, charlie, edinburgh):
    client.force_login(alice)
    target = Membership.objects.get(user=charlie)
    client.post(reverse("accounts:member_remove", args=[edinburgh.slug, target.pk]))
    assert not Membership.objects.filter(pk=target.pk).exists()
    event = AuditEvent.objects.get(object_type="membership", action="delete")
    assert event.before == {"user": "charlie", "role": "viewer"}
