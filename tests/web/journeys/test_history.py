"""History: every state of a map is kept, viewable, and restorable (the restore audited)."""

import pytest
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import services
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    first = made["as_is"].steps.order_by("position").first()
    services.step_update(actor=made["actor"], context=NO_CLIENT, step=first,
                         data={"name": "Renamed later"}, expected_version=1)
    return made


def args(made, *more):
    return ["edinburgh", made["journey"].pk, made["as_is"].pk, *more]


def test_history_lists_every_revision_newest_first(client, charlie, made):
    client.force_login(charlie)
    page = client.get(reverse("journeys:map_history", args=args(made))).content.decode()
    assert page.index("Revision 2") < page.index("Revision 1")
    assert "Step changed: Renamed later" in page and "Map created" in page


def test_an_earlier_revision_is_shown_read_only(client, charlie, made):
    client.force_login(charlie)
    first = made["as_is"].revisions.get(number=1)
    page = client.get(reverse("journeys:revision", args=args(made, first.pk))).content.decode()
    assert "1. Step 1" in page and "Renamed later" not in page
    assert "<area" not in page and "Restore revision" not in page  # charlie is a viewer


def test_restoring_puts_the_earlier_state_back_as_a_new_audited_revision(client, erin, made):
    client.force_login(erin)
    first = made["as_is"].revisions.get(number=1)
    page = client.get(reverse("journeys:revision", args=args(made, first.pk))).content.decode()
    assert "Restore revision 1" in page
    response = client.post(reverse("journeys:revision_restore", args=args(made, first.pk)))
    assert response.status_code == 302
    assert made["as_is"].steps.order_by("position").first().name == "Step 1"
    made["as_is"].refresh_from_db()
    assert made["as_is"].revision == 3
    assert made["as_is"].revisions.filter(summary="Restored revision 1").exists()
    assert AuditEvent.objects.filter(object_type="journeymap",
                                     after__restored_revision=1).exists()


def test_restore_is_post_only_and_for_editors(client, charlie, made):
    first = made["as_is"].revisions.get(number=1)
    client.force_login(charlie)
    assert client.post(reverse("journeys:revision_restore",
                               args=args(made, first.pk))).status_code == 403
    made["as_is"].refresh_from_db()
    assert made["as_is"].revision == 2


def test_a_long_history_is_paged_newest_first(client, charlie, made):
    for number in range(60):
        step = made["as_is"].steps.order_by("position").first()
        services.step_update(actor=made["actor"], context=NO_CLIENT, step=step,
                             data={"owner": f"Owner {number}"}, expected_version=step.version)
    client.force_login(charlie)
    history = reverse("journeys:map_history", args=args(made))
    first_page = client.get(history).content.decode()
    assert "Revision 62<" in first_page and "Revision 12<" not in first_page
    assert "Page 1 of 2" in first_page
    second_page = client.get(history, {"page": 2}).content.decode()
    assert "Revision 12<" in second_page and "Revision 1<" in second_page
