"""Reads of feedback: links and responses within one organisation ("missing" and "not yours"
are the same 404), a link by its public token, and what citizens said about a map.

The statistics are computed from the tallies (how many gave each rating at each step, overall
and per segment answer; see tallies.py), kept as responses arrive, so the map page reads a few
rows per step and costs the same at a hundred responses as at a hundred thousand; figures below
the suppression threshold never leave this module.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from journeymap.core.disclosure import CountDisclosure
from journeymap.core.feedback.heartbeat import SegmentLine, StepScores, pooled_step, segment_line
from journeymap.core.feedback.ratings import RatingSummary, summarise
from journeymap.core.maps.render.citizen_lines import CitizenLines
from journeymap.web.evidence.models import Observation
from journeymap.web.feedback import raw_rows
from journeymap.web.feedback.models import (
    FeedbackLink,
    FeedbackResponse,
    MapResponseTally,
    MapTranslation,
    StepAnswer,
    StepRatingTally,
)
from journeymap.web.feedback.questions import SEGMENT_QUESTIONS
from journeymap.web.journeys.models import JourneyMap, Step

ANSWERS_PER_PAGE = 25


def links_of(*, journey_map: JourneyMap) -> QuerySet[FeedbackLink]:
    return (FeedbackLink.objects.for_organisation(journey_map.organisation)
            .filter(journey_map=journey_map).select_related("created_by")
            .annotate(response_count=Count("responses")))


def link_get(*, journey_map: JourneyMap, link_id: int) -> FeedbackLink:
    return get_object_or_404(links_of(journey_map=journey_map), pk=link_id)


def link_by_token(*, token_hash: str) -> FeedbackLink | None:
    """The link behind a public token, whatever its state (the form says why a link is shut),
    with its map and organisation: read on every page of the public form, so without the ORM's
    query compiler (see raw_rows)."""
    return raw_rows.link_with_map_and_organisation(token_hash)


def step_ids(*, journey_map_id: int) -> list[int]:
    """The ids of a map's steps in their order on the map (read for every citizen's form, so
    as text, see raw_rows)."""
    return raw_rows.values_of(Step, "id", where="journey_map", equals=journey_map_id,
                              order_by=("position", "id"))


def step_of_link(*, link: FeedbackLink, step_id: int) -> Step:
    """A step of the link's own map (a token naming another map's step finds nothing)."""
    return get_object_or_404(Step.objects.filter(journey_map_id=link.journey_map_id), pk=step_id)


def response_count(*, link: FeedbackLink) -> int:
    return link.responses.count()


def response_stored(*, link: FeedbackLink, submission_id) -> bool:
    return FeedbackResponse.objects.filter(link=link, submission_id=submission_id).exists()


def suppression_threshold(*, journey_map: JourneyMap) -> int:
    """The strictest threshold of the map's links and the installation's default: the page pools
    every link's responses, so it honours the highest promise made for any of them."""
    # Straight from the links (links_of counts each link's responses, which this needs not).
    highest = (FeedbackLink.objects.for_organisation(journey_map.organisation)
               .filter(journey_map=journey_map)
               .aggregate(highest=Max("suppress_below"))["highest"])
    return max(settings.FEEDBACK_SUPPRESS_BELOW, highest or 0)


@dataclass(frozen=True)
class StepFeedback:
    """What citizens said about one step. `summary` is None when fewer than `threshold` rated it
    (then `n` is not shown either); `rated` is False when nobody did."""

    step_id: int
    position: int
    name: str
    summary: RatingSummary | None
    rated: bool
    threshold: int


def step_feedback(*, journey_map: JourneyMap) -> list[StepFeedback]:
    """Per-step rating statistics of the map, in step order, suppressed below the threshold."""
    threshold = suppression_threshold(journey_map=journey_map)
    histograms = _citizens_histograms(journey_map)
    result = []
    for step in journey_map.steps.order_by("position"):
        summary = summarise(histograms.get(step.pk, {}))
        result.append(StepFeedback(
            step_id=step.pk, position=step.position + 1, name=step.name,
            summary=summary if summary is not None and summary.n >= threshold else None,
            rated=summary is not None, threshold=threshold))
    return result


def _tallies(journey_map: JourneyMap, question: str = "") -> QuerySet[StepRatingTally]:
    return StepRatingTally.objects.for_organisation(journey_map.organisation).filter(
        journey_map=journey_map, question=question)


def _citizens_histograms(journey_map: JourneyMap) -> dict[int, dict[int, int]]:
    """{step id: {rating: how many}} over every response to the map."""
    histograms: dict[int, dict[int, int]] = {}
    for step_id, rating, count in _tallies(journey_map).values_list(
            "step_id", "rating").annotate(Sum("count")).order_by():
        histograms.setdefault(step_id, {})[rating] = count
    return histograms


def map_response_count(*, journey_map: JourneyMap) -> int:
    return (MapResponseTally.objects.for_organisation(journey_map.organisation)
            .filter(journey_map=journey_map).aggregate(total=Sum("responses"))["total"] or 0)


def answers_with_text(*, journey_map: JourneyMap, step_id: int | None = None, search: str = "",
                      page_number: int | str = 1) -> Page:
    """Free-text answers, newest first, optionally for one step and matching `search`."""
    answers = (StepAnswer.objects.for_organisation(journey_map.organisation)
               .filter(step__journey_map=journey_map)
               .filter(~Q(what_happened="") | ~Q(how_they_felt=""))
               .select_related("step", "response")
               .order_by("-response__received_at", "-pk"))
    if step_id is not None:
        answers = answers.filter(step_id=step_id)
    if search:
        answers = answers.filter(Q(what_happened__icontains=search)
                                 | Q(how_they_felt__icontains=search))
    return Paginator(answers, ANSWERS_PER_PAGE).get_page(page_number)


def something_else_answers(*, journey_map: JourneyMap, page_number: int | str = 1) -> Page:
    """What citizens said happened that the map does not show (between steps, or anywhere),
    newest first, for the analyst to consider as missing steps."""
    answers = (StepAnswer.objects.for_organisation(journey_map.organisation)
               .filter(step__journey_map=journey_map).exclude(something_else="")
               .select_related("step", "response").order_by("-response__received_at", "-pk"))
    return Paginator(answers, ANSWERS_PER_PAGE).get_page(page_number)


def anything_else_answers(*, journey_map: JourneyMap) -> QuerySet[FeedbackResponse]:
    return (FeedbackResponse.objects.for_organisation(journey_map.organisation)
            .filter(journey_map=journey_map).exclude(anything_else="")
            .order_by("-received_at", "-pk"))


@dataclass(frozen=True)
class MapFeedbackSummary:
    """What the map page shows of citizens' feedback: responses, and each step's figures."""

    responses: int
    steps: list[StepFeedback]
    threshold: int

    @property
    def responses_text(self) -> str:
        return CountDisclosure(self.threshold).text(self.responses)


def map_summary(*, journey_map: JourneyMap) -> MapFeedbackSummary:
    steps = step_feedback(journey_map=journey_map)
    return MapFeedbackSummary(
        responses=map_response_count(journey_map=journey_map), steps=steps,
        threshold=steps[0].threshold if steps else suppression_threshold(journey_map=journey_map))


@dataclass(frozen=True)
class Heartbeat:
    """The chart's data: each step's pooled scores, and one line per answer to `by`."""

    steps: list[StepScores]
    lines: list[SegmentLine]
    by: str | None


def heartbeat(*, journey_map: JourneyMap, by: str | None = None) -> Heartbeat:
    """Citizens' ratings pooled with researchers' recorded feelings, step by step, and, when
    `by` names a segment question, one line per answer to it: read from the tallies and the
    researchers' observations, whatever the number of responses."""
    threshold = suppression_threshold(journey_map=journey_map)
    steps = list(journey_map.steps.order_by("position").values_list("pk", "name"))
    citizens = _citizens_histograms(journey_map)
    feelings: dict[int, dict[int, int]] = {}
    for row in (Observation.objects.for_organisation(journey_map.organisation)
                .filter(step__journey_map=journey_map, feeling__isnull=False)
                .values("step_id", "feeling").annotate(count=Count("pk")).order_by()):
        feelings.setdefault(row["step_id"], {})[row["feeling"]] = row["count"]
    pooled = [pooled_step(name=name, citizens=citizens.get(pk, {}), feelings=feelings.get(pk, {}),
                          threshold=threshold) for pk, name in steps]
    lines = _segment_lines(journey_map, by=by, step_ids=[pk for pk, _ in steps],
                           threshold=threshold) if by in SEGMENT_QUESTIONS else []
    return Heartbeat(steps=pooled, lines=lines, by=by if by in SEGMENT_QUESTIONS else None)


def _segment_lines(journey_map: JourneyMap, *, by: str, step_ids: list[int],
                   threshold: int) -> list[SegmentLine]:
    """One line per answer to segment question `by` that someone gave, in the question's order,
    from the tallies; each step suppressed below `threshold`."""
    groups: dict[str, dict[int, dict[int, int]]] = {}
    for answer, step_id, rating, count in _tallies(journey_map, by).values_list(
            "answer", "step_id", "rating").annotate(Sum("count")).order_by():
        if answer in SEGMENT_QUESTIONS[by]["options"]:
            groups.setdefault(answer, {}).setdefault(step_id, {})[rating] = count
    return [segment_line(label=str(label), threshold=threshold,
                         histograms=[groups[answer].get(pk, {}) for pk in step_ids])
            for answer, label in SEGMENT_QUESTIONS[by]["options"].items() if answer in groups]


def citizen_lines(*, journey_map: JourneyMap, by: str | None) -> CitizenLines | None:
    """Citizens' feeling per answer to segment question `by`, for the map's picture: None when
    `by` is not a segment question."""
    if by not in SEGMENT_QUESTIONS:
        return None
    threshold = suppression_threshold(journey_map=journey_map)
    step_ids = list(journey_map.steps.order_by("position").values_list("pk", flat=True))
    return CitizenLines(question=str(SEGMENT_QUESTIONS[by]["question"]), threshold=threshold,
                        lines=tuple(_segment_lines(journey_map, by=by, step_ids=step_ids,
                                                   threshold=threshold)))


def translations_of(*, journey_map: JourneyMap) -> dict[str, MapTranslation]:
    """The map's translations for the form, by language."""
    return {translation.language: translation for translation in
            MapTranslation.objects.for_organisation(journey_map.organisation)
            .filter(journey_map=journey_map).select_related("updated_by")}


def translation_initial(*, journey_map: JourneyMap, language: str) -> dict:
    """What the translation form starts with: the words saved in `language`, if any."""
    translation = translations_of(journey_map=journey_map).get(language)
    if translation is None:
        return {}
    initial = {"journey_title": translation.journey_title}
    for row in translation.steps.all():
        initial[f"step_{row.step_id}"] = row.name
        initial[f"step_{row.step_id}_does"] = row.customer_does
    return initial
