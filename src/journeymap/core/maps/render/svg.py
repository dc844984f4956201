"""Draw a `Scene` as SVG with ElementTree, so user text can only ever be character data.

No attribute value is ever taken from user text (ids come from a hash), nothing references an
external resource, and the SVG carries its text alternative in <title> and <desc> with
role="img" and aria-labelledby, as WCAG asks of images.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET

from journeymap.core.maps.render.fonts import BASE_FAMILIES, font_family
from journeymap.core.maps.render.scene import (
    Circle,
    Item,
    Line,
    Path,
    Polyline,
    Rect,
    Scene,
    TextBlock,
)

SVG_NS = "http://www.w3.org/2000/svg"


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _stroke(attrs: dict[str, str], stroke: str, width: float, dashed: bool = False) -> None:
    attrs["stroke"] = stroke
    if stroke != "none":
        attrs["stroke-width"] = _n(width)
    if dashed:
        attrs["stroke-dasharray"] = "4 3"


def _shape(parent: ET.Element, item: Item) -> None:
    attrs: dict[str, str] = {}
    if isinstance(item, Rect):
        attrs = {"x": _n(item.x), "y": _n(item.y), "width": _n(item.width),
                 "height": _n(item.height), "fill": item.fill}
        if item.radius:
            attrs["rx"] = _n(item.radius)
        _stroke(attrs, item.stroke, item.stroke_width, item.dashed)
        ET.SubElement(parent, "rect", attrs)
    elif isinstance(item, Line):
        attrs = {"x1": _n(item.x1), "y1": _n(item.y1), "x2": _n(item.x2), "y2": _n(item.y2)}
        _stroke(attrs, item.stroke, item.stroke_width, item.dashed)
        ET.SubElement(parent, "line", attrs)
    elif isinstance(item, Polyline):
        attrs = {"points": " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points), "fill": "none",
                 "stroke-linejoin": "round"}
        _stroke(attrs, item.stroke, item.stroke_width)
        ET.SubElement(parent, "polyline", attrs)
    elif isinstance(item, Circle):
        attrs = {"cx": _n(item.cx), "cy": _n(item.cy), "r": _n(item.r), "fill": item.fill}
        _stroke(attrs, item.stroke, item.stroke_width)
        ET.SubElement(parent, "circle", attrs)
    elif isinstance(item, Path):
        attrs = {"d": item.d, "fill": item.fill, "stroke-linecap": "round",
                 "stroke-linejoin": "round"}
        if item.x or item.y or item.scale != 1:
            attrs["transform"] = f"translate({_n(item.x)} {_n(item.y)}) scale({item.scale:.4f})"
        _stroke(attrs, item.stroke, item.stroke_width)
        ET.SubElement(parent, "path", attrs)


def _text(parent: ET.Element, block: TextBlock) -> None:
    if not block.lines:
        return
    x = block.x + block.width / 2 if block.align == "middle" else block.x
    attrs = {"x": _n(x), "y": _n(block.y + block.size * 0.95), "font-size": _n(block.size),
             "fill": block.fill}
    family = font_family("".join(block.lines))
    if family != BASE_FAMILIES:
        attrs["font-family"] = family
    if block.bold:
        attrs["font-weight"] = "bold"
    if block.italic:
        attrs["font-style"] = "italic"
    if block.align == "middle":
        attrs["text-anchor"] = "middle"
    if block.strike:
        attrs["text-decoration"] = "line-through"
    text = ET.SubElement(parent, "text", attrs)
    for index, line in enumerate(block.lines):
        span = ET.SubElement(text, "tspan", {"x": _n(x), "dy": "0" if index == 0 else
                                             _n(block.line_height)})
        span.text = line


def _newlines(text: str) -> str:
    # XML parsers turn a raw CR into LF; write LF so what is read is what was written.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def scene_to_svg(scene: Scene, *, text: bool = True, scale: float = 1.0) -> str:
    """The scene as a standalone SVG document, drawn `scale` times its size.

    `text=False` leaves out every word, title and description included: the PDF lays the words
    out itself and carries the title in its metadata.
    """
    digest = hashlib.sha256(f"{scene.title}\n{scene.description}".encode()).hexdigest()[:10]
    title_id, desc_id = f"jm-{digest}-title", f"jm-{digest}-desc"
    root = ET.Element("svg", {
        "xmlns": SVG_NS,
        "width": _n(scene.width * scale),
        "height": _n(scene.height * scale),
        "viewBox": f"0 0 {_n(scene.width)} {_n(scene.height)}",
        "font-family": BASE_FAMILIES,
    })
    if text:
        root.set("role", "img")
        root.set("aria-labelledby", f"{title_id} {desc_id}")
    if text:
        ET.SubElement(root, "title", {"id": title_id}).text = _newlines(scene.title)
        ET.SubElement(root, "desc", {"id": desc_id}).text = _newlines(scene.description)
    for item in scene.items:
        if isinstance(item, TextBlock):
            if text:
                _text(root, item)
        else:
            _shape(root, item)
    return ET.tostring(root, encoding="unicode", xml_declaration=False)
