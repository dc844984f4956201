"""What each lane draws in one step's cell, keyed as `schema.BUILT_IN_LANES` and custom lanes.

A painter draws from the top of its cell down and never stops early: the row is as tall as its
tallest cell (see `layout.py`). The heartbeat lane is drawn across all columns at once and so has
no painter here.
"""

from __future__ import annotations

from collections.abc import Callable

from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.cells import (
    BODY_SIZE,
    PAD,
    Cell,
    badge,
    bottom,
    bullets,
    not_recorded,
    text,
)
from journeymap.core.maps.render.scene import Item, TextBlock
from journeymap.core.maps.render.textfit import plural, wrap
from journeymap.core.maps.schema import (
    BUILT_IN_LANES,
    Avoidable,
    CustomLane,
    JourneyMap,
    LaneKind,
    Level,
    Provenance,
    Step,
)
from journeymap.core.maps.totals import number_text

AVOIDABLE_STYLE = {
    Avoidable.YES: ("#d4351c", "#ffffff"),
    Avoidable.PARTLY: ("#f47738", "#0b0c0c"),
    Avoidable.NO: ("#dddddd", "#0b0c0c"),
}
PROVENANCE_STYLE = {
    Provenance.OBSERVED: ("#00703c", "#ffffff"),
    Provenance.REPORTED: ("#1d70b8", "#ffffff"),
    Provenance.DATA: ("#4c2c92", "#ffffff"),
    Provenance.INFERRED: ("#ffdd00", "#0b0c0c"),
    Provenance.ASSUMED: ("#ffffff", "#0b0c0c"),
}
LEVEL_STYLE = {
    Level.HIGH: ("#0b0c0c", "#ffffff"),
    Level.MEDIUM: ("#b1b4b6", "#0b0c0c"),
    Level.LOW: ("#ffffff", "#0b0c0c"),
}
HEARTBEAT = "heartbeat"
#: The blueprint's line of visibility is drawn above the first of these lanes that is shown.
BELOW_THE_LINE = ("backstage", "support")

Painter = Callable[[Step, Cell], list[Item]]


def step_name(step: Step, number: int, cell: Cell) -> list[Item]:
    """The numbered step name: the head of each column."""
    return text(cell, f"{number}. {step.name}", bold=True, size=12.5)


def _touchpoints(step: Step, cell: Cell) -> list[Item]:
    items: list[Item] = []
    y = cell.y + PAD
    for touchpoint in step.touchpoints:
        items.append(glyphs.channel_icon(channel=touchpoint.channel, x=cell.x + PAD, y=y, size=16))
        label = touchpoint.channel.label
        if touchpoint.description.strip():
            label = f"{label}: {touchpoint.description}"
        text_x = cell.x + PAD + 22
        width = cell.x + cell.width - PAD - text_x - (16 if touchpoint.moment_of_truth else 0)
        lines = wrap(label, width=width, size=10.5)
        block = TextBlock(x=text_x, y=y + 1.5, width=width, lines=lines, size=10.5)
        items.append(block)
        if touchpoint.moment_of_truth:
            items.append(glyphs.star(x=cell.x + cell.width - PAD - 14, y=y + 1, size=14))
        y += max(24.0, len(lines) * block.line_height + 8)
    return items


def _moments(step: Step, cell: Cell) -> list[Item]:
    moments = [tp.channel.label for tp in step.touchpoints if tp.moment_of_truth]
    if not moments:
        return []
    inner = Cell(x=cell.x + 24, y=cell.y, width=cell.width - 24)
    return [glyphs.star(x=cell.x + PAD, y=cell.y + PAD - 2, size=18),
            *text(inner, ", ".join(moments), bold=True)]


def _avoidable(step: Step, cell: Cell) -> list[Item]:
    if step.avoidable is None:
        return not_recorded(cell)
    fill, ink = AVOIDABLE_STYLE[step.avoidable]
    items = badge(x=cell.x + PAD, y=cell.y + PAD - 2, text=f"Avoidable: {step.avoidable.label}",
                  fill=fill, ink=ink)
    if step.avoidable_why.strip():
        items.extend(text(cell, step.avoidable_why, dy=22))
    return items


def _importance(step: Step, cell: Cell) -> list[Item]:
    items: list[Item] = []
    for row, (name, level) in enumerate((("Importance", step.importance),
                                         ("Impact", step.impact))):
        if level is None:
            items.extend(not_recorded(cell, f"{name}: not recorded", dy=row * 24))
        else:
            fill, ink = LEVEL_STYLE[level]
            items.extend(badge(x=cell.x + PAD, y=cell.y + PAD - 2 + row * 24,
                               text=f"{name}: {level.label}", fill=fill, ink=ink))
    return items


def _owner(step: Step, cell: Cell) -> list[Item]:
    parts = [f"Owner: {step.owner}" if step.owner.strip() else "Owner: not named"]
    if step.responsible.strip():
        parts.append(step.responsible)
    return text(cell, "\n".join(parts))


def _time(step: Step, cell: Cell) -> list[Item]:
    time = ("time unknown" if step.time_taken_minutes is None
            else f"{number_text(step.time_taken_minutes)} min")
    contacts = ("contacts unknown" if step.contacts is None
                else f"{step.contacts} {plural(step.contacts, 'contact')}")
    return text(cell, f"{time} \u00b7 {contacts}")


def _provenance(step: Step, cell: Cell) -> list[Item]:
    fill, ink = PROVENANCE_STYLE[step.provenance]
    return badge(x=cell.x + PAD, y=cell.y + PAD - 2, text=step.provenance.label, fill=fill,
                 ink=ink, dashed=step.provenance is Provenance.ASSUMED)


def _custom(lane: CustomLane) -> Painter:
    def paint(step: Step, cell: Cell) -> list[Item]:
        value = step.lanes.get(lane.id)
        if value is None or (isinstance(value, str) and not value.strip()):
            return not_recorded(cell)
        if lane.kind is LaneKind.NUMBER:
            return text(cell, f"{number_text(value)} {lane.unit}".strip(), size=BODY_SIZE + 1,
                        bold=True)
        return text(cell, str(value))
    return paint


_BUILT_IN: dict[str, Painter] = {
    "actions": lambda step, cell: text(cell, step.customer_does),
    "thoughts": lambda step, cell: text(cell, step.thoughts_feelings, italic=True),
    "touchpoints": _touchpoints,
    "moments": _moments,
    "frontstage": lambda step, cell: text(cell, step.frontstage),
    "backstage": lambda step, cell: text(cell, step.backstage),
    "support": lambda step, cell: text(cell, step.support),
    "avoidable": _avoidable,
    "importance": _importance,
    "pain": lambda step, cell: bullets(cell, step.pain_points),
    "suggestions": lambda step, cell: bullets(cell, step.customer_suggestions),
    "learning": lambda step, cell: bullets(cell, step.improvement_ideas),
    "owner": _owner,
    "time": _time,
    "provenance": _provenance,
}


def lane_table(journey_map: JourneyMap) -> dict[str, tuple[str, Painter | None]]:
    """Every lane of the map by key: its row label and its painter (None for the heartbeat)."""
    table: dict[str, tuple[str, Painter | None]] = {
        key: (label, _BUILT_IN.get(key)) for key, label in BUILT_IN_LANES.items()}
    for lane in journey_map.lanes:
        label = f"{lane.name} ({lane.unit})" if lane.unit.strip() else lane.name
        table[lane.id] = (label, _custom(lane))
    return table


def chosen_lanes(journey_map: JourneyMap, lanes: list[str] | tuple[str, ...] | None) -> list[str]:
    """The lanes a picture shows, in drawing order: `lanes` if given, else the map's default.

    Raises `ValueError` naming a lane the map does not have.
    """
    if lanes is None:
        return journey_map.default_lanes()
    known = journey_map.lane_keys()
    unknown = [key for key in lanes if key not in known]
    if unknown:
        raise ValueError(f"unknown lane(s) {', '.join(map(repr, unknown))}; this map's lanes "
                         f"are {', '.join(known)}")
    return [key for key in known if key in lanes]


def content_bottom(items: list[Item], top: float) -> float:
    """Where a cell's content ends (its top if it is empty)."""
    low = bottom(items)
    return top if low is None else low
