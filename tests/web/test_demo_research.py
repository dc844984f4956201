"""The demo's segment register and research: the Edinburgh guide's own rows and findings, with
nothing the guide does not say filled in."""

from django.urls import reverse

from journeymap.web.demo_data import demo_load
from journeymap.web.demo_research import FINDINGS
from journeymap.web.evidence.models import Observation, ResearchActivity
from journeymap.web.journeys.models import Journey
from journeymap.web.segments.models import Segment

FIGURES = ("size", "dissatisfied_percent", "complaints", "journeys_per_year", "cost_to_serve")


def test_the_demo_holds_the_guides_segments_with_unknown_figures_left_unknown(db):
    demo_load()
    segments = Segment.objects.filter(organisation__slug="edinburgh").order_by("pk")
    assert [(s.group, s.name) for s in segments] == [
        ("Scheme Members", "New Scheme Members"), ("Scheme Members", "Members"),
        ("Scheme Members", "Members approaching retirement"),
        ("", "New claims without support")]
    for segment in segments:
        assert [getattr(segment, name) for name in FIGURES] == [None] * len(FIGURES)
    # Only the case study says anything of need: a hard-to-reach group, some with a disability
    # or language barrier.
    assert [(s.priority, s.vulnerability) for s in segments] == [("", "")] * 3 + [("", "high")]
    benefits = Journey.objects.get(title="Claiming Housing Benefit and Council Tax Benefit")
    assert benefits.mapped_segment == segments[3]
    assert "hard-to-reach" in segments[3].characteristics


def test_the_benefits_as_is_map_carries_the_case_studys_findings(db):
    demo_load()
    activity = ResearchActivity.objects.get(organisation__slug="edinburgh")
    assert (activity.participants, activity.held_on, activity.segment.name) == (
        8, None, "New claims without support")
    observations = Observation.objects.filter(activity=activity).select_related(
        "step__journey_map").order_by("pk")
    assert [(o.step.key, o.note) for o in observations] == [(key, note) for key, note, *_ in
                                                             FINDINGS]
    assert {o.step.journey_map.title for o in observations} == {"Claiming benefits – as is"}
    assert all(o.feeling is None for o in observations)  # the guide gives no scores
    demo_load()  # again: nothing doubled
    assert (Segment.objects.count(), Observation.objects.count()) == (4, len(FINDINGS))


def test_the_demo_ranks_by_greatest_need_and_says_which_rows_have_no_figures(client, db):
    demo_load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo"))
    page = client.get(reverse("segments:priorities", args=["edinburgh"]),
                      {"target": "need"}).content.decode()
    body = page[page.index("<tbody"):]
    # Ranked first on need alone (high = 1, so 100.0); the scheme-member rows, with nothing
    # known, follow as not ranked.
    assert body.index("New claims without support") < body.index("New Scheme Members")
    assert "100.0" in body
    assert body.count("None of the weighted figures is known.") == 3
