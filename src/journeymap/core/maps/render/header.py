"""What frames the grid: the title band, the persona panel and the band of stages.

The title band carries what a reader needs to trust and place the map: its kind, segment, who
made it and when, its owner and review-by date, and the journey's trigger, outcome and
organisations. The persona panel sits left of the grid, before it in reading order, so a screen
reader meets the customer before the steps.
"""

from __future__ import annotations

from journeymap.core.maps.render.cells import MUTED, PAD, Cell, bottom, bullets, text
from journeymap.core.maps.render.scene import Item, Rect, TextBlock
from journeymap.core.maps.render.textfit import wrap
from journeymap.core.maps.schema import MapDocument, Persona, Stage, Step

PERSONA_WIDTH = 250
STAGE_FILLS = ("#d2e2f1", "#e8f1f8")


def title_band(doc: MapDocument, *, x: float, y: float, width: float) -> list[Item]:
    """The journey title and the facts about the map, every word of them, wrapped."""
    journey, journey_map = doc.journey, doc.map
    facts = [f"{journey_map.title} ({journey_map.kind.label})"]
    if journey.segment:
        facts.append(f"Segment: {journey.segment}")
    if journey_map.mapped_on:
        facts.append(f"Mapped {journey_map.mapped_on.isoformat()}")
    if journey_map.made_by:
        facts.append(f"by {journey_map.made_by}")
    facts.append(f"Owner: {journey_map.owner}" if journey_map.owner.strip()
                 else "Owner: not named")
    if journey_map.review_by:
        facts.append(f"Review by {journey_map.review_by.isoformat()}")
    ends = []
    if journey.trigger.strip():
        ends.append(f"Trigger: {journey.trigger}")
    if journey.outcome.strip():
        ends.append(f"Outcome: {journey.outcome}")
    if journey.organisations:
        ends.append("Organisations: " + ", ".join(journey.organisations))
    title = TextBlock(x=x, y=y, width=width, size=20, bold=True,
                      lines=wrap(journey.title, width=width, size=20, bold=True))
    items: list[Item] = [title]
    top = y + len(title.lines) * title.line_height + 4
    for line in (" \u00b7 ".join(facts), " \u00b7 ".join(ends)):
        if line:
            block = TextBlock(x=x, y=top, width=width, size=12, fill=MUTED,
                              lines=wrap(line, width=width, size=12))
            items.append(block)
            top += len(block.lines) * block.line_height + 2
    return items


def persona_panel(persona: Persona, *, x: float, y: float, min_height: float) -> list[Item]:
    """The persona as a boxed panel: name, description, needs, goals and frustrations."""
    cell = Cell(x=x, y=y, width=PERSONA_WIDTH)
    content: list[Item] = [*text(cell, "Persona", size=10.5, bold=True),
                           *text(cell, persona.name, bold=True, size=14, dy=16)]
    low = bottom(content) or y
    if persona.description.strip():
        content.extend(text(cell, persona.description, italic=True, dy=low - y + 2))
        low = bottom(content) or low
    for heading, items in (("Needs", persona.needs), ("Goals", persona.goals),
                           ("Frustrations", persona.frustrations)):
        if items:
            content.extend(text(cell, heading, bold=True, dy=low - y + 6))
            low = bottom(content) or low
            content.extend(bullets(cell, items, dy=low - y))
            low = bottom(content) or low
    height = max(low - y + PAD, min_height)
    return [Rect(x=x, y=y, width=PERSONA_WIDTH, height=height, fill="#f4f8fb",
                 stroke="#1d70b8", stroke_width=1.5), *content]


def stage_runs(steps: list[tuple[int, Step]],
               stages: list[Stage]) -> list[tuple[int, int, Stage]]:
    """(first column, column count, stage) for each run of shown steps in one stage."""
    by_id = {stage.id: stage for stage in stages}
    runs: list[tuple[int, int, Stage]] = []
    for column, (_number, step) in enumerate(steps):
        if step.stage is None:
            continue
        if runs and runs[-1][2].id == step.stage and runs[-1][0] + runs[-1][1] == column:
            first, count, stage = runs[-1]
            runs[-1] = (first, count + 1, stage)
        else:
            runs.append((column, 1, by_id[step.stage]))
    return runs


def stage_band(runs: list[tuple[int, int, Stage]], *, x0: float, y: float,
               column_width: float) -> list[Item]:
    """Each stage's name (and description) across the columns of its steps."""
    items: list[Item] = []
    for first, count, stage in runs:
        cell = Cell(x=x0 + first * column_width, y=y, width=count * column_width)
        name = text(cell, stage.name, bold=True, size=13)
        items.extend(name)
        if stage.description.strip():
            items.extend(text(cell, stage.description, dy=(bottom(name) or y) - y))
    return items


def stage_fills(runs: list[tuple[int, int, Stage]], *, x0: float, y: float, height: float,
                column_width: float) -> list[Item]:
    """The shaded box behind each stage, alternating so neighbouring stages stay apart."""
    return [Rect(x=x0 + first * column_width + 2, y=y + 2, width=count * column_width - 4,
                 height=height - 4, fill=STAGE_FILLS[index % 2], stroke="#1d70b8", radius=4)
            for index, (first, count, _stage) in enumerate(runs)]
