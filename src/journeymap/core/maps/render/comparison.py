"""Two maps of one journey, one above the other: what the change removes, merges and adds.

The earlier map is on top; its removed steps are struck through and say "Removed". Lines join
each later step to the earlier steps it stands for, and both bands carry their totals of steps,
time and contacts so the size of the gap is read at a glance.
"""

from __future__ import annotations

from journeymap.core.maps.compare import MapComparison, MapTotals, compare_maps, corresponding_ids
from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.scene import Item, Line, Rect, Scene, TextBlock
from journeymap.core.maps.render.textfit import fit, plural, text_width
from journeymap.core.maps.schema import Journey, JourneyMap, Step

MARGIN = 16
COLUMN_WIDTH = 170
BAND_LABEL = 44
BOX_HEIGHT = 150
GAP = 70
TITLE_HEIGHT = 40
MIN_WIDTH = 640


def comparison_size(before_steps: int, after_steps: int) -> tuple[float, float]:
    """Width and height in CSS pixels of the comparison picture."""
    columns = max(before_steps, after_steps, 1)
    width = max(2 * MARGIN + columns * COLUMN_WIDTH, MIN_WIDTH)
    height = 2 * MARGIN + TITLE_HEIGHT + 2 * (BAND_LABEL + BOX_HEIGHT) + GAP
    return width, height


def _totals_text(totals: MapTotals) -> str:
    return (f"{totals.steps} {plural(totals.steps, 'step')} \u00b7 {totals.time_minutes:g} min"
            f" \u00b7 {totals.contacts} {plural(totals.contacts, 'contact')}")


def _band_label(journey_map: JourneyMap, totals: MapTotals, *, y: float, width: float) -> Item:
    text = f"{journey_map.kind.label}: {journey_map.title} \u2014 {_totals_text(totals)}"
    return TextBlock(x=MARGIN, y=y, width=width, size=13, bold=True,
                     lines=fit(text, width=width, size=13, max_lines=1, bold=True))


def _step_box(step: Step, number: int, *, x: float, y: float, note: str, struck: bool,
              highlight: str) -> list[Item]:
    inner = COLUMN_WIDTH - 24
    name = TextBlock(x=x + 12, y=y + 8, width=inner, size=11.5, bold=True, strike=struck,
                     lines=fit(f"{number}. {step.name}", width=inner, size=11.5, max_lines=3,
                               bold=True))
    items: list[Item] = [
        Rect(x=x + 6, y=y, width=COLUMN_WIDTH - 12, height=BOX_HEIGHT, fill=highlight,
             stroke="#0b0c0c", radius=4, dashed=struck),
        name,
    ]
    if struck:
        # Drawn as lines too: not every renderer honours text-decoration in SVG.
        for index, line in enumerate(name.lines):
            line_y = name.y + index * name.line_height + name.size * 0.6
            end = name.x + min(text_width(line, name.size, bold=True), inner)
            items.append(Line(x1=name.x, y1=line_y, x2=end, y2=line_y, stroke="#d4351c",
                              stroke_width=2))
    cx, cy = x + COLUMN_WIDTH / 2, y + 78
    if step.emotion is None:
        items.extend(glyphs.unknown_face(cx=cx, cy=cy, r=15))
    else:
        items.extend(glyphs.face(cx=cx, cy=cy, r=15, emotion=step.emotion))
    time = "?" if step.time_taken_minutes is None else f"{step.time_taken_minutes:g}"
    contacts = "?" if step.contacts is None else str(step.contacts)
    facts = (step.emotion_label, f"{time} min \u00b7 {contacts} {plural(step.contacts, 'contact')}")
    items.append(TextBlock(x=x + 12, y=y + 96, width=inner, size=10, align="middle",
                           lines=tuple(fit(fact, width=inner, size=10, max_lines=1)[0]
                                       for fact in facts)))
    if note:
        items.append(TextBlock(x=x + 12, y=y + 126, width=inner, size=10.5, bold=True,
                               align="middle",
                               lines=fit(note, width=inner, size=10.5, max_lines=1, bold=True)))
    return items


def build_comparison_scene(
    *, before: JourneyMap, after: JourneyMap, journey: Journey, description: str
) -> Scene:
    """The picture of `compare_maps(before=..., after=...)`."""
    result: MapComparison = compare_maps(before=before, after=after)
    width, height = comparison_size(len(before.steps), len(after.steps))
    title = f"{journey.title}: {before.kind.label} compared with {after.kind.label}"
    scene = Scene(width=width, height=height, title=title, description=description)
    scene.add(Rect(x=0, y=0, width=width, height=height, fill="#ffffff"))
    scene.add(TextBlock(x=MARGIN, y=MARGIN, width=width - 2 * MARGIN, size=18, bold=True,
                        lines=fit(title, width=width - 2 * MARGIN, size=18, max_lines=1,
                                  bold=True)))
    top = MARGIN + TITLE_HEIGHT
    scene.add(_band_label(before, result.before_totals, y=top, width=width - 2 * MARGIN))
    before_y = top + BAND_LABEL
    column_of = {step.id: index for index, step in enumerate(before.steps)}
    changed_ids = {change.after.id for change in result.changed}
    for index, step in enumerate(before.steps):
        removed = step.id in result.removed_ids
        scene.add(*_step_box(step, index + 1, x=MARGIN + index * COLUMN_WIDTH, y=before_y,
                             note="Removed" if removed else "", struck=removed,
                             highlight="#fef1ef" if removed else "#ffffff"))
    after_label_y = before_y + BOX_HEIGHT + GAP
    scene.add(_band_label(after, result.after_totals, y=after_label_y, width=width - 2 * MARGIN))
    after_y = after_label_y + BAND_LABEL
    for index, step in enumerate(after.steps):
        ids = corresponding_ids(step, set(column_of))
        x = MARGIN + index * COLUMN_WIDTH
        centre = x + COLUMN_WIDTH / 2
        for step_id in ids:
            # Run in the gap above the band label, then drop below it, so no line crosses text.
            scene.add(Line(x1=MARGIN + column_of[step_id] * COLUMN_WIDTH + COLUMN_WIDTH / 2,
                           y1=before_y + BOX_HEIGHT, x2=centre, y2=after_label_y - 8,
                           stroke="#505a5f", stroke_width=1.5))
        if ids:
            scene.add(Line(x1=centre, y1=after_label_y - 8, x2=centre, y2=after_label_y - 2,
                           stroke="#505a5f", stroke_width=1.5),
                      Line(x1=centre, y1=after_label_y + 24, x2=centre, y2=after_y,
                           stroke="#505a5f", stroke_width=1.5))
        if not ids:
            note = "New step"
        elif len(ids) > 1:
            note = "Merges " + ", ".join(str(column_of[i] + 1) for i in ids)
        elif step.id in changed_ids:
            note = f"Changed from step {column_of[ids[0]] + 1}"
        else:
            note = f"Same as step {column_of[ids[0]] + 1}"
        scene.add(*_step_box(step, index + 1, x=x, y=after_y, note=note, struck=False,
                             highlight="#eef7f0" if not ids else "#ffffff"))
    return scene
