"""The evidence pack as a staff page: every section for a journey that has them, "none recorded"
where it has not, user text escaped, another organisation's journey a 404, and every pack made
written to the audit log."""

import pytest
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import services as journey_services
from journeymap.web.segments import services as segment_services
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import actor_of, journey_with_maps
from tests.web.packs.builders import ratings_from
from tests.web.segments.builders import pension_segments

pytestmark = pytest.mark.django_db


def pack_url(journey, name="packs:page") -> str:
    return reverse(name, kwargs={"organisation_slug": journey.organisation.slug,
                                 "journey_id": journey.pk})


@pytest.fixture
def evidenced(edinburgh, erin):
    """A journey with a segment from the register, an interview with three findings on its as-is
    map, and five citizens' ratings of its first step (two of its second: below the threshold)."""
    made = journey_with_maps(organisation=edinburgh, user=erin)
    segment = pension_segments(organisation=edinburgh, user=erin)[2]
    segment_services.journey_set_segment(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                         journey=made["journey"], segment=segment)
    made["journey"].refresh_from_db()
    interview_with_observations(organisation=edinburgh, user=erin, journey_map=made["as_is"])
    steps = list(made["as_is"].steps.order_by("position"))
    ratings_from(made["feedback_link"], steps,
                 [{0: 1, 1: 3}, {0: 4, 1: 3}, {0: 4}, {0: 5}, {0: 5}])
    return made


def test_the_pack_shows_every_section_of_a_journey_that_has_them(client, charlie, evidenced):
    client.force_login(charlie)  # a viewer: any member may make the pack
    response = client.get(pack_url(evidenced["journey"]))
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("The customer segment", "The research done", "The maps",
                  "Citizens&#x27; ratings"):
        assert title in page
    assert "Members approaching retirement" in page  # the segment
    assert "Those retiring on ill-health grounds" in page  # its register columns
    assert "Interviews with new claimants" in page  # the research, counted
    assert "Quote 1" not in page and "participant 1" not in page.lower()  # no participant data
    assert "Joining – as is" in page and "Joining – to be" in page  # both maps
    assert page.count("data:image/svg+xml;base64,") == 4  # each map and its emotion curve
    assert "3.80" in page  # step 1's mean rating of five
    assert "Hidden: fewer than 5 people rated this step" in page  # step 2, two ratings


def test_a_figure_the_register_does_not_hold_is_not_known_never_zero(client, erin, evidenced):
    client.force_login(erin)
    page = client.get(pack_url(evidenced["journey"])).content.decode()
    segment_part = page.split('id="segment"')[1].split('id="research"')[0]
    # "Members approaching retirement" has no journeys a year and no cost to serve.
    assert segment_part.count("not known") >= 2
    assert "Journeys a year" in segment_part


def test_a_journey_with_nothing_recorded_says_so_in_every_section(client, erin, edinburgh):
    journey = journey_services.journey_create(
        actor=actor_of(erin, edinburgh), context=NO_CLIENT,
        data={"title": "Renewing a permit", "service": "Parking"})
    client.force_login(erin)
    page = client.get(pack_url(journey)).content.decode()
    for part in ("the journey names no segment of the register",
                 "no research activity has findings on this journey",
                 "the journey has no maps yet",
                 "no citizen has rated the steps of this journey"):
        assert f"None recorded: {part}" in page


HOSTILE = ("<script>alert('x')</script> Tom & Jerry שלום עולם "
           "Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters")


def test_hostile_text_is_escaped_and_whole(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    journey_services.journey_update(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                    journey=made["journey"], data={"title": HOSTILE})
    client.force_login(erin)
    page = client.get(pack_url(made["journey"])).content.decode()
    assert "<script>alert" not in page
    assert ("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Tom &amp; Jerry שלום עולם "
            "Pneumonoultramicroscopicsilicovolcanoconiosisandthensomemoreletters") in page


def test_another_organisations_journey_is_not_found(client, bob, evidenced):
    client.force_login(bob)
    for name in ("packs:page", "packs:pdf"):
        assert client.get(pack_url(evidenced["journey"], name)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_making_a_pack_is_written_to_the_audit_log(client, charlie, evidenced):
    client.force_login(charlie)
    client.get(pack_url(evidenced["journey"]), REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.actor_label, event.object_type, event.object_id, event.ip_address) == (
        "charlie", "evidence pack", str(evidenced["journey"].pk), "192.0.2.7")
    assert event.after["format"] == "html"
    assert event.after["sections"][:4] == ["segment", "research", "maps", "feedback"]
    assert event.organisation_id == evidenced["journey"].organisation_id


def test_the_journey_page_links_to_its_pack(client, charlie, evidenced):
    client.force_login(charlie)
    page = client.get(reverse("journeys:detail", kwargs={
        "organisation_slug": "edinburgh", "journey_id": evidenced["journey"].pk})).content.decode()
    assert pack_url(evidenced["journey"]) in page
