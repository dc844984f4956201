"""The feedback page's heartbeat chart: citizens' ratings pooled with researchers' recorded
feelings (hand-checked), and one line per segment answer, each suppressed below the threshold."""

import datetime

import pytest
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.evidence import services as evidence
from journeymap.web.feedback import selectors
from tests.web.feedback.test_statistics import respond
from tests.web.journeys.builders import actor_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def voices(made, erin, edinburgh):
    """Step 1: citizens rate 1, 4, 4, 5, 5 (the first two under 25, the rest 25 to 44) and a
    researcher recorded feelings -2 and +1 there; step 2: one citizen rates it 3."""
    link = made["feedback_link"]
    link.segment_questions = ["age_group"]
    link.save()
    steps = list(made["as_is"].steps.order_by("position"))
    for rating, age in [(1, "under_25"), (4, "under_25"), (4, "25_44"), (5, "25_44"),
                        (5, "25_44")]:
        respond(link, steps, ratings={0: rating, **({1: 3} if rating == 1 else {})},
                segments={"age_group": age})
    actor = actor_of(erin, edinburgh)
    activity = evidence.activity_create(actor=actor, context=NO_CLIENT, data={
        "title": "Interviews", "kind": "interview", "objectives": "x",
        "retain_until": datetime.date(2030, 1, 1)})
    for feeling in (-2, 1):
        evidence.observation_add(actor=actor, context=NO_CLIENT, activity=activity,
                                 step=steps[0], data={"note": "n", "feeling": feeling})
    return {**made, "steps": steps}


def test_each_steps_point_pools_citizens_and_researchers(voices):
    beat = selectors.heartbeat(journey_map=voices["as_is"])
    first, second, _ = beat.steps
    # 1, 1, 4, 4, 4, 5, 5: n 7, median 4, mean 24 / 7.
    assert (first.citizens, first.researchers, first.summary.n) == (5, 2, 7)
    assert (first.summary.median, first.summary.mean) == (4.0, pytest.approx(24 / 7))
    assert (second.summary, second.withheld) == (None, True)


def test_one_line_per_segment_answer_suppressed_step_by_step(voices, settings):
    settings.FEEDBACK_SUPPRESS_BELOW = 3
    beat = selectors.heartbeat(journey_map=voices["as_is"], by="age_group")
    assert [(line.label, line.means) for line in beat.lines] == [
        ("Under 25", (None, None, None)),           # two people: below 3
        ("25 to 44", (pytest.approx(14 / 3), None, None))]
    assert selectors.heartbeat(journey_map=voices["as_is"], by="not a question").lines == []


def test_the_page_draws_the_chart_with_its_words(client, voices, erin):
    client.force_login(erin)
    url = reverse("feedback:map_feedback", kwargs={
        "organisation_slug": "edinburgh", "journey_id": voices["journey"].pk,
        "map_id": voices["as_is"].pk})
    page = client.get(url, {"by": "age_group"}).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "n = 7" in page
    assert ("n = 7 (citizens&#x27; ratings: 5; researchers&#x27; observations: fewer than 5)"
            in page)
    assert "fewer than 5: withheld" in page
    assert "Under 25: mean by step: " in page
