"""Citizens' feeling drawn on the map's own heartbeat lane, one line per segment (the answers to
one of the feedback form's segment questions), and the key that names each line.

A line joins its segment's mean rating at each step, put on the lane's scale (a rating of 1 to
5 is the map's feeling -2 to +2). A step where the segment has fewer ratings than the threshold
has no point, so the line breaks there, and the key says at which steps it was withheld. The
lines are told apart without colour: each has its own marker and alternates solid and dashed,
and the key writes its segment's name beside a sample of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.core.feedback.heartbeat import SegmentLine
from journeymap.core.maps.render.scene import Circle, Item, Line, Path, Rect, TextBlock

COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#6f72af", "#b58840")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
MARKER_NAMES = {"circle": "circles", "square": "squares", "triangle": "triangles",
                "diamond": "diamonds", "cross": "crosses"}
KEY_ROW = 20
KEY_HEAD = 22


@dataclass(frozen=True)
class CitizenLines:
    """What to draw: the segment question, the threshold n, and one line per answer (each line's
    `means` in the map's step order)."""

    question: str
    threshold: int
    lines: tuple[SegmentLine, ...]


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dashed: bool
    marker: str

    @property
    def description(self) -> str:
        """The style in words, for the key's text alternative and the page's legend."""
        return f"{'dashed' if self.dashed else 'solid'} line with {MARKER_NAMES[self.marker]}"


def style_of(number: int) -> LineStyle:
    return LineStyle(colour=COLOURS[number % len(COLOURS)], dashed=number % 2 == 1,
                     marker=MARKERS[number % len(MARKERS)])


def marker(kind: str, *, cx: float, cy: float, colour: str) -> Item:
    size = 5.0
    if kind == "circle":
        return Circle(cx=cx, cy=cy, r=size, fill="#ffffff", stroke=colour, stroke_width=2)
    if kind == "square":
        return Rect(x=cx - size, y=cy - size, width=2 * size, height=2 * size, fill="#ffffff",
                    stroke=colour, stroke_width=2)
    shapes = {
        "triangle": f"M{cx},{cy - size - 1} L{cx + size + 1},{cy + size} L{cx - size - 1},"
                    f"{cy + size} Z",
        "diamond": f"M{cx},{cy - size - 1} L{cx + size + 1},{cy} L{cx},{cy + size + 1} "
                   f"L{cx - size - 1},{cy} Z",
        "cross": f"M{cx - size},{cy - size} L{cx + size},{cy + size} M{cx - size},{cy + size} "
                 f"L{cx + size},{cy - size}",
    }
    return Path(d=shapes[kind], fill="none" if kind == "cross" else "#ffffff", stroke=colour,
                stroke_width=2)


def lane_items(citizen: CitizenLines, *, numbers: Sequence[int], x0: float, column_width: float,
               top: float, bottom: float) -> list[Item]:
    """The lines across the heartbeat lane for the steps numbered `numbers` (1-based, as in the
    map), where `top` and `bottom` are the y of feeling +2 and -2."""
    items: list[Item] = []
    for index, line in enumerate(citizen.lines):
        style = style_of(index)
        points = []
        for column, number in enumerate(numbers):
            mean = line.means[number - 1] if number - 1 < len(line.means) else None
            cx = x0 + column * column_width + column_width / 2
            points.append(None if mean is None else
                          (cx, bottom - (mean - 1) * (bottom - top) / 4))
        for start, end in itertools.pairwise(points):
            if start is not None and end is not None:
                items.append(Line(x1=start[0], y1=start[1], x2=end[0], y2=end[1],
                                  stroke=style.colour, stroke_width=2, dashed=style.dashed))
        items.extend(marker(style.marker, cx=point[0], cy=point[1], colour=style.colour)
                     for point in points if point is not None)
    return items


def withheld_steps(line: SegmentLine) -> list[int]:
    """The step numbers (1-based) where the line has ratings, but fewer than the threshold."""
    return [number for number, withheld in enumerate(line.withheld, start=1) if withheld]


def key_text(citizen: CitizenLines, index: int) -> str:
    line = citizen.lines[index]
    withheld = withheld_steps(line)
    text = line.label
    if withheld:
        steps = ", ".join(str(number) for number in withheld)
        text += (f": not shown at step{'s' if len(withheld) > 1 else ''} {steps} "
                 f"(fewer than {citizen.threshold} ratings)")
    return text


def key_items(citizen: CitizenLines, *, x: float, y: float, width: float) -> list[Item]:
    """The key to the lines, below the grid: a heading, then each line's sample and name."""
    items: list[Item] = [TextBlock(
        x=x, y=y, width=width, bold=True, size=12,
        lines=(f"Citizens’ feeling on the heartbeat lane, one line per answer to "
               f"“{citizen.question}” (a mean of 1 to 5 ratings is drawn as −2 to +2)",))]
    for index in range(len(citizen.lines)):
        style = style_of(index)
        row = y + KEY_HEAD + index * KEY_ROW
        items.append(Line(x1=x, y1=row + 7, x2=x + 40, y2=row + 7, stroke=style.colour,
                          stroke_width=2, dashed=style.dashed))
        items.append(marker(style.marker, cx=x + 20, cy=row + 7, colour=style.colour))
        items.append(TextBlock(x=x + 50, y=row, width=width - 50, size=11,
                               lines=(key_text(citizen, index),)))
    return items


def key_height(citizen: CitizenLines) -> float:
    return KEY_HEAD + KEY_ROW * len(citizen.lines) + 8


@dataclass(frozen=True)
class LineRow:
    """One line as a row of the table alternative: its name, its style in words, and a cell
    per step."""

    label: str
    style: str
    cells: tuple[str, ...]


def table_rows(citizen: CitizenLines) -> list[LineRow]:
    """The lines as words: each step's mean to one decimal place, "not shown" where withheld,
    "no ratings" where nobody in the segment rated it."""
    rows = []
    for index, line in enumerate(citizen.lines):
        withheld = line.withheld or (False,) * len(line.means)
        cells = tuple(f"{mean:.1f}" if mean is not None
                      else f"Not shown: fewer than {citizen.threshold} ratings" if hidden
                      else "No ratings"
                      for mean, hidden in zip(line.means, withheld, strict=True))
        rows.append(LineRow(label=line.label, style=style_of(index).description, cells=cells))
    return rows
