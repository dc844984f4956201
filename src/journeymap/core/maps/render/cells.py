"""A grid cell and the small things drawn in one: wrapped text, bullets, badges, and how tall
they came out, so every row can grow to its tallest cell and nothing is ever cut."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.core.maps.render.scene import Circle, Item, Line, Path, Polyline, Rect, TextBlock
from journeymap.core.maps.render.textfit import text_width, wrap, wrap_items

PAD = 8
BODY_SIZE = 11.0
MUTED = "#505a5f"


@dataclass(frozen=True)
class Cell:
    """The top-left corner and width of one grid cell; its height is whatever it holds."""

    x: float
    y: float
    width: float

    @property
    def inner_width(self) -> float:
        return self.width - 2 * PAD


def bottom(items: list[Item]) -> float | None:
    """The lowest point anything in `items` reaches, or None when there is nothing."""
    lows: list[float] = []
    for item in items:
        if isinstance(item, TextBlock):
            lows.append(item.y + len(item.lines) * item.line_height)
        elif isinstance(item, Rect):
            lows.append(item.y + item.height)
        elif isinstance(item, Circle):
            lows.append(item.cy + item.r)
        elif isinstance(item, Line):
            lows.append(max(item.y1, item.y2))
        elif isinstance(item, Polyline):
            lows.append(max(y for _x, y in item.points))
        elif isinstance(item, Path):
            lows.append(item.y + 24 * item.scale)
    return max(lows) if lows else None


def text(cell: Cell, words: str, *, italic: bool = False, bold: bool = False,
         size: float = BODY_SIZE, dy: float = 0.0) -> list[Item]:
    """`words` wrapped to the cell, every line of them."""
    lines = wrap(words, width=cell.inner_width, size=size, bold=bold)
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD + dy, width=cell.inner_width, lines=lines,
                      italic=italic, bold=bold, size=size)] if lines else []


def not_recorded(cell: Cell, words: str = "Not recorded", *, dy: float = 0.0) -> list[Item]:
    """Grey italic words saying a value is unknown (which is not the same as zero or none)."""
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD + dy, width=cell.inner_width,
                      lines=(words,), italic=True, fill=MUTED)]


def bullets(cell: Cell, items: list[str], *, dy: float = 0.0) -> list[Item]:
    """Every item of a list, bulleted and wrapped."""
    if not items:
        return []
    lines = wrap_items(items, width=cell.inner_width, size=BODY_SIZE)
    return [TextBlock(x=cell.x + PAD, y=cell.y + PAD + dy, width=cell.inner_width, lines=lines)]


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

