"""The audit log: every staff change recorded with before and after, and never rewritable."""

import pytest
from axes.helpers import get_client_ip_address
from django.db import DatabaseError, transaction
from django.urls import reverse

from journeymap.web.accounts.models import Membership
from journeymap.web.audit.models import AuditEvent


def test_role_change_is_recorded_with_before_and_after(client, alice, charlie, edinburgh):
    client.force_login(alice)
    membership = Membership.objects.get(user=charlie)
    url = reverse("accounts:member_role", args=[edinburgh.slug, membership.pk])
    client.post(url, {"role": "editor"})
    event = AuditEvent.objects.filter(object_type="membership", action="change").get()
    assert event.actor == alice
    assert event.organisation_id == edinburgh.pk
    assert event.before == {"role": "viewer"}
    assert event.after == {"role": "editor"}


def test_audit_rows_cannot_be_updated_or_deleted_in_the_database(alice, edinburgh):
    event = AuditEvent.objects.create(action="change", object_type="thing",
                                      organisation_id=edinburgh.pk, actor_label="alice")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="mallory")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.actor_label == "alice"


def test_deleting_a_person_keeps_their_history(alice, edinburgh):
    event = AuditEvent.objects.create(action="change", object_type="thing", actor=alice,
                                      organisation_id=edinburgh.pk, actor_label="alice")
    Membership.objects.filter(user=alice).delete()
    alice.delete()
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.actor_label == "alice"


def test_admins_see_their_organisations_log_only(client, alice, bob, edinburgh, stoke):
    AuditEvent.objects.create(action="change", object_type="journey", object_label="Ours",
                              organisation_id=edinburgh.pk, actor_label="alice")
    AuditEvent.objects.create(action="change", object_type="journey", object_label="Theirs",
                              organisation_id=stoke.pk, actor_label="bob")
    client.force_login(alice)
    page = client.get(reverse("accounts:audit", args=[edinburgh.slug])).content.decode()
    assert "Ours" in page
    assert "Theirs" not in page


@pytest.mark.parametrize("person", ["charlie", "erin"])
def test_non_admins_cannot_read_the_log(client, request, person, edinburgh):
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("accounts:audit", args=[edinburgh.slug])).status_code == 403


def test_the_log_page_offers_no_way_to_change_it(client, alice, edinburgh):
    AuditEvent.objects.create(action="change", object_type="journey",
                              organisation_id=edinburgh.pk, actor_label="alice")
    client.force_login(alice)
    page = client.get(reverse("accounts:audit", args=[edinburgh.slug])).content.decode()
    main = page.split('id="main-content"')[1].split("</main>")[0]
    assert "<form" not in main
    response = client.post(reverse("accounts:audit", args=[edinburgh.slug]), {"id": 1})
    assert AuditEvent.objects.filter(organisation_id=edinburgh.pk).count() == 1
    assert response.status_code in (200, 405)


def test_a_failed_sign_in_is_recorded_with_the_name_tried_and_the_address(client, alice):
    client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"},
                REMOTE_ADDR="198.51.100.7")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.actor_id, event.actor_label) == (None, "anonymous visitor")
    assert (event.object_label, event.ip_address) == ("alice", "198.51.100.7")
    assert event.after == {"reason": "wrong username or password"}
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_a_successful_sign_in_and_the_sign_out_are_recorded_with_the_address(client, alice):
    from tests.factories import PASSWORD

    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD},
                REMOTE_ADDR="198.51.100.8")
    client.post(reverse("accounts:logout"), REMOTE_ADDR="198.51.100.9")
    rows = AuditEvent.objects.order_by("pk")
    assert [(row.action, row.actor, row.ip_address) for row in rows] == [
        (AuditEvent.Action.LOGIN, alice, "198.51.100.8"),
        (AuditEvent.Action.LOGOUT, alice, "198.51.100.9"),
    ]


def test_a_change_made_through_a_page_carries_the_address(client, alice, charlie, edinburgh):
    client.force_login(alice)
    membership = Membership.objects.get(user=charlie)
    client.post(reverse("accounts:member_role", args=[edinburgh.slug, membership.pk]),
                {"role": "editor"}, REMOTE_ADDR="203.0.113.5")
    assert AuditEvent.objects.get(object_type="membership").ip_address == "203.0.113.5"


def test_the_log_takes_only_actions_from_its_enumeration(alice):
    from journeymap.web.accounts.actors import PersonActor
    from journeymap.web.audit.context import NO_CLIENT
    from journeymap.web.audit.record import record

    with pytest.raises(TypeError, match=r"AuditEvent\.Action"):
        record(actor=PersonActor.of(alice), action="create", object_type="thing",
               context=NO_CLIENT)
    assert not AuditEvent.objects.exists()


def test_every_call_of_record_names_an_action_of_the_enumeration():
    """No bare strings: the log's vocabulary is AuditEvent.Action and nothing else."""
    import pathlib
    import re

    import journeymap.web as web

    bare = []
    for path in pathlib.Path(web.__file__).parent.rglob("*.py"):
        for match in re.finditer(r"action=(\"|')", path.read_text()):
            bare.append(f"{path.name}: {match.group(0)}")
    assert bare == []


def test_the_audit_app_imports_no_domain_app():
    """Any domain can record into the log because the log knows none of them."""
    import ast
    import pathlib

    import journeymap.web.audit as audit

    imported = set()
    for path in pathlib.Path(audit.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    own = {name for name in imported if name.startswith("journeymap")}
    assert own and all(name.startswith("journeymap.web.audit") for name in own), own


def test_sign_ins_refused_by_the_lockout_are_recorded_too(client, alice):
    from django.conf import settings

    from tests.factories import PASSWORD

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    reasons = [row.after["reason"] for row in AuditEvent.objects.order_by("pk")]
    assert reasons[-1] == "locked out"
    assert len(reasons) == settings.AXES_FAILURE_LIMIT + 1
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


@pytest.mark.parametrize(("proxies", "forwarded", "remote", "expected"), [
    (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),  # no proxy trusted: the header is the client's
    (1, "203.0.113.9", "10.0.0.1", "203.0.113.9"),
    (1, "198.51.100.1, 203.0.113.9", "10.0.0.1", "203.0.113.9"),  # leftmost entry is forged
    (2, "203.0.113.9, 10.0.0.2", "10.0.0.1", "203.0.113.9"),
    (2, "203.0.113.9", "10.0.0.1", "10.0.0.1"),  # did not pass through both proxies
    (1, "not-an-address", "10.0.0.1", None),
    (1, "2001:db8::1", "10.0.0.1", "2001:db8::1"),
])
def test_the_client_address_counts_trusted_proxies_from_the_right(
        rf, settings, proxies, forwarded, remote, expected):
    from journeymap.web.audit.context import AuditContext

    settings.JOURNEYMAP_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert AuditContext.from_request(request).client_address == expected
    assert get_client_ip_address(request) == expected  # the sign-in lockout counts the same


def test_behind_a_proxy_the_failed_sign_in_is_recorded_with_the_clients_address(
        client, alice, settings):
    settings.JOURNEYMAP_PROXY_COUNT = 1
    client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"},
                HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="10.0.0.1")
    row = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert row.ip_address == "203.0.113.9"
