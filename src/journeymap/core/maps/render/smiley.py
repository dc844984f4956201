"""The smiley map (Stoke-on-Trent's style): steps and faces only, for front-line staff.

Edinburgh found the full grid hard for staff to use and adopted Stoke's simple map of smiley
faces; this picture keeps just the step names, a large face and its words.
"""

from __future__ import annotations

import math

from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.scene import Item, Line, Rect, Scene, TextBlock
from journeymap.core.maps.render.textfit import wrap
from journeymap.core.maps.schema import MapDocument
from journeymap.core.maps.text_alternative import picture_title, text_alternative

MARGIN = 16
COLUMN_WIDTH = 150
MIN_WIDTH = 480


def smiley_width(step_count: int) -> float:
    """Width in CSS pixels of the smiley map of `step_count` steps (its height follows the
    longest step name, which is never cut)."""
    return max(2 * MARGIN + max(step_count, 1) * COLUMN_WIDTH, MIN_WIDTH)


def build_smiley_scene(doc: MapDocument, *, first: int = 0, count: int | None = None) -> Scene:
    """Numbered step names above a big face per step, for steps `first` .. `first + count`."""
    all_steps = doc.map.steps
    steps = all_steps[first: len(all_steps) if count is None else first + count]
    width = smiley_width(len(steps))
    scene = Scene(width=width, height=0, title=picture_title(doc),
                  description=text_alternative(doc))
    scene.add(Rect(x=0, y=0, width=width, height=0, fill="#ffffff"))
    title = TextBlock(x=MARGIN, y=MARGIN, width=width - 2 * MARGIN, size=18, bold=True,
                      lines=wrap(f"{doc.journey.title} \u2013 {doc.map.kind.label}",
                                 width=width - 2 * MARGIN, size=18, bold=True))
    scene.add(title)
    top = MARGIN + len(title.lines) * title.line_height + 16
    scene.title_height = top
    names = [TextBlock(x=MARGIN + index * COLUMN_WIDTH + 6, y=top, width=COLUMN_WIDTH - 12,
                       size=12.5, bold=True, align="middle",
                       lines=wrap(f"{first + index + 1}. {step.name}", width=COLUMN_WIDTH - 12,
                                  size=12.5, bold=True))
             for index, step in enumerate(steps)]
    face_y = max([top + 30, *(name.y + len(name.lines) * name.line_height for name in names)]) + 50
    if len(steps) > 1:
        scene.add(Line(x1=MARGIN + COLUMN_WIDTH / 2, y1=face_y,
                       x2=MARGIN + (len(steps) - 0.5) * COLUMN_WIDTH, y2=face_y,
                       stroke="#b1b4b6", stroke_width=3))
    for index, (step, name) in enumerate(zip(steps, names, strict=True)):
        x = MARGIN + index * COLUMN_WIDTH
        cx = x + COLUMN_WIDTH / 2
        items: list[Item] = [name]
        if step.emotion is None:
            items.extend(glyphs.unknown_face(cx=cx, cy=face_y, r=34))
        else:
            items.extend(glyphs.face(cx=cx, cy=face_y, r=34, emotion=step.emotion))
        items.append(TextBlock(x=x + 6, y=face_y + 44, width=COLUMN_WIDTH - 12, size=12,
                               align="middle", lines=(step.emotion_label,)))
        scene.add(*items)
    scene.height = math.ceil(face_y + 44 + 16 + MARGIN)
    scene.items[0] = Rect(x=0, y=0, width=width, height=scene.height, fill="#ffffff")
    return scene
