"""The key to a map picture: faces, channel icons, markers and badges, each with its words.

Entries flow left to right and wrap, so the legend fits a one-step map and a forty-step map;
its height depends only on the width, which keeps the picture's size computable in advance.
"""

from __future__ import annotations

import math
from dataclasses import replace

from journeymap.core.maps.render import glyphs
from journeymap.core.maps.render.scene import Circle, Item, Path, Rect, Scene, TextBlock
from journeymap.core.maps.render.textfit import text_width
from journeymap.core.maps.schema import AVOIDABLE_LABELS, EMOTION_LABELS, Channel

ENTRY_HEIGHT = 24
#: The narrowest picture whose legend header fits on one line.
MIN_WIDTH = 900
_SIZE = 10.5
_KEY_MARGIN = 8


def _entries() -> list[tuple[str, list[Item], float]]:
    """(label, glyph items drawn at the origin, glyph width) for every legend entry."""
    entries: list[tuple[str, list[Item], float]] = []
    for score, label in EMOTION_LABELS.items():
        entries.append((f"{label} ({score:+d})", glyphs.face(cx=9, cy=9, r=9, emotion=score), 18))
    entries.append(("Feeling not recorded", glyphs.unknown_face(cx=9, cy=9, r=9), 18))
    entries.append(("Moment of truth", [glyphs.star(x=0, y=0, size=18)], 18))
    for channel in Channel:
        icon = glyphs.channel_icon(channel=channel, x=0, y=1, size=16)
        entries.append((channel.label, [icon], 18))
    return entries


def _header() -> str:
    avoidable = "/".join(AVOIDABLE_LABELS.values())
    return (f"Key. Could this step have been avoided: {avoidable} (an avoidable step's name is "
            "shaded red). Provenance: how the step is known; a dashed badge means assumed.")


def _positions(width: float) -> tuple[list[tuple[float, float]], float]:
    x, row, spots = 0.0, 0, []
    for label, _items, glyph_width in _entries():
        entry_width = glyph_width + 6 + text_width(label, _SIZE) + 18
        if x and x + entry_width > width:
            x, row = 0.0, row + 1
        spots.append((x, 22 + row * ENTRY_HEIGHT))
        x += entry_width
    return spots, 22 + (row + 1) * ENTRY_HEIGHT


def legend_height(width: float) -> float:
    """Height the legend takes in a picture `width` pixels wide (plus its top gap)."""
    return 12 + _positions(width)[1]


def _moved(item: Item, dx: float, dy: float) -> Item:
    if isinstance(item, Circle):
        return replace(item, cx=item.cx + dx, cy=item.cy + dy)
    if isinstance(item, Rect | Path | TextBlock):
        return replace(item, x=item.x + dx, y=item.y + dy)
    raise TypeError(f"legend glyphs cannot hold {type(item).__name__}")


def draw_legend(*, x: float, y: float, width: float) -> list[Item]:
    """The legend's items with its top-left corner at (x, y)."""
    spots, _height = _positions(width)
    items: list[Item] = [TextBlock(x=x, y=y, width=width, lines=(_header(),), size=_SIZE,
                                   bold=True)]
    for (label, glyph_items, glyph_width), (dx, dy) in zip(_entries(), spots, strict=True):
        items.extend(_moved(item, x + dx, y + dy) for item in glyph_items)
        items.append(TextBlock(x=x + dx + glyph_width + 6, y=y + dy + 3, width=width,
                               lines=(label,), size=_SIZE))
    return items


def build_key_scene(*, width: float = MIN_WIDTH) -> Scene:
    """The key alone, as its own picture: a page can keep it in view beside a map it scrolls."""
    labels = "; ".join(label for label, _items, _width in _entries())
    scene = Scene(width=width + 2 * _KEY_MARGIN, height=0, title="Key to the map",
                  description=f"{_header()} Symbols: {labels}.")
    scene.add(Rect(x=0, y=0, width=scene.width, height=0, fill="#ffffff"))
    scene.add(*draw_legend(x=_KEY_MARGIN, y=_KEY_MARGIN, width=width))
    scene.height = math.ceil(legend_height(width) + 2 * _KEY_MARGIN)
    scene.items[0] = Rect(x=0, y=0, width=scene.width, height=scene.height, fill="#ffffff")
    return scene
