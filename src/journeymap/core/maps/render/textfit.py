"""Wrap text to a box's width; the box grows to hold every line, so no word is ever cut.

Widths are estimated from character classes (no font is measured: the renderer must work with
no display and give the same picture everywhere). Wide East Asian characters count double; the
estimate errs wide, so real text falls short of the box rather than past it. A word wider than
the box is broken inside the word, so nothing runs out of its cell.
"""

from __future__ import annotations

import unicodedata

_NARROW = set("il.,:;'|!()[]{} ")


def char_width(char: str, size: float) -> float:
    """Estimated advance of one character at a font size, in pixels."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return size * 1.05
    if char in _NARROW:
        return size * 0.34
    if char.isupper() or char in "mwMW@%":
        return size * 0.74
    return size * 0.6


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of `text`; bold letters run about an eighth wider."""
    width = sum(char_width(char, size) for char in text)
    return width * 1.12 if bold else width


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and text_width(current + char, size, bold=bold) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


def wrap(text: str, *, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """All the lines `text` takes in a box `width` pixels wide (explicit newlines kept)."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        current = ""
        for word in paragraph.replace("\t", " ").split(" "):
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold=bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            pieces = _split_long_word(word, width, size, bold)
            lines.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
        if current:
            lines.append(current)
    return tuple(lines)


def wrap_items(items: list[str], *, width: float, size: float) -> tuple[str, ...]:
    """A bulleted list: every item, each wrapped, one after another."""
    return tuple(wrap("\n".join("\u2022 " + item for item in items), width=width, size=size))


def plural(count: int | None, noun: str) -> str:
    """`noun` or `noun + "s"` to agree with `count` (unknown counts read as plural)."""
    return noun if count == 1 else noun + "s"
