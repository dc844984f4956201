"""Which installed font a line of text asks for first.

Browsers and WeasyPrint (which draws the PNG and PDF) fall back from font to font per
character; simpler SVG renderers a user may open the downloaded SVG with (cairosvg, for one)
use only the first family named, so a line in Arabic or Devanagari must name a Noto font that
holds those letters (and Latin digits) first, or they show empty boxes. DejaVu Sans, the default,
already holds Hebrew; Noto Sans Hebrew lacks digits, so it is not named. Chinese, Japanese and
Korean lines lead with Noto Sans CJK JP (Debian's fonts-noto-cjk, installed by
scripts/system-deps.sh), which holds Han, kana, Hangul and Latin digits.
"""

from __future__ import annotations

BASE_FAMILIES = "DejaVu Sans, Noto Sans, sans-serif"

_SCRIPT_FONTS = (
    ((0x0600, 0x06FF), "Noto Sans Arabic"),
    ((0x0750, 0x077F), "Noto Sans Arabic"),
    ((0xFB50, 0xFDFF), "Noto Sans Arabic"),
    ((0xFE70, 0xFEFF), "Noto Sans Arabic"),
    ((0x0900, 0x097F), "Noto Sans Devanagari"),
    ((0x1100, 0x11FF), "Noto Sans CJK JP"),  # Hangul Jamo
    ((0x2E80, 0x2FDF), "Noto Sans CJK JP"),  # CJK radicals
    ((0x3000, 0x30FF), "Noto Sans CJK JP"),  # CJK punctuation, hiragana, katakana
    ((0x3100, 0x318F), "Noto Sans CJK JP"),  # Bopomofo, Hangul compatibility Jamo
    ((0x3400, 0x4DBF), "Noto Sans CJK JP"),  # CJK extension A
    ((0x4E00, 0x9FFF), "Noto Sans CJK JP"),  # CJK unified ideographs
    ((0xAC00, 0xD7AF), "Noto Sans CJK JP"),  # Hangul syllables
    ((0xF900, 0xFAFF), "Noto Sans CJK JP"),  # CJK compatibility ideographs
    ((0xFF00, 0xFFEF), "Noto Sans CJK JP"),  # half- and full-width forms
)


def font_family(text: str) -> str:
    """A CSS font-family list for `text`, led by a font for its first non-Latin script."""
    for char in text:
        code = ord(char)
        for (low, high), family in _SCRIPT_FONTS:
            if low <= code <= high:
                return f"{family}, {BASE_FAMILIES}"
    return BASE_FAMILIES
