"""PNG and PDF from the same scenes, fetching nothing from the network or the file system.

PNG: cairosvg draws the SVG; its `url_fetcher` refuses every URL (the SVG references none, so a
refusal can only mean something went wrong). cairosvg draws text with cairo's simple text API:
no shaping, no right-to-left reordering and no per-character font fallback, so the SVG names a
script-specific Noto font first (see `fonts.py`) to keep Arabic, Hebrew and Devanagari letters
from turning into boxes, but joined Arabic forms and RTL word order need the PDF or the SVG.

PDF: WeasyPrint, because it lays text out with Pango (shaping, bidi, font fallback), which
cairosvg cannot, and it paginates. Each A3 landscape page is one HTML page that holds the
scene's shapes as inline SVG under the scene's text lines as absolutely placed HTML, scaled to
the page. Wide maps are cut into pages of `STEPS_PER_PAGE` columns; every page repeats the title,
the row headers and the legend, so any page can be printed and read alone.
"""

from __future__ import annotations

import html
import math
from typing import Any, NoReturn

import cairosvg
import weasyprint

from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.scene import Scene, TextBlock
from journeymap.core.maps.render.smiley import build_smiley_scene
from journeymap.core.maps.render.svg import scene_to_svg
from journeymap.core.maps.schema import MapDocument

STEPS_PER_PAGE = 8
SMILEY_STEPS_PER_PAGE = 14
#: A3 landscape in CSS pixels (96 per inch) and the page margin.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, PAGE_MARGIN_MM = 420, 297, 10


class FetchRefusedError(RuntimeError):
    """Raised by the url fetchers: a map picture never loads anything from outside."""


def refuse_fetch(url: str, *_args: Any, **_kwargs: Any) -> NoReturn:
    raise FetchRefusedError(f"map rendering fetches nothing; refused {url!r}")


def svg_to_png(svg: str, *, scale: float = 1.0) -> bytes:
    """Rasterise one of our SVGs; its pixel size is the SVG's size times `scale`, rounded."""
    return cairosvg.surface.PNGSurface.convert(
        bytestring=svg.encode("utf-8"), scale=scale, unsafe=False, url_fetcher=refuse_fetch
    )


def png_size(scene: Scene, *, scale: float = 1.0) -> tuple[int, int]:
    """The pixel size `svg_to_png` gives for a scene (cairo rounds each side up)."""
    return math.ceil(scene.width * scale), math.ceil(scene.height * scale)


def page_count(step_count: int, *, smiley: bool = False) -> int:
    """How many A3 pages the PDF of a map with `step_count` steps has."""
    per_page = SMILEY_STEPS_PER_PAGE if smiley else STEPS_PER_PAGE
    return max(math.ceil(step_count / per_page), 1)


def page_scenes(doc: MapDocument, *, smiley: bool = False) -> list[Scene]:
    """One scene per PDF page, each with at most a page's worth of step columns."""
    per_page = SMILEY_STEPS_PER_PAGE if smiley else STEPS_PER_PAGE
    scenes = []
    for page in range(page_count(len(doc.map.steps), smiley=smiley)):
        first = page * per_page
        build = build_smiley_scene if smiley else build_map_scene
        scenes.append(build(doc, first=first, count=per_page))
    return scenes


def _text_html(block: TextBlock) -> str:
    style = [
        f"left:{block.x:.2f}px", f"top:{block.y:.2f}px", f"width:{block.width:.2f}px",
        f"font-size:{block.size:.2f}px", f"line-height:{block.line_height:.2f}px",
        f"color:{block.fill}",
    ]
    if block.bold:
        style.append("font-weight:bold")
    if block.italic:
        style.append("font-style:italic")
    if block.strike:
        style.append("text-decoration:line-through")
    if block.align == "middle":
        style.append("text-align:center")
    lines = "".join(f'<div dir="auto">{html.escape(line)}</div>' for line in block.lines)
    return f'<div class="t" style="{";".join(style)}">{lines}</div>'


def _page_html(scene: Scene) -> str:
    mm = 96 / 25.4
    usable_w = (PAGE_WIDTH_MM - 2 * PAGE_MARGIN_MM) * mm
    usable_h = (PAGE_HEIGHT_MM - 2 * PAGE_MARGIN_MM) * mm
    scale = min(usable_w / scene.width, usable_h / scene.height)
    texts = "".join(_text_html(item) for item in scene.items if isinstance(item, TextBlock))
    # The outer box has the scaled size so pagination sees what is drawn; the inner box keeps
    # the scene's own coordinates and is scaled into it.
    return (
        f'<section class="page" style="width:{scene.width * scale:.2f}px;'
        f'height:{scene.height * scale:.2f}px"><div class="scene" style="width:{scene.width:.2f}px;'
        f'height:{scene.height:.2f}px;transform:scale({scale:.5f})">'
        f"{scene_to_svg(scene, text=False)}{texts}</div></section>"
    )


_CSS = f"""
@page {{ size: {PAGE_WIDTH_MM}mm {PAGE_HEIGHT_MM}mm; margin: {PAGE_MARGIN_MM}mm; }}
body {{ margin: 0; font-family: "DejaVu Sans", "Noto Sans", sans-serif; }}
.page {{ overflow: hidden; page-break-after: always; }}
.page:last-child {{ page-break-after: auto; }}
.scene {{ position: relative; transform-origin: 0 0; }}
.scene svg {{ position: absolute; left: 0; top: 0; }}
.t {{ position: absolute; white-space: pre; overflow: hidden; }}
"""


def scenes_to_pdf(scenes: list[Scene], *, title: str, description: str) -> bytes:
    """Each scene on its own A3 landscape page, tagged, with the text alternative as Subject."""
    pages = "".join(_page_html(scene) for scene in scenes)
    document = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="description" content="{html.escape(description, quote=True)}">'
        f"<style>{_CSS}</style></head><body>{pages}</body></html>"
    )
    pdf = weasyprint.HTML(string=document, url_fetcher=refuse_fetch).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf
