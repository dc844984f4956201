"""Errors the analytics engine raises, each naming what was wrong and where.

One base class lets callers (CLI, web upload) catch every input problem in one place and show
the message as is: the messages are written for the person who supplied the file.
"""

from __future__ import annotations


class AnalyticsError(Exception):
    """Base class for every error the analytics engine raises on purpose."""


class LogImportError(AnalyticsError):
    """The event log could not be imported; nothing was stored."""


class MissingColumnError(LogImportError):
    """A mapped column is not in the file."""

    def __init__(self, *, field: str, column: str, available: list[str]) -> None:
        self.field = field
        self.column = column
        shown = ", ".join(repr(name) for name in available[:30])
        super().__init__(
            f"the {field} column {column!r} is not in the file; columns found: {shown or 'none'}"
        )


class BadValueError(LogImportError):
    """A cell could not be used (empty where required, or an unparseable timestamp)."""

    def __init__(self, *, row: str, column: str, value: object, expected: str) -> None:
        self.row = row
        self.column = column
        self.value = value
        super().__init__(f"{row}, column {column!r}: got {value!r}, expected {expected}")


class InputTooLargeError(LogImportError):
    """The decompressed input passed the size cap (a guard against gzip bombs)."""


class UnsafeXmlError(LogImportError):
    """The XML used a DTD or entities, which are refused (billion laughs, external entities)."""


class ConfigurationError(AnalyticsError):
    """A caller-supplied option (key, mapping, rule, map file) is unusable."""


class UnquotableTextError(LogImportError):
    """A name or value holds a character SQL cannot quote (NUL)."""
