"""The words for every picture of a map: screen readers read them, and so does anyone printing.

The same text goes into the SVG's <title>/<desc>, next to PNGs in the web page, and into PDFs.
It starts with the map's facts and its persona (the customer the map follows), then names every
stage and every step in order with its feeling, channels, moments of truth, avoidability,
importance and impact and the lanes the picture shows, so someone who cannot see the heartbeat
chart learns what it shows.
"""

from __future__ import annotations

from journeymap.core.maps.schema import (
    BLUEPRINT_LANES,
    BUILT_IN_LANES,
    JourneyMap,
    MapDocument,
    Step,
)
from journeymap.core.maps.totals import known_total


def picture_title(doc: MapDocument) -> str:
    """A one-line title: the map, its kind, and the journey it maps."""
    return f"{doc.map.title} ({doc.map.kind.label}): {doc.journey.title}"


def _persona(journey_map: JourneyMap) -> list[str]:
    persona = journey_map.persona
    if persona is None:
        return []
    lines = [f"Persona: {persona.name}." + (f" {persona.description}" if persona.description
                                            else "")]
    for heading, items in (("Needs", persona.needs), ("Goals", persona.goals),
                           ("Frustrations", persona.frustrations)):
        if items:
            lines.append(f"{heading}: " + "; ".join(items) + ".")
    return lines


def _facts(doc: MapDocument) -> list[str]:
    journey, journey_map = doc.journey, doc.map
    lines = []
    if journey.segment:
        lines.append(f"Customer segment: {journey.segment}.")
    lines.append(f"Service: {journey.service}.")
    for label, value in (("Trigger", journey.trigger), ("Outcome", journey.outcome),
                         ("Organisations", ", ".join(journey.organisations)),
                         ("Owner", journey_map.owner)):
        if value.strip():
            lines.append(f"{label}: {value}.")
    if journey_map.review_by:
        lines.append(f"Review by {journey_map.review_by.isoformat()}.")
    return lines


def _step_sentence(number: int, step: Step, journey_map: JourneyMap, lanes: list[str]) -> str:
    parts = [f"Step {number}, {step.name}: feeling {step.emotion_label.lower()}"]
    if step.touchpoints:
        channels = ", ".join(
            tp.channel.label + (" (moment of truth)" if tp.moment_of_truth else "")
            for tp in step.touchpoints
        )
        parts.append(f"channels {channels}")
    if step.avoidable is not None:
        parts.append(f"could have been avoided: {step.avoidable.label.lower()}")
    if "importance" in lanes:
        for name, level in (("importance", step.importance), ("impact", step.impact)):
            if level is not None:
                parts.append(f"{name} {level.label.lower()}")
    for key in BLUEPRINT_LANES:
        value = getattr(step, key)
        if key in lanes and value.strip():
            parts.append(f"{BUILT_IN_LANES[key].split(':')[0].lower()}: {value}")
    for lane in journey_map.lanes:
        value = step.lanes.get(lane.id)
        if lane.id in lanes and value is not None and str(value).strip():
            parts.append(f"{lane.name}: {value}{' ' + lane.unit if lane.unit else ''}")
    parts.append(f"provenance: {step.provenance.label.lower()}")
    return "; ".join(parts) + "."


def _stage_of(journey_map: JourneyMap, index: int) -> str | None:
    """The sentence that opens a stage, when step `index` is its first step."""
    step = journey_map.steps[index]
    if step.stage is None or (index and journey_map.steps[index - 1].stage == step.stage):
        return None
    stage = next(stage for stage in journey_map.stages if stage.id == step.stage)
    return f"Stage: {stage.name}." + (f" {stage.description}" if stage.description else "")


def text_alternative(doc: MapDocument, *, lanes: list[str] | None = None) -> str:
    """A plain-text description of the whole map, step by step (`lanes`: those shown)."""
    journey_map = doc.map
    shown = journey_map.default_lanes() if lanes is None else lanes
    steps = journey_map.steps
    lines = [f"Customer journey map: {picture_title(doc)}."]
    lines.extend(_persona(journey_map))
    lines.extend(_facts(doc))
    time = known_total([step.time_taken_minutes for step in steps])
    contacts = known_total([step.contacts for step in steps])
    lines.append(f"{len(steps)} steps; time: {time.text('min')}; contacts: {contacts.text('')}.")
    scored = [step for step in steps if step.emotion is not None]
    if scored:
        low = min(scored, key=lambda step: step.emotion or 0)
        number = steps.index(low) + 1
        feeling = low.emotion_label.lower()
        lines.append(f"The lowest point is step {number}, {low.name} ({feeling}).")
    for index, step in enumerate(steps):
        opening = _stage_of(journey_map, index)
        if opening:
            lines.append(opening)
        lines.append(_step_sentence(index + 1, step, journey_map, shown))
    return "\n".join(lines)
