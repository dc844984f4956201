"""Two maps of one journey on one step axis: both emotion curves on one chart, then the steps.

Each slot of the axis holds the earlier steps and the later step that stand for each other
(`compare.align_steps`), so a curve point, a box above and a box below in one column are the
same part of the journey. The earlier map's curve is dashed with hollow markers, the later one
solid with faces; a gap in a curve is a feeling not recorded, never a neutral one. Removed steps
are struck through; added, merged, split and changed steps say so under their box. The totals
above the chart count only what is known (`FigureComparison.text`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise

from journeymap.core.maps.compare import MapComparison, Slot, align_steps, compare_maps
from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.cells import PAD, Cell, bottom, text
from journeymap.core.maps.render.scene import Circle, Item, Line, Polyline, Rect, Scene, TextBlock
from journeymap.core.maps.render.textfit import plural, text_width, wrap
from journeymap.core.maps.schema import Journey, JourneyMap, Step
from journeymap.core.maps.totals import number_text

MARGIN = 16
COLUMN_WIDTH = 170
AXIS_WIDTH = 110
CHART_HEIGHT = 200
MIN_WIDTH = 640
BEFORE_INK = "#1d70b8"
AFTER_INK = "#0b0c0c"


def comparison_totals(result: MapComparison) -> list[str]:
    """The honest totals: each side's steps, and time and contacts where known on both sides."""
    return [
        f"steps: {result.before_totals.steps} \u2192 {result.after_totals.steps}",
        result.time_summary,
        result.contacts_summary,
    ]


def _slot_columns(slot: Slot) -> int:
    return max(len(slot.before), 1)


def _x_positions(slots: list[Slot], x0: float) -> list[tuple[float, list[float], float]]:
    """(slot left, centres of its earlier steps, centre of its later step) for each slot."""
    positions = []
    x = x0
    for slot in slots:
        width = _slot_columns(slot) * COLUMN_WIDTH
        befores = [x + (index + 0.5) * COLUMN_WIDTH for index in range(len(slot.before))]
        positions.append((x, befores, x + width / 2))
        x += width
    return positions


def _level(emotion: int, top: float) -> float:
    return top + 30 + (2 - emotion) * (CHART_HEIGHT - 60) / 4


def _curve(points: list[tuple[float, int | None]], *, top: float, ink: str,
           dashed: bool) -> list[Item]:
    """One map's curve: known feelings joined in runs, a gap and a dashed ring where unknown."""
    items: list[Item] = []
    run: list[tuple[float, float]] = []
    for x, emotion in [*points, (0.0, None)]:
        if emotion is None:
            if len(run) > 1 and dashed:
                items.extend(Line(x1=a[0], y1=a[1], x2=b[0], y2=b[1], stroke=ink,
                                  stroke_width=2.5, dashed=True) for a, b in pairwise(run))
            elif len(run) > 1:
                items.append(Polyline(points=tuple(run), stroke=ink, stroke_width=2.5))
            run = []
            if x:
                items.extend(glyphs.unknown_face(cx=x, cy=_level(0, top), r=9))
            continue
        run.append((x, _level(emotion, top)))
    for x, emotion in points:
        if emotion is None:
            continue
        if dashed:
            items.append(Circle(cx=x, cy=_level(emotion, top), r=6, fill="#ffffff", stroke=ink,
                                stroke_width=2))
        else:
            items.extend(glyphs.face(cx=x, cy=_level(emotion, top), r=11, emotion=emotion))
    return items


def _chart(slots: list[Slot], positions: list[tuple[float, list[float], float]], *,
           x0: float, top: float, right: float, before: JourneyMap,
           after: JourneyMap) -> list[Item]:
    items: list[Item] = [Rect(x=MARGIN, y=top, width=right - MARGIN, height=CHART_HEIGHT,
                              stroke="#b1b4b6")]
    for emotion, label in ((2, "Very happy"), (0, "Neutral"), (-2, "Very unhappy")):
        y = _level(emotion, top)
        items.append(Line(x1=x0, y1=y, x2=right, y2=y, stroke="#dddddd", dashed=emotion != 0))
        items.append(TextBlock(x=MARGIN + PAD, y=y - 7, width=AXIS_WIDTH - 2 * PAD, size=10,
                               fill="#505a5f", lines=(label,)))
    before_points = [(x, step.emotion) for slot, (_l, xs, _c) in zip(slots, positions, strict=True)
                     for x, step in zip(xs, slot.before, strict=True)]
    after_points = [(centre, slot.after.emotion) for slot, (_l, _xs, centre)
                    in zip(slots, positions, strict=True) if slot.after is not None]
    items.extend(_curve(before_points, top=top, ink=BEFORE_INK, dashed=True))
    items.extend(_curve(after_points, top=top, ink=AFTER_INK, dashed=False))
    key_y = top + CHART_HEIGHT - 20
    key = [f"Dashed, hollow: {before.kind.label} ({before.title})",
           f"Solid, faces: {after.kind.label} ({after.title})"]
    items.append(TextBlock(x=x0, y=key_y, width=right - x0, size=10.5, fill="#505a5f",
                           lines=(" \u00b7 ".join(key),)))
    return items


def _step_box(step: Step, number: int, *, x: float, y: float, width: float,
              struck: bool) -> list[Item]:
    cell = Cell(x=x, y=y, width=width)
    name = [replace(block, strike=struck) for block in text(cell, f"{number}. {step.name}",
                                                            bold=True, size=11.5)
            if isinstance(block, TextBlock)]
    items: list[Item] = list(name)
    if struck:
        # Drawn as lines too: not every renderer honours text-decoration in SVG.
        for block in name:
            for index, line in enumerate(block.lines):
                line_y = block.y + index * block.line_height + block.size * 0.6
                end = block.x + min(text_width(line, block.size, bold=True), block.width)
                items.append(Line(x1=block.x, y1=line_y, x2=end, y2=line_y, stroke="#d4351c",
                                  stroke_width=2))
    time = "time unknown" if step.time_taken_minutes is None else (
        f"{number_text(step.time_taken_minutes)} min")
    contacts = "contacts unknown" if step.contacts is None else (
        f"{step.contacts} {plural(step.contacts, 'contact')}")
    facts = f"{step.emotion_label} \u00b7 {time} \u00b7 {contacts}"
    items.extend(text(cell, facts, size=10, dy=(bottom(items) or y) - y))
    return items


def _band(slots: list[Slot], positions: list[tuple[float, list[float], float]], *, top: float,
          later: bool, numbers: dict[str, int]) -> tuple[list[Item], float]:
    """One map's boxes under the chart; returns the items and the band's bottom."""
    content: list[Item] = []
    boxes: list[tuple[float, float, bool]] = []
    for slot, (left, _xs, _centre) in zip(slots, positions, strict=True):
        if later:
            if slot.after is None:
                continue
            width = _slot_columns(slot) * COLUMN_WIDTH
            box = _step_box(slot.after, numbers[slot.after.id], x=left + 4, y=top,
                            width=width - 8, struck=False)
            content.extend(box)
            content.extend(text(Cell(x=left + 4, y=top, width=width - 8), slot.note, bold=True,
                                size=10.5, dy=(bottom(box) or top) - top))
            boxes.append((left + 4, width - 8, slot.before == ()))
        else:
            for index, step in enumerate(slot.before):
                x = left + index * COLUMN_WIDTH + 4
                removed = slot.after is None
                box = _step_box(step, numbers[step.id], x=x, y=top, width=COLUMN_WIDTH - 8,
                                struck=removed)
                content.extend(box)
                if removed:
                    content.extend(text(Cell(x=x, y=top, width=COLUMN_WIDTH - 8), "Removed",
                                        bold=True, size=10.5, dy=(bottom(box) or top) - top))
                boxes.append((x, COLUMN_WIDTH - 8, removed))
    low = max((bottom(content) or top) + PAD, top + 60)
    fills = "#eef7f0" if later else "#fef1ef"
    rects: list[Item] = [Rect(x=x, y=top, width=width, height=low - top,
                              fill=fills if marked else "#ffffff", stroke="#0b0c0c", radius=4,
                              dashed=marked and not later)
                         for x, width, marked in boxes]
    return [*rects, *content], low


def build_comparison_scene(
    *, before: JourneyMap, after: JourneyMap, journey: Journey, description: str
) -> Scene:
    """The picture of `compare_maps(before=..., after=...)` on one aligned step axis."""
    result = compare_maps(before=before, after=after)
    slots = align_steps(before=before, after=after)
    columns = sum(_slot_columns(slot) for slot in slots)
    width = max(2 * MARGIN + AXIS_WIDTH + max(columns, 1) * COLUMN_WIDTH, MIN_WIDTH)
    x0, right = MARGIN + AXIS_WIDTH, width - MARGIN
    title = f"{journey.title}: {before.kind.label} compared with {after.kind.label}"
    scene = Scene(width=width, height=0, title=title, description=description)
    scene.add(Rect(x=0, y=0, width=width, height=0, fill="#ffffff"))
    heading = TextBlock(x=MARGIN, y=MARGIN, width=right - MARGIN, size=18, bold=True,
                        lines=wrap(title, width=right - MARGIN, size=18, bold=True))
    totals = TextBlock(x=MARGIN, y=heading.y + len(heading.lines) * heading.line_height + 4,
                       width=right - MARGIN, size=12,
                       lines=tuple(line for total in comparison_totals(result)
                                   for line in wrap(total, width=right - MARGIN, size=12)))
    scene.add(heading, totals)
    top = totals.y + len(totals.lines) * totals.line_height + 12
    positions = _x_positions(slots, x0)
    scene.add(*_chart(slots, positions, x0=x0, top=top, right=right, before=before, after=after))
    numbers_before = {step.id: index + 1 for index, step in enumerate(before.steps)}
    numbers_after = {step.id: index + 1 for index, step in enumerate(after.steps)}
    y = top + CHART_HEIGHT + 12
    for later, label, numbers in ((False, before, numbers_before), (True, after, numbers_after)):
        name = TextBlock(x=MARGIN, y=y, width=AXIS_WIDTH - 4, size=11, bold=True,
                         lines=wrap(f"{label.kind.label}: {label.title}", width=AXIS_WIDTH - 4,
                                    size=11, bold=True))
        items, low = _band(slots, positions, top=y, later=later, numbers=numbers)
        scene.add(name, *items)
        y = max(low, y + len(name.lines) * name.line_height) + 12
    scene.height = math.ceil(y + MARGIN)
    scene.items[0] = Rect(x=0, y=0, width=width, height=scene.height, fill="#ffffff")
    return scene
