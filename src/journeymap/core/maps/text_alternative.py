"""The words for every picture of a map: screen readers read them, and so does anyone printing.

The same text goes into the SVG's <title>/<desc>, next to PNGs in the web page, and into PDFs.
It names every step in order with its feeling, channels, moments of truth and avoidability, so
someone who cannot see the heartbeat chart learns what it shows.
"""

from __future__ import annotations

from journeymap.core.maps.compare import map_totals
from journeymap.core.maps.schema import MapDocument, Step


def picture_title(doc: MapDocument) -> str:
    """A one-line title: the map, its kind, and the journey it maps."""
    return f"{doc.map.title} ({doc.map.kind.label}): {doc.journey.title}"


def _step_sentence(number: int, step: Step) -> str:
    parts = [f"Step {number}, {step.name}: feeling {step.emotion_label.lower()}"]
    if step.touchpoints:
        channels = ", ".join(
            tp.channel.label + (" (moment of truth)" if tp.moment_of_truth else "")
            for tp in step.touchpoints
        )
        parts.append(f"channels {channels}")
    if step.avoidable is not None:
        parts.append(f"could have been avoided: {step.avoidable.label.lower()}")
    parts.append(f"provenance: {step.provenance.label.lower()}")
    return "; ".join(parts) + "."


def text_alternative(doc: MapDocument) -> str:
    """A plain-text description of the whole map, step by step."""
    journey, journey_map = doc.journey, doc.map
    totals = map_totals(journey_map)
    lines = [f"Customer journey map: {picture_title(doc)}."]
    if journey.segment:
        lines.append(f"Customer segment: {journey.segment}.")
    lines.append(f"Service: {journey.service}.")
    lines.append(
        f"{totals.steps} steps, {totals.contacts} contacts and {totals.time_minutes:g} minutes "
        "where known."
    )
    scored = [step for step in journey_map.steps if step.emotion is not None]
    if scored:
        low = min(scored, key=lambda step: step.emotion or 0)
        number = journey_map.steps.index(low) + 1
        feeling = low.emotion_label.lower()
        lines.append(f"The lowest point is step {number}, {low.name} ({feeling}).")
    lines.extend(_step_sentence(i + 1, step) for i, step in enumerate(journey_map.steps))
    return "\n".join(lines)
