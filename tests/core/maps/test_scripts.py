"""Arabic, Hebrew and emoji: real glyphs, right-to-left text in reading order in the PDF."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeymap.core.maps import render_pdf
from journeymap.core.maps.demo import load_demo_documents

_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_right_to_left_text_reads_in_order_in_the_pdf(tmp_path: Path) -> None:
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.steps[0].name = "שלום עולם"
    doc.map.steps[1].name = "مرحبا بالعالم"
    doc.map.steps[2].customer_does = "Call the helpline: מספר הטלפון, then wait"
    path = tmp_path / "map.pdf"
    path.write_bytes(render_pdf(doc))
    text = _BIDI_MARKS.sub("", subprocess.run(["pdftotext", str(path), "-"], check=True,
                                              capture_output=True, text=True).stdout)
    text = re.sub(r"[ \t]+", " ", text)
    assert "שלום עולם" in text
    assert "مرحبا بالعالم" in text
    # Mixed text keeps its parts in logical order: the Hebrew words neither reversed nor moved.
    assert "מספר הטלפון" in text and "Call the helpline:" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_arabic_and_hebrew_are_drawn_with_fonts_that_hold_them(tmp_path: Path) -> None:
    fontTools = pytest.importorskip("fontTools.ttLib")
    doc = load_demo_documents()[0].model_copy(deep=True)
    sample = "مرحبا بالعالم שלום עולם"
    doc.map.steps[0].customer_does = sample
    path = tmp_path / "map.pdf"
    path.write_bytes(render_pdf(doc))
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout
    # pdffonts names "DejaVu-Sans" the font fontconfig calls "DejaVuSans": compare unhyphenated.
    families = {line.split()[0].split("+")[-1].replace("-", "")
                for line in fonts.splitlines()[2:]}
    files = subprocess.run(["fc-list", ":", "file", "postscriptname"], check=True,
                           capture_output=True, text=True).stdout.splitlines()
    covered: set[str] = set()
    for line in files:
        file, _, name = line.partition(": ")
        if name.removeprefix(":postscriptname=").strip().replace("-", "") in families:
            cmap = fontTools.TTFont(file, fontNumber=0, lazy=True).getBestCmap()
            covered.update(char for char in sample if ord(char) in cmap)
    assert set(sample.replace(" ", "")) <= covered
