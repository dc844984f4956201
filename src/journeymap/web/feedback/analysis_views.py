"""What citizens said about a map: per-step figures, their own words, and what the map misses."""

from django.shortcuts import render
from django.utils.safestring import mark_safe

from journeymap.core.feedback.heartbeat import chart_svg, text_alternative
from journeymap.web.accounts.access import organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.feedback import selectors
from journeymap.web.feedback.questions import SEGMENT_QUESTION_CHOICES
from journeymap.web.journeys import selectors as journey_selectors

SEARCH_LIMIT = 200


@organisation_view()
def map_feedback(request, journey_id: int, map_id: int):
    journey_map = journey_selectors.map_get(organisation=request.organisation,
                                            journey_id=journey_id, map_id=map_id)
    search = request.GET.get("q", "").strip()[:SEARCH_LIMIT]
    steps = {str(step.pk): step for step in journey_map.steps.all()}
    chosen_step = steps.get(request.GET.get("step", ""))
    heartbeat = selectors.heartbeat(journey_map=journey_map, by=request.GET.get("by"))
    return render(request, "feedback/map_feedback.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "search": search,
        "chosen_step": chosen_step, "steps": list(steps.values()),
        "summary": selectors.map_summary(journey_map=journey_map),
        "answers": selectors.answers_with_text(
            journey_map=journey_map, step_id=chosen_step.pk if chosen_step else None,
            search=search, page_number=request.GET.get("page", 1)),
        "something_else": selectors.something_else_answers(
            journey_map=journey_map, page_number=request.GET.get("other_page", 1)),
        "anything_else": selectors.anything_else_answers(journey_map=journey_map)[:50],
        "can_edit": request.actor.can(Permission.EDIT),
        "heartbeat": heartbeat, "segment_questions": SEGMENT_QUESTION_CHOICES,
        # chart_svg escapes every piece of text it is given.
        "heartbeat_svg": mark_safe(chart_svg(  # noqa: S308
            heartbeat.steps, heartbeat.lines, title=f"How people felt: {journey_map.title}")),
        "heartbeat_text": text_alternative(heartbeat.steps, heartbeat.lines),
    })
