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
        assert (segment.priority, segment.vulnerability) == ("", "")
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


def test_the_demo_ranking_page_says_it_has_no_figures_to_rank_by(client, db):
    demo_load()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo"))
    page = client.get(reverse("segments:priorities", args=["edinburgh"])).content.decode()
    assert "New claims without support" in page and "not known" in page
