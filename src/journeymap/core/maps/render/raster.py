"""PNG and PDF from the same scenes, fetching nothing from the network or the file system.

PNG: the scene is laid out exactly as a printed page is (shapes as inline SVG, words as HTML),
on one page the scene's size, printed by WeasyPrint and rasterised by pdfium. So the PNG's words
are shaped by Pango like the PDF's: joined Arabic letters, right-to-left order, colour emoji and
per-character font fallback. (WeasyPrint draws SVG `<text>` letter by letter, unshaped, and
cairosvg neither shapes nor reorders, so neither draws the SVG's own words.) Every URL the
layout asks for is refused (it references none, so a refusal means something went wrong).

PDF: WeasyPrint, because it lays text out with Pango (shaping, bidi, font fallback), which
cairosvg cannot, and it paginates. Each A3 landscape page is one HTML page that holds the
scene's shapes as inline SVG under the scene's text lines as absolutely placed HTML, scaled to
the page. Wide maps are cut into pages of `STEPS_PER_PAGE` columns; every page repeats the title,
the row headers and the legend, so any page can be printed and read alone. A range of columns too
tall for one page (rows grow to hold every word) continues on the next pages, each repeating the
title band and the column heads; pages are cut only between lines of text, so no line is split
or lost.
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass
from typing import Any, NoReturn

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


def png_size(scene: Scene, *, scale: float = 1.0) -> tuple[int, int]:
    """The pixel size `scene_to_png` gives for a scene: its size times `scale`, each side
    rounded up (a part-pixel at the edge is drawn, not dropped)."""
    return math.ceil(scene.width * scale), math.ceil(scene.height * scale)


def page_scenes(doc: MapDocument, *, smiley: bool = False,
                lanes: list[str] | tuple[str, ...] | None = None) -> list[Scene]:
    """One scene per range of columns, each at most a page's width of steps."""
    per_page = SMILEY_STEPS_PER_PAGE if smiley else STEPS_PER_PAGE
    ranges = range(0, max(len(doc.map.steps), 1), per_page)
    if smiley:
        return [build_smiley_scene(doc, first=first, count=per_page) for first in ranges]
    return [build_map_scene(doc, first=first, count=per_page, lanes=lanes) for first in ranges]


#: The smallest scale a scene is shrunk to so that it fits one page; below it, it continues.
MIN_SCALE = 0.6
_MM = 96 / 25.4
USABLE_WIDTH = (PAGE_WIDTH_MM - 2 * PAGE_MARGIN_MM) * _MM
USABLE_HEIGHT = (PAGE_HEIGHT_MM - 2 * PAGE_MARGIN_MM) * _MM


def _line_spans(scene: Scene) -> list[tuple[float, float]]:
    """The vertical extent of every line of text, sorted; a page is never cut inside one."""
    return sorted((block.y + index * block.line_height, block.y + (index + 1) * block.line_height)
                  for block in scene.items if isinstance(block, TextBlock)
                  for index in range(len(block.lines)))


def _cut(spans: list[tuple[float, float]], *, start: float, limit: float) -> float:
    """The lowest y at or above `limit` that no line of text crosses (below `start`)."""
    y = limit
    moved = True
    while moved:
        moved = False
        for top, low in spans:
            if top < y < low and top > start:
                y, moved = top, True
    return y if y > start else limit


@dataclass(frozen=True)
class Piece:
    """A band of a scene placed on a page: scene rows `top`..`top + height`, from x `left`."""

    left: float
    top: float
    height: float


def page_pieces(scene: Scene, scale: float) -> list[list[Piece]]:
    """The pieces of each page: the whole scene, or its rows in page-high windows with the
    title band and the column heads repeated above every window after the first."""
    capacity = USABLE_HEIGHT / scale
    if scene.height <= capacity + 0.5:
        return [[Piece(0.0, 0.0, scene.height)]]
    repeated = [Piece(0.0, 0.0, scene.title_height)]
    if scene.column_heads is not None:
        left, top, low = scene.column_heads
        repeated.append(Piece(left, top, low - top))
    if sum(piece.height for piece in repeated) > capacity / 2:
        repeated = []  # a header that would crowd out the map is not repeated
    room = capacity - sum(piece.height for piece in repeated)
    spans = _line_spans(scene)
    pages, start = [], 0.0
    while start < scene.height - 0.5:
        first = start == 0.0
        end = min(_cut(spans, start=start, limit=start + (capacity if first else room)),
                  scene.height)
        pages.append(([] if first else list(repeated)) + [Piece(0.0, start, end - start)])
        start = end
    return pages


def _text_html(block: TextBlock, piece: Piece, scale: float) -> str:
    first = next((i for i in range(len(block.lines))
                  if block.y + i * block.line_height >= piece.top - 0.5), len(block.lines))
    last = first
    while (last < len(block.lines)
           and block.y + (last + 1) * block.line_height <= piece.top + piece.height + 0.5):
        last += 1
    if first >= last or block.x < piece.left - 0.5:
        return ""
    top = block.y + first * block.line_height - piece.top
    style = [
        f"left:{(block.x - piece.left) * scale:.2f}px", f"top:{top * scale:.2f}px",
        f"width:{block.width * scale:.2f}px", f"font-size:{block.size * scale:.2f}px",
        f"line-height:{block.line_height * scale:.2f}px", f"color:{block.fill}",
    ]
    if block.bold:
        style.append("font-weight:bold")
    if block.italic:
        style.append("font-style:italic")
    if block.strike:
        style.append("text-decoration:line-through")
    if block.align == "middle":
        style.append("text-align:center")
    lines = "".join(f'<div dir="auto">{html.escape(line)}</div>'
                    for line in block.lines[first:last])
    return f'<div class="t" style="{";".join(style)}">{lines}</div>'


def _page_html(scene: Scene, pieces: list[Piece], scale: float, shapes: str) -> str:
    # Everything is placed at its printed size (no CSS transform), so the layout WeasyPrint
    # paginates and clips is the one drawn, and no line can fall outside its page.
    parts, offset = [], 0.0
    for piece in pieces:
        texts = "".join(_text_html(item, piece, scale) for item in scene.items
                        if isinstance(item, TextBlock))
        # Each piece shows the scene through a window: the drawing moves up by the piece's
        # top and left, and the window hides what lies outside it.
        parts.append(
            f'<div class="crop" style="left:{piece.left * scale:.2f}px;top:{offset * scale:.2f}px;'
            f'width:{(scene.width - piece.left) * scale:.2f}px;'
            f'height:{piece.height * scale:.2f}px"><div class="shapes" style="'
            f'left:{-piece.left * scale:.2f}px;top:{-piece.top * scale:.2f}px">{shapes}</div>'
            f"{texts}</div>")
        offset += piece.height
    return (f'<section class="page" style="width:{scene.width * scale:.2f}px;'
            f'height:{offset * scale:.2f}px">{"".join(parts)}</section>')


def scene_scale(scene: Scene) -> float:
    """The scale a scene is printed at: the whole scene on one page where that keeps it
    readable (`MIN_SCALE`), else the page's width, continuing on more pages."""
    fit_width = USABLE_WIDTH / scene.width
    return max(min(fit_width, USABLE_HEIGHT / scene.height), min(fit_width, MIN_SCALE))


def pages_html(scene: Scene) -> list[str]:
    """The HTML of each page the scene is printed on."""
    scale = scene_scale(scene)
    shapes = scene_to_svg(scene, text=False, scale=scale)
    return [_page_html(scene, pieces, scale, shapes) for pieces in page_pieces(scene, scale)]


#: The rules for the map's printed pages. The pages are a named page (`map-a3`), so a longer
#: document (the evidence pack) can hold them between pages of another size.
MAP_PAGE_CSS = f"""
@page map-a3 {{ size: {PAGE_WIDTH_MM}mm {PAGE_HEIGHT_MM}mm; margin: {PAGE_MARGIN_MM}mm; }}
.page {{ page: map-a3; overflow: hidden; page-break-after: always; }}
.page:last-child {{ page-break-after: auto; }}
.page {{ position: relative; }}
.crop {{ position: absolute; overflow: hidden; }}
.shapes {{ position: absolute; }}
.shapes svg {{ position: absolute; left: 0; top: 0; }}
.t {{ position: absolute; white-space: pre; }}
"""

#: No emoji font is named: Pango would then take digits (which can start an emoji) from it, drawn
#: wide apart; fontconfig's fallback still finds Noto Color Emoji for real emoji.
_CSS = f"""
@page {{ size: {PAGE_WIDTH_MM}mm {PAGE_HEIGHT_MM}mm; margin: {PAGE_MARGIN_MM}mm; }}
body {{ margin: 0; font-family: "DejaVu Sans", "Noto Sans", sans-serif; }}
{MAP_PAGE_CSS}"""


def print_pages_html(scenes: list[Scene]) -> str:
    """The HTML of every page the scenes are printed on, each a `.page` (see MAP_PAGE_CSS)."""
    return "".join(page for scene in scenes for page in pages_html(scene))


def scenes_to_pdf(scenes: list[Scene], *, title: str, description: str) -> bytes:
    """Each scene on its own A3 landscape page, tagged, with the text alternative as Subject."""
    pages = print_pages_html(scenes)
    document = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="description" content="{html.escape(description, quote=True)}">'
        f"<style>{_CSS}</style></head><body>{pages}</body></html>"
    )
    import weasyprint  # here, not at the top: it costs ~1 s, which a map's SVG never needs

    pdf = weasyprint.HTML(string=document, url_fetcher=refuse_fetch).write_pdf(pdf_tags=True)
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf


#: One page exactly the picture's size; declared after MAP_PAGE_CSS so it replaces the A3 page.
_PICTURE_CSS = """
@page picture {{ size: {width:.4f}px {height:.4f}px; margin: 0; }}
.page {{ page: picture; }}
"""


def scene_pdf(scene: Scene) -> bytes:
    """The scene on one PDF page of its own size (1 CSS pixel = 0.75 pt), laid out like a
    printed page at scale 1: the page `scene_to_png` rasterises."""
    shapes = scene_to_svg(scene, text=False)
    page = _page_html(scene, [Piece(0.0, 0.0, scene.height)], 1.0, shapes)
    css = _CSS + _PICTURE_CSS.format(width=scene.width, height=scene.height)
    import weasyprint  # here, not at the top: it costs ~1 s, which a map's SVG never needs

    document = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f"<style>{css}</style></head><body>{page}</body></html>")
    pdf = weasyprint.HTML(string=document, url_fetcher=refuse_fetch).write_pdf()
    assert pdf is not None  # write_pdf with no target returns the bytes
    return pdf


def pdf_page_to_png(pdf: bytes, size: tuple[int, int], *, scale: float = 1.0) -> bytes:
    """The PDF's one page as a PNG of `size` pixels, 1 CSS pixel (0.75 pt) = `scale` pixels."""
    import pypdfium2  # here, not at the top, as weasyprint: only a PNG needs them
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        # pdfium rounds each side up; the hair off the scale keeps float noise on a whole
        # number of pixels (1200.0000001) from adding a pixel.
        bitmap = document[0].render(scale=scale * 96 / 72 * (1 - 1e-9))
        image = bitmap.to_pil()
    finally:
        document.close()
    if image.size != size:  # the page's size is written in rounded points: trim or pad white
        canvas = Image.new(image.mode, size, "white")
        canvas.paste(image, (0, 0))  # what lies outside `size` is clipped
        image = canvas
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def scene_to_png(scene: Scene, *, scale: float = 1.0) -> bytes:
    """The scene as a PNG of `png_size(scene, scale=scale)` pixels, its words shaped by Pango."""
    return pdf_page_to_png(scene_pdf(scene), png_size(scene, scale=scale), scale=scale)
