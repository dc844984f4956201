"""The journeys at a glance, on the journeys list and the dashboard: heartbeat, worst step,
avoidable steps, owner and dates of each journey's latest map; filtered, sorted, and in the
same number of queries however many journeys there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services
from journeymap.web.journeys.portfolio import portfolio_of
from journeymap.web.segments import services as segment_services
from tests.web.journeys.builders import actor_of

pytestmark = pytest.mark.django_db


def journey(actor, title, service, steps, **map_fields):
    made = services.journey_create(actor=actor, context=NO_CLIENT,
                                   data={"title": title, "service": service})
    services.map_create(actor=actor, context=NO_CLIENT, journey=made, data={
        "title": f"{title} – as is", "kind": "as_is", **map_fields,
        "steps": [{"id": f"s{n}", "name": f"{title} step {n}", **step}
                  for n, step in enumerate(steps, start=1)]})
    return made


@pytest.fixture
def actor(edinburgh, erin):
    return actor_of(erin, edinburgh)


def test_a_glance_shows_only_what_the_latest_map_records(edinburgh, actor):
    journey(actor, "Joining", "Pensions", [
        {"emotion": 1, "avoidable": "no"}, {"emotion": -2, "avoidable": "yes"},
        {"emotion": None}, {"emotion": -2, "avoidable": "yes"}],
        owner="Pat", mapped_on="2026-03-01", review_by="2026-09-01")
    journey(actor, "Retiring", "Pensions", [{}, {}])
    joining, retiring = portfolio_of(organisation=edinburgh)
    assert (joining.worst_step.number, joining.worst_step.emotion_label) == (2, "Very unhappy")
    assert joining.avoidable_steps == 2
    assert (joining.owner, joining.mapped_on, joining.review_by) == (
        "Pat", datetime.date(2026, 3, 1), datetime.date(2026, 9, 1))
    assert "(1 not recorded)" in joining.heartbeat.description
    # Nothing recorded is shown as not known, never as 0.
    assert retiring.worst_step is None and retiring.avoidable_steps is None
    assert retiring.heartbeat.runs == ()


def test_the_list_filters_by_service_and_segment_and_sorts(client, edinburgh, erin, actor):
    journey(actor, "Joining", "Pensions", [{"emotion": 1}], review_by="2026-12-01")
    retiring = journey(actor, "Retiring", "Pensions", [{"emotion": -2}],
                       review_by="2026-06-01")
    journey(actor, "Paying council tax", "Revenues", [{"emotion": 0}])
    segment = segment_services.segment_create(actor=actor, context=NO_CLIENT,
                                              data={"name": "Members nearing retirement"})
    segment_services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=retiring,
                                         segment=segment)
    client.force_login(erin)
    url = reverse("journeys:list", kwargs={"organisation_slug": "edinburgh"})

    def titles(query) -> list[str]:
        """The journeys the table shows, in its order."""
        page = client.get(url, query).content.decode()
        table = page[page.index("<tbody"):page.index("</tbody>")]
        shown = [title for title in ("Joining", "Retiring", "Paying council tax")
                 if f">{title}</a>" in table]
        return sorted(shown, key=lambda title: table.index(f">{title}</a>"))

    assert titles({}) == ["Joining", "Paying council tax", "Retiring"]
    assert titles({"service": "Pensions"}) == ["Joining", "Retiring"]
    assert titles({"segment": segment.pk}) == ["Retiring"]
    assert titles({"sort": "worst"}) == ["Retiring", "Paying council tax",
                                                          "Joining"]
    assert titles({"sort": "review"}) == ["Retiring", "Joining",
                                                           "Paying council tax"]
    # An unknown choice in the address is ignored, not an error.
    assert titles({"sort": "nonsense", "segment": "x"}) == [
        "Joining", "Paying council tax", "Retiring"]


def test_the_heartbeat_is_an_inline_picture_with_words_and_user_text_is_escaped(
        client, erin, actor):
    journey(actor, "<b>Joining</b>", "Pensions", [{"emotion": -1}, {"emotion": 2}])
    client.force_login(erin)
    page = client.get(reverse("journeys:list", kwargs={"organisation_slug": "edinburgh"}))
    html = page.content.decode()
    assert "&lt;b&gt;Joining&lt;/b&gt;" in html and "<b>Joining</b>" not in html
    assert 'role="img"' in html and "Emotion across 2 steps: Unhappy, Very happy." in html
    dashboard = client.get(reverse("dashboard:organisation",
                                   kwargs={"organisation_slug": "edinburgh"})).content.decode()
    assert "Emotion across 2 steps: Unhappy, Very happy." in dashboard


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_number_of_journeys(client, erin, actor):
    client.force_login(erin)
    journeys_url = reverse("journeys:list", kwargs={"organisation_slug": "edinburgh"})
    dashboard_url = reverse("dashboard:organisation", kwargs={"organisation_slug": "edinburgh"})
    for number in range(2):
        journey(actor, f"Journey {number}", f"Service {number}", [{"emotion": 1}] * 3)
    few = (_queries(client, journeys_url), _queries(client, dashboard_url))
    for number in range(2, 12):
        journey(actor, f"Journey {number}", f"Service {number}", [{"emotion": 1}] * 3)
    assert (_queries(client, journeys_url), _queries(client, dashboard_url)) == few
