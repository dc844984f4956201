import math
import re
import struct
import subprocess
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import HealthCheck, given, settings
from tests.core.maps.maps_strategies import NASTY, documents

from journeymap.core.maps import render_comparison_svg, render_pdf, render_png, render_svg
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.raster import (
    FetchRefusedError,
    png_size,
    refuse_fetch,
)
from journeymap.core.maps.render.scene import TextBlock
from journeymap.core.maps.render.smiley import build_smiley_scene
from journeymap.core.maps.render.textfit import text_width
from journeymap.core.maps.schema import MapDocument, Step, Touchpoint

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_ELEMENTS = {"svg", "title", "desc", "rect", "line", "polyline", "circle", "path", "text",
                    "tspan"}
ALLOWED_ATTRIBUTES = {
    "xmlns", "width", "height", "viewBox", "role", "aria-labelledby", "font-family", "id", "x",
    "y", "rx", "fill", "stroke", "stroke-width", "stroke-dasharray", "x1", "y1", "x2", "y2",
    "points", "stroke-linejoin", "stroke-linecap", "cx", "cy", "r", "d", "transform",
    "font-size", "font-weight", "font-style", "text-anchor", "text-decoration", "dy",
}


def _nasty_doc(steps: int = 4) -> MapDocument:
    doc = load_demo_documents()[0]
    made = []
    for index in range(steps):
        text = NASTY[index % len(NASTY)]
        made.append(Step(id=f"s{index}", name=f"{text} #{index}", customer_does=text,
                         thoughts_feelings=NASTY[(index + 3) % len(NASTY)],
                         emotion=(index % 5) - 2, pain_points=[NASTY[0], NASTY[3]],
                         touchpoints=[Touchpoint(channel="web", description=text,
                                                 moment_of_truth=True)]))
    return doc.model_copy(update={"map": doc.map.model_copy(update={"steps": made})})


def _check_svg(svg: str, doc: MapDocument) -> None:
    root = SafeET.fromstring(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    texts = []
    for element in root.iter():
        assert element.tag.startswith(SVG)
        assert element.tag.removeprefix(SVG) in ALLOWED_ELEMENTS
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
        texts.append(element.text or "")
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    desc = root.find(f"{SVG}desc").text
    for step in doc.map.steps:
        assert step.name.replace("\r\n", "\n").replace("\r", "\n") in desc


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_any_map_gives_safe_svg(doc: MapDocument) -> None:
    _check_svg(render_svg(doc), doc)
    _check_svg(render_svg(doc, smiley=True), doc)


def test_user_markup_is_only_ever_text() -> None:
    doc = _nasty_doc(6)
    svg = render_svg(doc)
    _check_svg(svg, doc)
    assert "<script" not in svg and "<image" not in svg and "<!ENTITY" not in svg
    assert "&lt;script&gt;" in svg


def test_every_step_name_is_in_the_picture() -> None:
    doc = load_demo_documents()[2]
    root = SafeET.fromstring(render_svg(doc))
    spans = " ".join(span.text for span in root.iter(f"{SVG}tspan"))
    for number, step in enumerate(doc.map.steps, start=1):
        assert f"{number}." in spans
        for word in step.name.split():
            assert word in spans


def test_long_text_wraps_whole_and_stays_in_its_box() -> None:
    doc = _nasty_doc(8)
    doc.map.steps[0].customer_does = "x" * 12_000
    doc.map.steps[1].pain_points = [f"point {n}" for n in range(40)]
    scene = build_map_scene(doc)
    blocks = [item for item in scene.items if isinstance(item, TextBlock)]
    assert not any(line.endswith("\u2026") for block in blocks for line in block.lines)
    assert any("".join(block.lines) == "x" * 12_000 for block in blocks)
    assert any(block.lines[-1] == "\u2022 point 39" for block in blocks if block.lines)
    for block in blocks:
        assert block.y + len(block.lines) * block.line_height <= scene.height
        if block.align == "start" and block.lines:
            widest = max(text_width(line, block.size, bold=block.bold) for line in block.lines)
            assert block.x + min(widest, block.width) <= scene.width


def _png_dimensions(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


@pytest.mark.parametrize("scale", [1.0, 1.5, 0.37])
def test_png_has_the_size_the_layout_says(scale: float) -> None:
    doc = load_demo_documents()[0]
    scene = build_map_scene(doc)
    expected = (math.ceil(scene.width * scale), math.ceil(scene.height * scale))
    assert _png_dimensions(render_png(doc, scale=scale)) == expected
    assert png_size(build_map_scene(doc), scale=scale) == expected


def test_smiley_png_size() -> None:
    doc = load_demo_documents()[2]
    scene = build_smiley_scene(doc)
    width, height = scene.width, scene.height
    assert _png_dimensions(render_png(doc, smiley=True)) == (math.ceil(width), math.ceil(height))


def _pdf_info(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout


def _pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    match = re.search(r"Pages:\s+(\d+)", _pdf_info(pdf, tmp_path))
    assert match is not None
    return int(match.group(1))


@pytest.mark.slow
def test_forty_step_map_pdf_has_the_expected_page_count(tmp_path: Path) -> None:
    doc = load_demo_documents()[0]
    steps = [doc.map.steps[i % 5].model_copy(update={"id": f"s{i}", "name": f"Step {i}"})
             for i in range(40)]
    wide = doc.model_copy(update={"map": doc.map.model_copy(update={"steps": steps})})
    pdf = render_pdf(wide)
    assert pdf.startswith(b"%PDF")
    assert _pdf_pages(pdf, tmp_path) == 5
    assert _pdf_pages(render_pdf(load_demo_documents()[0]), tmp_path) == 1


def test_pdf_is_a3_landscape_and_holds_nasty_text_as_text(tmp_path: Path) -> None:
    doc = _nasty_doc(3)
    pdf = render_pdf(doc)
    info = _pdf_info(pdf, tmp_path)
    assert "Page size:       1190.55 x 841.89 pts (A3)" in info
    assert "Tagged:          yes" in info
    assert re.search(r"Subject:\s+Customer journey map:", info)
    path = tmp_path / "map.pdf"
    words = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                           text=True).stdout
    assert "<script>alert(1)</script>" in words


def test_renderer_refuses_every_fetch() -> None:
    with pytest.raises(FetchRefusedError):
        refuse_fetch("http://example.com/x.png")
    with pytest.raises(FetchRefusedError):
        refuse_fetch("file:///etc/passwd")


def test_comparison_strikes_through_removed_steps() -> None:
    before, after = load_demo_documents()[2:4]
    svg = render_comparison_svg(before=before.map, after=after.map, journey=before.journey)
    root = SafeET.fromstring(svg)
    struck = [t for t in root.iter(f"{SVG}text") if t.get("text-decoration") == "line-through"]
    struck_text = " ".join(span.text for t in struck for span in t)
    assert "Query errors" in struck_text  # the as-is step no to-be step replaces
    assert "Fill in and submit" not in struck_text  # merged, not removed
    desc = root.find(f"{SVG}desc").text
    assert "Removed: Query errors in the claim." in desc


@pytest.mark.slow
def test_wide_smiley_pdf_pages_keep_the_step_numbers(tmp_path: Path) -> None:
    doc = load_demo_documents()[0]
    steps = [doc.map.steps[i % 5].model_copy(update={"id": f"s{i}", "name": f"Stage {i + 1}"})
             for i in range(30)]
    wide = doc.model_copy(update={"map": doc.map.model_copy(update={"steps": steps})})
    pdf = render_pdf(wide, smiley=True)
    assert _pdf_pages(pdf, tmp_path) == 3
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    page_two = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
    # A name may wrap inside its column (fonts decide where), so compare the words in order.
    words = " ".join(page_two.split())
    assert "15. Stage 15" in words
    assert re.search(r"(?<!\d)1\. Stage 1(?!\d)", words) is None
