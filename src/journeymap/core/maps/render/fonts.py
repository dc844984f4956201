"""Which installed font a line of text asks for first.

Browsers and WeasyPrint fall back from font to font per character; cairosvg (the PNG path) uses
only the first family named, so a line in Arabic or Devanagari must name a Noto font that holds
those letters (and Latin digits) first, or the PNG shows empty boxes. DejaVu Sans, the default,
already holds Hebrew; Noto Sans Hebrew lacks digits, so it is not named. Chinese, Japanese and
Korean need a CJK font installed (Debian: fonts-noto-cjk); none is named here.
"""

from __future__ import annotations

BASE_FAMILIES = "DejaVu Sans, Noto Sans, sans-serif"

_SCRIPT_FONTS = (
    ((0x0600, 0x06FF), "Noto Sans Arabic"),
    ((0x0750, 0x077F), "Noto Sans Arabic"),
    ((0xFB50, 0xFDFF), "Noto Sans Arabic"),
    ((0xFE70, 0xFEFF), "Noto Sans Arabic"),
    ((0x0900, 0x097F), "Noto Sans Devanagari"),
)


def font_family(text: str) -> str:
    """A CSS font-family list for `text`, led by a font for its first non-Latin script."""
    for char in text:
        code = ord(char)
        for (low, high), family in _SCRIPT_FONTS:
            if low <= code <= high:
                return f"{family}, {BASE_FAMILIES}"
    return BASE_FAMILIES
