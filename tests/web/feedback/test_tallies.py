"""The tallies the map page reads: counted in the submission's own transaction (hand-checked, a
retry counted once, nothing counted when the response is refused), equal to the figures computed
from the stored answers on random data (a property test), and counted once by the migration for
responses stored before the tallies existed."""

import importlib
import uuid

import pytest
from django.apps import apps as installed_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Sum
from django.db.models.fields.json import KeyTextTransform
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.core.feedback.ratings import summarise
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import selectors, services
from journeymap.web.feedback.actors import FeedbackLinkActor
from journeymap.web.feedback.models import (
    FeedbackResponse,
    MapResponseTally,
    StepAnswer,
    StepRatingTally,
)
from journeymap.web.feedback.questions import SEGMENT_QUESTIONS
from tests.web.feedback.test_statistics import respond

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("journeymap.web.feedback.migrations.0003_step_tally")


def tallies(journey_map) -> set[tuple]:
    """(step position, question, answer, rating, count), the count added up over the shards."""
    return set(StepRatingTally.objects.filter(journey_map=journey_map).values_list(
        "step__position", "question", "answer", "rating").annotate(Sum("count")).order_by())


@pytest.fixture
def asked(made):
    link = made["feedback_link"]
    link.segment_questions = ["age_group", "first_time"]
    link.save()
    return {**made, "steps": list(made["as_is"].steps.order_by("position"))}


def test_each_response_adds_its_ratings_overall_and_under_each_segment_answer(asked):
    link, steps = asked["feedback_link"], asked["steps"]
    respond(link, steps, ratings={0: 4, 1: 2}, segments={"age_group": "under_25"})
    respond(link, steps, ratings={0: 4}, segments={"age_group": "under_25", "first_time": "no"})
    respond(link, steps, ratings={}, texts={2: {"what_happened": "Only words"}})
    assert tallies(asked["as_is"]) == {
        (0, "", "", 4, 2), (0, "age_group", "under_25", 4, 2), (0, "first_time", "no", 4, 1),
        (1, "", "", 2, 1), (1, "age_group", "under_25", 2, 1)}
    assert selectors.map_response_count(journey_map=asked["as_is"]) == 3


def test_a_retried_submission_is_counted_once(asked):
    link, step = asked["feedback_link"], asked["steps"][0]
    submission_id = uuid.uuid4()
    for _ in range(2):
        services.feedback_submit(actor=FeedbackLinkActor(link), context=NO_CLIENT, link=link,
                                 submission_id=submission_id,
                                 answers={"steps": {str(step.pk): {"rating": 5}}})
    assert tallies(asked["as_is"]) == {(0, "", "", 5, 1)}
    assert MapResponseTally.objects.get().responses == 1


def test_a_refused_response_counts_nothing(asked):
    link, step = asked["feedback_link"], asked["steps"][0]
    with pytest.raises(ValidationError):
        services.feedback_submit(
            actor=FeedbackLinkActor(link), context=NO_CLIENT, link=link,
            submission_id=uuid.uuid4(),
            answers={"steps": {str(step.pk): {"rating": 5}}, "segments": {"age_group": "x"}})
    assert not StepRatingTally.objects.exists() and not MapResponseTally.objects.exists()


def test_a_map_without_responses_counts_none(made):
    assert selectors.map_response_count(journey_map=made["as_is"]) == 0


def from_the_answers(journey_map, question: str = "") -> dict:
    """Each step's histogram (per segment answer when `question` is given) counted straight from
    the stored answers: the grouped query the map page ran before the tallies."""
    rows = StepAnswer.objects.filter(step__journey_map=journey_map, rating__isnull=False)
    if question:
        rows = rows.annotate(answer=KeyTextTransform(question, "response__segment_answers"))
    histograms: dict = {}
    for row in (rows.values("step_id", "rating", *(["answer"] if question else []))
                .annotate(count=Count("pk")).order_by()):
        key = (row["step_id"], row.get("answer"))
        histograms.setdefault(key, {})[row["rating"]] = row["count"]
    return _shown(histograms, question)


def _shown(histograms: dict, question: str) -> dict:
    """The histograms the page draws: overall, or one per answer that is an option (not
    "prefer not to say")."""
    return {key: histogram for key, histogram in histograms.items()
            if not question or key[1] in SEGMENT_QUESTIONS[question]["options"]}


def assert_same_figures(tallied: dict, answered: dict) -> None:
    """Equal counts, hence equal n, median, mean and spread (the last two up to the order in
    which the floating-point sums were added)."""
    assert tallied == answered
    for key, histogram in answered.items():
        expected, got = summarise(histogram), summarise(tallied[key])
        assert (got.n, got.median) == (expected.n, expected.median)
        assert got.mean == pytest.approx(expected.mean)
        assert got.standard_deviation == pytest.approx(expected.standard_deviation)


def from_the_tallies(journey_map, question: str = "") -> dict:
    histograms: dict = {}
    for step_id, answer, rating, count in StepRatingTally.objects.filter(
            journey_map=journey_map, question=question).values_list(
            "step_id", "answer", "rating", "count"):
        histogram = histograms.setdefault((step_id, answer or None), {})
        histogram[rating] = histogram.get(rating, 0) + count  # the shards added up
    return _shown(histograms, question)


answer_of_a_step = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
a_response = st.tuples(
    st.lists(answer_of_a_step, min_size=3, max_size=3),
    st.sampled_from([None, *SEGMENT_QUESTIONS["age_group"]["options"], "prefer_not"]))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(responses=st.lists(a_response, max_size=12))
def test_the_tallies_give_the_figures_the_stored_answers_give(asked, responses):
    link, steps = asked["feedback_link"], asked["steps"]
    FeedbackResponse.objects.all().delete()
    StepRatingTally.objects.all().delete()
    MapResponseTally.objects.all().delete()
    for ratings, age in responses:
        respond(link, steps,
                ratings={position: rating for position, rating in enumerate(ratings)
                         if rating is not None},
                texts={position: {"what_happened": "words"}
                       for position, rating in enumerate(ratings) if rating is None},
                segments={"age_group": age} if age else {})
    journey_map = asked["as_is"]
    assert_same_figures(from_the_tallies(journey_map), from_the_answers(journey_map))
    assert_same_figures(from_the_tallies(journey_map, "age_group"),
                        from_the_answers(journey_map, "age_group"))
    assert selectors.map_response_count(journey_map=journey_map) == len(responses)


def test_the_migration_counts_the_responses_stored_before_it(asked):
    link, steps = asked["feedback_link"], asked["steps"]
    for rating, age in [(1, "under_25"), (4, "under_25"), (4, "25_44"), (5, None)]:
        respond(link, steps, ratings={0: rating, 2: 6 - rating},
                segments={"age_group": age} if age else {})
    respond(link, steps, ratings={})
    counted = tallies(asked["as_is"])
    StepRatingTally.objects.all().delete()
    MapResponseTally.objects.all().delete()
    backfill.count_stored_responses(installed_apps, None)
    assert tallies(asked["as_is"]) == counted
    assert (0, "age_group", "under_25", 4, 1) in counted
    assert MapResponseTally.objects.get().responses == 5


def test_the_map_figures_read_no_response_or_answer_rows(asked):
    """What makes the map page's cost flat: its figures come from the tallies alone."""
    link, steps = asked["feedback_link"], asked["steps"]
    link.segment_questions = ["age_group"]
    link.save()
    respond(link, steps, ratings={0: 3}, segments={"age_group": "under_25"})
    with CaptureQueriesContext(connection) as captured:
        selectors.map_summary(journey_map=asked["as_is"])
        selectors.heartbeat(journey_map=asked["as_is"], by="age_group")
    read = " ".join(query["sql"] for query in captured)
    assert "feedback_stepratingtally" in read
    assert "feedback_stepanswer" not in read and "feedback_feedbackresponse" not in read
