"""The full journey map as a grid: a column per step, a row per lane, every word of it shown.

Rows follow the Edinburgh guide's map (key journey steps, actions and thoughts and feelings, the
heartbeat chart, moments of truth, could this step have been avoided, customer suggestions,
learning and improvements) plus touchpoints, the service blueprint's lanes below and above the
line of visibility, importance and impact, owner, time and contacts, provenance and the map's
own custom lanes. Stages run as a band above the steps; the persona stands left of the grid.
Columns have a fixed width and each row is as tall as its tallest cell, so text wraps and rows
grow: nothing is cut or dropped, however long.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.cells import PAD, Cell, text
from journeymap.core.maps.render.citizen_lines import (
    CitizenLines,
    key_height,
    key_items,
    lane_items,
)
from journeymap.core.maps.render.header import (
    PERSONA_WIDTH,
    persona_panel,
    stage_band,
    stage_fills,
    stage_runs,
    title_band,
)
from journeymap.core.maps.render.lanes import (
    BELOW_THE_LINE,
    chosen_lanes,
    content_bottom,
    lane_table,
    step_name,
)
from journeymap.core.maps.render.legend import MIN_WIDTH, draw_legend, legend_height
from journeymap.core.maps.render.scene import (
    Hotspot,
    Item,
    Line,
    Polyline,
    Rect,
    Scene,
    TextBlock,
)
from journeymap.core.maps.schema import Avoidable, MapDocument, Step
from journeymap.core.maps.text_alternative import picture_title, text_alternative

MARGIN = 16
HEADER_WIDTH = 190
COLUMN_WIDTH = 210
GAP = 16
GRID = "#b1b4b6"
HEADER_FILL = "#f3f2f1"
HEARTBEAT_HEIGHT = 170
MIN_ROW_HEIGHT = 36
VISIBILITY_HEIGHT = 22

Columns = list[tuple[int, Step]]


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


def _heartbeat(steps: Columns, *, x0: float, y: float, height: float) -> list[Item]:
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


class _Grid:
    """Rows added top to bottom; each is measured before its backgrounds are drawn under it."""

    def __init__(self, scene: Scene, steps: Columns, *, left: float, top: float) -> None:
        self.scene, self.steps, self.left, self.y = scene, steps, left, top
        self.x0 = left + HEADER_WIDTH
        self.width = HEADER_WIDTH + max(len(steps), 1) * COLUMN_WIDTH

    def row(self, label: str, cells: list[Item], *, lane: str,
            min_height: float = MIN_ROW_HEIGHT, fills: dict[int, str] | None = None,
            under: Callable[[float], list[Item]] | None = None) -> float:
        """Add the row of `lane` holding `cells`; return its height (its tallest cell, padded)."""
        header = text(Cell(x=self.left, y=self.y, width=HEADER_WIDTH), label, bold=True, size=12)
        low = max(content_bottom(cells, self.y), content_bottom(header, self.y))
        height = max(low - self.y + PAD, min_height)
        self.scene.add(Rect(x=self.left, y=self.y, width=HEADER_WIDTH, height=height,
                            fill=HEADER_FILL, stroke=GRID))
        for column in range(len(self.steps)):
            self.scene.add(Rect(x=self.x0 + column * COLUMN_WIDTH, y=self.y, width=COLUMN_WIDTH,
                                height=height, fill=(fills or {}).get(column, "#ffffff"),
                                stroke=GRID))
        self.scene.add(*(under(height) if under else []), *header, *cells)
        self.scene.hotspots.extend(
            Hotspot(lane=lane, step=number - 1, x=self.x0 + column * COLUMN_WIDTH, y=self.y,
                    width=COLUMN_WIDTH, height=height)
            for column, (number, _step) in enumerate(self.steps))
        self.y += height
        return height

    def cell(self, column: int) -> Cell:
        return Cell(x=self.x0 + column * COLUMN_WIDTH, y=self.y, width=COLUMN_WIDTH)


def _grid_width(step_count: int, *, persona: bool) -> float:
    persona_width = PERSONA_WIDTH + GAP if persona else 0
    return 2 * MARGIN + persona_width + HEADER_WIDTH + max(step_count, 1) * COLUMN_WIDTH


def build_map_scene(doc: MapDocument, *, first: int = 0, count: int | None = None,
                    lanes: list[str] | tuple[str, ...] | None = None,
                    citizen: CitizenLines | None = None) -> Scene:
    """The grid for steps `first` .. `first + count` (all by default), numbered as in the map.

    `lanes` names the lanes to show (keys of `schema.BUILT_IN_LANES` and custom lane ids); by
    default the map's own choice (`JourneyMap.default_lanes`). The persona panel is drawn with
    the map's first step, so each page of a printed map has it once. `citizen` adds citizens'
    feeling per segment to the heartbeat lane, with its key below the grid.
    """
    journey_map = doc.map
    keys = chosen_lanes(journey_map, lanes)
    chosen = journey_map.steps[first: len(journey_map.steps) if count is None else first + count]
    steps = [(first + i + 1, step) for i, step in enumerate(chosen)]
    persona = journey_map.persona if first == 0 else None
    width = max(_grid_width(len(steps), persona=persona is not None), MIN_WIDTH)
    scene = Scene(width=width, height=0, title=picture_title(doc),
                  description=text_alternative(doc, lanes=keys))
    scene.add(Rect(x=0, y=0, width=width, height=0, fill="#ffffff"))
    band = title_band(doc, x=MARGIN, y=MARGIN, width=width - 2 * MARGIN)
    scene.add(*band)
    top = content_bottom(band, MARGIN) + 14
    scene.title_height = top
    left = MARGIN
    if persona is not None:
        panel_at = len(scene.items)
        left += PERSONA_WIDTH + GAP
    grid = _Grid(scene, steps, left=left, top=top)
    scene.column_heads = (left, top, top)
    runs = stage_runs(steps, journey_map.stages)
    if journey_map.stages:
        row_top = grid.y
        grid.row("Stages", stage_band(runs, x0=grid.x0, y=row_top, column_width=COLUMN_WIDTH),
                 lane="stages",
                 under=lambda height: stage_fills(runs, x0=grid.x0, y=row_top, height=height,
                                                  column_width=COLUMN_WIDTH))
    avoidable = {column: "#fef1ef" for column, (_n, step) in enumerate(steps)
                 if step.avoidable is Avoidable.YES}
    grid.row("Key journey steps",
             [item for column, (number, step) in enumerate(steps)
              for item in step_name(step, number, grid.cell(column))],
             lane="steps", min_height=62, fills=avoidable)
    scene.column_heads = (left, top, grid.y)
    table = lane_table(journey_map)
    line_drawn = False
    for key in keys:
        label, painter = table[key]
        if key in BELOW_THE_LINE and not line_drawn:
            line_drawn = True
            _visibility_line(grid)
        if painter is None:
            row_top = grid.y
            lines = []
            if citizen is not None:
                top_level, bottom_level = _levels(row_top, HEARTBEAT_HEIGHT)
                lines = lane_items(citizen, numbers=[number for number, _step in steps],
                                   x0=grid.x0, column_width=COLUMN_WIDTH, top=top_level,
                                   bottom=bottom_level)
            grid.row(label, _heartbeat_scale(x=grid.left, y=row_top, height=HEARTBEAT_HEIGHT)
                     + _heartbeat(steps, x0=grid.x0, y=row_top, height=HEARTBEAT_HEIGHT) + lines,
                     lane=key, min_height=HEARTBEAT_HEIGHT)
            continue
        grid.row(label, [item for column, (_number, step) in enumerate(steps)
                         for item in painter(step, grid.cell(column))], lane=key)
    scene.add(Rect(x=left, y=top, width=grid.width, height=grid.y - top, stroke="#0b0c0c",
                   stroke_width=1.5))
    low = grid.y
    if persona is not None:
        panel = persona_panel(persona, x=MARGIN, y=top, min_height=grid.y - top)
        # Before the grid in reading order: screen readers and text extraction meet the
        # customer first.
        scene.items[panel_at:panel_at] = panel
        low = max(low, content_bottom(panel, top))
    if citizen is not None and citizen.lines:
        scene.add(*key_items(citizen, x=MARGIN, y=low + 12, width=width - 2 * MARGIN))
        low += 12 + key_height(citizen)
    scene.add(*draw_legend(x=MARGIN, y=low + 12, width=width - 2 * MARGIN))
    scene.height = math.ceil(low + legend_height(width - 2 * MARGIN) + MARGIN)
    scene.items[0] = Rect(x=0, y=0, width=width, height=scene.height, fill="#ffffff")
    return scene


def _visibility_line(grid: _Grid) -> None:
    """The blueprint's line of visibility: what the customer sees above, what they do not below."""
    y = grid.y
    right = grid.left + grid.width
    grid.scene.add(
        Rect(x=grid.left, y=y, width=grid.width, height=VISIBILITY_HEIGHT, fill="#ffffff",
             stroke=GRID),
        Line(x1=grid.x0, y1=y + VISIBILITY_HEIGHT / 2, x2=right, y2=y + VISIBILITY_HEIGHT / 2,
             stroke="#1d70b8", stroke_width=2.5, dashed=True),
        TextBlock(x=grid.left + PAD, y=y + 3, width=HEADER_WIDTH, size=10.5, bold=True,
                  fill="#1d70b8", lines=("Line of visibility",)),
    )
    grid.y += VISIBILITY_HEIGHT
