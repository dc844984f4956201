import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.maps.render.fonts import font_family
from journeymap.core.maps.render.textfit import text_width, wrap

words = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                         min_size=1, max_size=25), max_size=40)


@given(parts=words, width=st.floats(min_value=40, max_value=400), bold=st.booleans())
def test_wrap_keeps_every_character_and_never_overflows(parts, width, bold) -> None:
    text = " ".join(parts)
    lines = wrap(text, width=width, size=11, bold=bold)
    for line in lines:
        # A line only passes the width when one character alone is wider than the box.
        assert text_width(line, 11, bold=bold) <= width or len(line) <= 1
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_long_unbroken_word_breaks_inside_the_word() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 20
    lines = wrap(f"a {word} b", width=120, size=11)
    assert len(lines) > 10 and "".join(lines[1:-1]) in word
    assert "".join(lines).replace(" ", "") == f"a{word}b"


def _families_covering(char: str) -> str:
    return subprocess.run(["fc-list", f":charset={ord(char):x}", "family"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig tools not installed")
@pytest.mark.parametrize("sample", ["مرحبا بالعالم 12", "שלום עולם 12", "नमस्ते दुनिया 12",
                                    "Straße Œuvre 12", "年金に加入する 12", "가입 신청 12",
                                    "加入养老金 12"])
def test_svg_first_font_holds_every_letter_of_the_line(sample: str) -> None:
    """Simple SVG renderers use only the first family, so it must hold every character."""
    first = font_family(sample).split(",")[0].strip()
    for char in set(sample.replace(" ", "")):
        assert first in _families_covering(char), (first, char)
