"""The drawing primitives a map picture is made of; emitters turn them into SVG or HTML.

Only these fields reach the output, and user text only ever lives in `TextBlock.lines`, which
every emitter writes as character data; that is the rule the escaping tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str = "none"
    stroke: str = "none"
    stroke_width: float = 1.0
    radius: float = 0.0
    dashed: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#0b0c0c"
    stroke_width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    stroke: str = "#0b0c0c"
    stroke_width: float = 2.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = "none"
    stroke: str = "#0b0c0c"
    stroke_width: float = 1.5


@dataclass(frozen=True)
class Path:
    """A path in its own 24-unit icon space, placed at (x, y) and scaled by `scale`."""

    d: str
    x: float = 0.0
    y: float = 0.0
    scale: float = 1.0
    fill: str = "none"
    stroke: str = "#0b0c0c"
    stroke_width: float = 1.5


@dataclass(frozen=True)
class TextBlock:
    """Lines already wrapped and truncated by the layout; (x, y) is the top-left of the box."""

    x: float
    y: float
    width: float
    lines: tuple[str, ...]
    size: float = 11.0
    bold: bool = False
    italic: bool = False
    fill: str = "#0b0c0c"
    align: str = "start"  # "start" or "middle"
    strike: bool = False

    @property
    def line_height(self) -> float:
        return round(self.size * 1.3, 2)


Item = Rect | Line | Polyline | Circle | Path | TextBlock


@dataclass(frozen=True)
class Hotspot:
    """Where one step's cell of one lane is drawn, so a page can make it a link to its editor.

    `lane` is a key of `schema.BUILT_IN_LANES`, a custom lane's id, "steps" (the step names)
    or "stages"; `step` is the step's index in the map.
    """

    lane: str
    step: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Scene:
    """A whole picture: its size in CSS pixels, what it draws, and its text alternative."""

    width: float
    height: float
    title: str
    description: str
    items: list[Item] = field(default_factory=list)
    #: Where the title band ends: a page that continues the picture repeats it.
    title_height: float = 0.0
    #: (left, top, bottom) of the heads of the columns (stages and step names), which a
    #: continuing page repeats too so each column can still be named.
    column_heads: tuple[float, float, float] | None = None
    #: The grid's cells, one per lane and step; no emitter draws them.
    hotspots: list[Hotspot] = field(default_factory=list)

    def add(self, *items: Item) -> None:
        self.items.extend(items)
