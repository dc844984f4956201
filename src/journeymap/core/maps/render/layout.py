"""The full journey map as a grid: a column per step, a row per kind of information.

Rows follow the Edinburgh guide's map (key journey steps, actions and thoughts and feelings, the
heartbeat chart, moments of truth, could this step have been avoided, customer suggestions,
learning and improvements) plus touchpoints, owner, time and contacts, and provenance. Sizes are
fixed so a PNG's pixel size and a PDF's page count follow from the number of steps alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.legend import MIN_WIDTH, draw_legend, legend_height
from journeymap.core.maps.render.scene import Item, Line, Polyline, Rect, Scene, TextBlock
from journeymap.core.maps.render.textfit import fit, fit_items, plural, text_width
from journeymap.core.maps.schema import Avoidable, MapDocument, Provenance, Step
from journeymap.core.maps.text_alternative import picture_title, text_alternative

MARGIN = 16
HEADER_WIDTH = 190
COLUMN_WIDTH = 210
TITLE_HEIGHT = 72
PAD = 8
BODY_SIZE = 11.0
GRID = "#b1b4b6"
HEADER_FILL = "#f3f2f1"

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


@dataclass(frozen=True)
class Cell:
    """Where one grid cell sits, so a row painter can place its content."""

    x: float
    y: float
    width: float
    height: float

    @property
    def inner_width(self) -> float:
        return self.width - 2 * PAD


RowPainter = Callable[[Step, int, Cell], list[Item]]


def _text_rows(cell: Cell, size: float = BODY_SIZE) -> int:
    return max(int((cell.height - 2 * PAD) // (size * 1.3)), 1)


def _text(cell: Cell, text: str, *, italic: bool = False) -> list[Item]:
    lines = fit(text, width=cell.inner_width, size=BODY_SIZE, max_lines=_text_rows(cell))
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD, width=cell.inner_width, lines=lines,
                      italic=italic)]


def _bullets(cell: Cell, items: list[str]) -> list[Item]:
    lines = fit_items(items, width=cell.inner_width, size=BODY_SIZE, max_lines=_text_rows(cell))
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD, width=cell.inner_width, lines=lines)]


def badge(
    *, x: float, y: float, text: str, fill: str, ink: str, dashed: bool = False
) -> list[Item]:
    """A small labelled pill: the label is the meaning, the colour only helps."""
    width = 12 + text_width(text, 10.5, bold=True)
    return [
        Rect(x=x, y=y, width=width, height=18, fill=fill, stroke="#0b0c0c", radius=9,
             dashed=dashed),
        TextBlock(x=x + 6, y=y + 2.5, width=width - 12, lines=(text,), size=10.5, bold=True,
                  fill=ink),
    ]


def _paint_step(step: Step, number: int, cell: Cell) -> list[Item]:
    lines = fit(f"{number}. {step.name}", width=cell.inner_width, size=12.5,
                max_lines=_text_rows(cell, 12.5), bold=True)
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD, width=cell.inner_width, lines=lines,
                      size=12.5, bold=True)]


def _paint_touchpoints(step: Step, _number: int, cell: Cell) -> list[Item]:
    items: list[Item] = []
    row_height = 30
    shown = max(int((cell.height - PAD) // row_height), 1)
    touchpoints = step.touchpoints
    if len(touchpoints) > shown:
        touchpoints = touchpoints[: shown - 1]
    for index, touchpoint in enumerate(touchpoints):
        y = cell.y + PAD + index * row_height
        items.append(glyphs.channel_icon(channel=touchpoint.channel, x=cell.x + PAD, y=y, size=16))
        label = touchpoint.channel.label
        if touchpoint.description.strip():
            label = f"{label}: {touchpoint.description}"
        text_x = cell.x + PAD + 22
        width = cell.x + cell.width - PAD - text_x - (16 if touchpoint.moment_of_truth else 0)
        items.append(TextBlock(x=text_x, y=y + 1.5, width=width,
                               lines=fit(label, width=width, size=10.5, max_lines=2), size=10.5))
        if touchpoint.moment_of_truth:
            items.append(glyphs.star(x=cell.x + cell.width - PAD - 14, y=y + 1, size=14))
    hidden = len(step.touchpoints) - len(touchpoints)
    if hidden:
        y = cell.y + PAD + len(touchpoints) * row_height
        items.append(TextBlock(x=cell.x + PAD, y=y, width=cell.inner_width,
                               lines=(f"+ {hidden} more",), size=10.5, italic=True))
    return items


def _paint_moments(step: Step, _number: int, cell: Cell) -> list[Item]:
    moments = [tp.channel.label for tp in step.touchpoints if tp.moment_of_truth]
    if not moments:
        return []
    width = cell.inner_width - 24
    lines = fit(", ".join(moments), width=width, size=BODY_SIZE, max_lines=_text_rows(cell),
                bold=True)
    return [
        glyphs.star(x=cell.x + PAD, y=cell.y + PAD - 2, size=18),
        TextBlock(x=cell.x + PAD + 24, y=cell.y + PAD, width=width, lines=lines, bold=True),
    ]


def _paint_avoidable(step: Step, _number: int, cell: Cell) -> list[Item]:
    if step.avoidable is None:
        return [TextBlock(x=cell.x + PAD, y=cell.y + PAD, width=cell.inner_width,
                          lines=("Not recorded",), italic=True, fill="#505a5f")]
    fill, ink = AVOIDABLE_STYLE[step.avoidable]
    items = badge(x=cell.x + PAD, y=cell.y + PAD - 2, text=f"Avoidable: {step.avoidable.label}",
                  fill=fill, ink=ink)
    why = Cell(x=cell.x, y=cell.y + 20, width=cell.width, height=cell.height - 20)
    if step.avoidable_why.strip():
        items.extend(_text(why, step.avoidable_why))
    return items


def _paint_owner(step: Step, _number: int, cell: Cell) -> list[Item]:
    parts = [f"Owner: {step.owner}" if step.owner.strip() else "Owner: not named"]
    if step.responsible.strip():
        parts.append(step.responsible)
    return _text(cell, "\n".join(parts))


def _paint_time(step: Step, _number: int, cell: Cell) -> list[Item]:
    time = "time unknown" if step.time_taken_minutes is None else f"{step.time_taken_minutes:g} min"
    contacts = ("contacts unknown" if step.contacts is None
                else f"{step.contacts} {plural(step.contacts, 'contact')}")
    return _text(cell, f"{time} \u00b7 {contacts}")


def _paint_provenance(step: Step, _number: int, cell: Cell) -> list[Item]:
    fill, ink = PROVENANCE_STYLE[step.provenance]
    return badge(x=cell.x + PAD, y=cell.y + PAD - 2, text=step.provenance.label, fill=fill,
                 ink=ink, dashed=step.provenance is Provenance.ASSUMED)


HEARTBEAT_ROW = "heartbeat"

# (key, row label, height, painter); the heartbeat row is drawn across columns separately.
ROWS: tuple[tuple[str, str, float, RowPainter | None], ...] = (
    ("steps", "Key journey steps", 62, _paint_step),
    ("actions", "Actions: what the customer does", 74,
     lambda s, _n, c: _text(c, s.customer_does)),
    ("thoughts", "Thoughts and feelings", 74,
     lambda s, _n, c: _text(c, s.thoughts_feelings, italic=True)),
    (HEARTBEAT_ROW, "Customer experience (heartbeat chart)", 170, None),
    ("touchpoints", "Touchpoints and channels", 98, _paint_touchpoints),
    ("moments", "Moments of truth", 44, _paint_moments),
    ("avoidable", "Could this step have been avoided?", 88, _paint_avoidable),
    ("pain", "Pain points", 76, lambda s, _n, c: _bullets(c, s.pain_points)),
    ("suggestions", "Customer suggestions", 76,
     lambda s, _n, c: _bullets(c, s.customer_suggestions)),
    ("learning", "Learning and improvements", 76,
     lambda s, _n, c: _bullets(c, s.improvement_ideas)),
    ("owner", "Owner and who is responsible", 66, _paint_owner),
    ("time", "Time and contacts", 50, _paint_time),
    ("provenance", "Provenance", 36, _paint_provenance),
)
GRID_HEIGHT = sum(height for _key, _label, height, _painter in ROWS)


def map_size(step_count: int) -> tuple[float, float]:
    """Width and height in CSS pixels of the full map of `step_count` steps."""
    width = max(2 * MARGIN + HEADER_WIDTH + max(step_count, 1) * COLUMN_WIDTH, MIN_WIDTH)
    height = 2 * MARGIN + TITLE_HEIGHT + GRID_HEIGHT + legend_height(width - 2 * MARGIN)
    return width, height


def title_band(doc: MapDocument, *, x: float, y: float, width: float) -> list[Item]:
    """The journey title and the facts a reader needs to trust the map (kind, date, who)."""
    facts = [f"{doc.map.title} ({doc.map.kind.label})"]
    if doc.journey.segment:
        facts.append(f"Segment: {doc.journey.segment}")
    if doc.map.mapped_on:
        facts.append(f"Mapped {doc.map.mapped_on.isoformat()}")
    if doc.map.made_by:
        facts.append(f"by {doc.map.made_by}")
    return [
        TextBlock(x=x, y=y, width=width, size=20, bold=True,
                  lines=fit(doc.journey.title, width=width, size=20, max_lines=1, bold=True)),
        TextBlock(x=x, y=y + 32, width=width, size=12, fill="#505a5f",
                  lines=fit(" \u00b7 ".join(facts), width=width, size=12, max_lines=2)),
    ]


def _levels(y: float, height: float) -> tuple[float, float]:
    """The y of the +2 and -2 faces in a heartbeat row starting at `y`."""
    return y + 50, y + height - 40


def _heartbeat_scale(*, x: float, y: float, height: float) -> list[Item]:
    top, bottom = _levels(y, height)
    middle = (top + bottom) / 2
    return [
        TextBlock(x=x + PAD, y=level - 6, width=HEADER_WIDTH - 2 * PAD, lines=(label,),
                  size=10, fill="#505a5f")
        for level, label in ((top, "Very happy \u2192"), (middle, "Neutral \u2192"),
                             (bottom, "Very unhappy \u2192"))
    ]


def _heartbeat(steps: list[tuple[int, Step]], *, x0: float, y: float, height: float) -> list[Item]:
    items: list[Item] = []
    top, bottom = _levels(y, height)
    for score in (2, 0, -2):
        level = bottom - (score + 2) * (bottom - top) / 4
        items.append(Line(x1=x0, y1=level, x2=x0 + len(steps) * COLUMN_WIDTH, y2=level,
                          stroke="#dddddd", dashed=score != 0))
    run: list[tuple[float, float]] = []
    faces: list[Item] = []
    for column, (_number, step) in enumerate(steps):
        cx = x0 + column * COLUMN_WIDTH + COLUMN_WIDTH / 2
        if step.emotion is None:
            if len(run) > 1:
                items.append(Polyline(points=tuple(run), stroke="#0b0c0c", stroke_width=2.5))
            run = []
            faces.extend(glyphs.unknown_face(cx=cx, cy=(top + bottom) / 2, r=16))
            label_y = (top + bottom) / 2 + 22
        else:
            cy = bottom - (step.emotion + 2) * (bottom - top) / 4
            run.append((cx, cy))
            faces.extend(glyphs.face(cx=cx, cy=cy, r=16, emotion=step.emotion))
            label_y = cy + 20
        faces.append(TextBlock(x=cx - COLUMN_WIDTH / 2 + PAD, y=label_y,
                               width=COLUMN_WIDTH - 2 * PAD, lines=(step.emotion_label,),
                               size=10.5, align="middle"))
    if len(run) > 1:
        items.append(Polyline(points=tuple(run), stroke="#0b0c0c", stroke_width=2.5))
    return items + faces


def build_map_scene(doc: MapDocument, *, first: int = 0, count: int | None = None) -> Scene:
    """The grid for steps `first` .. `first + count` (all by default), numbered as in the map."""
    all_steps = doc.map.steps
    chosen = all_steps[first: len(all_steps) if count is None else first + count]
    steps = [(first + i + 1, step) for i, step in enumerate(chosen)]
    width, height = map_size(len(steps))
    scene = Scene(width=width, height=height, title=picture_title(doc),
                  description=text_alternative(doc))
    scene.add(Rect(x=0, y=0, width=width, height=height, fill="#ffffff"))
    scene.add(*title_band(doc, x=MARGIN, y=MARGIN, width=width - 2 * MARGIN))
    x0, y = MARGIN + HEADER_WIDTH, MARGIN + TITLE_HEIGHT
    grid_width = HEADER_WIDTH + max(len(steps), 1) * COLUMN_WIDTH
    for key, label, row_height, painter in ROWS:
        scene.add(Rect(x=MARGIN, y=y, width=HEADER_WIDTH, height=row_height, fill=HEADER_FILL,
                       stroke=GRID))
        header = Cell(x=MARGIN, y=y, width=HEADER_WIDTH, height=row_height)
        scene.add(TextBlock(x=MARGIN + PAD, y=y + PAD, width=header.inner_width, bold=True,
                            size=12, lines=fit(label, width=header.inner_width, size=12,
                                               max_lines=_text_rows(header, 12), bold=True)))
        for column, (number, step) in enumerate(steps):
            cell = Cell(x=x0 + column * COLUMN_WIDTH, y=y, width=COLUMN_WIDTH, height=row_height)
            fill = "#fef1ef" if step.avoidable is Avoidable.YES and key == "steps" else "#ffffff"
            scene.add(Rect(x=cell.x, y=y, width=COLUMN_WIDTH, height=row_height, fill=fill,
                           stroke=GRID))
            if painter is not None:
                scene.add(*painter(step, number, cell))
        if key == HEARTBEAT_ROW:
            scene.add(*_heartbeat_scale(x=MARGIN, y=y, height=row_height))
            scene.add(*_heartbeat(steps, x0=x0, y=y, height=row_height))
        y += row_height
    scene.add(Rect(x=MARGIN, y=MARGIN + TITLE_HEIGHT, width=grid_width, height=GRID_HEIGHT,
                   stroke="#0b0c0c", stroke_width=1.5))
    scene.add(*draw_legend(x=MARGIN, y=y + 12, width=width - 2 * MARGIN))
    return scene
