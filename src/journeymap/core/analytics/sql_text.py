"""Quoting text into DuckDB SQL: the one place identifiers and string literals are written.

Some SQL cannot take parameters (`read_parquet('...')`, `COPY ... TO '...'`, `SET ... = '...'`,
column names from a file's header), so names and values are quoted here and nowhere else.
DuckDB follows standard SQL: a quote is escaped by doubling it and a backslash is an ordinary
character. A NUL character cannot be quoted safely (C strings end there), so it is refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from journeymap.core.analytics.errors import UnquotableTextError


def _checked(text: str, what: str) -> str:
    if "\x00" in text:
        raise UnquotableTextError(f"the {what} {text!r} holds a NUL character; refused")
    return text


def sql_identifier(name: str) -> str:
    """`name` as a quoted SQL identifier (a column or table name), whatever it holds."""
    return '"' + _checked(name, "name").replace('"', '""') + '"'


def sql_literal(value: object) -> str:
    """`value` (text, a path, a number) as a quoted SQL string literal."""
    return "'" + _checked(str(value), "value").replace("'", "''") + "'"


def sql_list(values: Iterable[object]) -> str:
    """A DuckDB list literal of quoted strings, e.g. `['%d/%m/%Y', '%Y-%m-%d']`."""
    return "[" + ", ".join(sql_literal(value) for value in values) + "]"
