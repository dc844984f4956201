"""Turning a timestamp column of any common shape into UTC, in SQL, with the failing row named.

ISO 8601 (with or without an offset, `T` or space, fractions) is tried first; then one family of
common national formats, day-first (UK) by default or month-first. A column is read with ONE
family, never row by row, so "03/04/2024" cannot mean March in one row and April in the next.
Naive times are taken to be in `timezone` (UTC unless the caller says otherwise); everything is
stored in UTC.
"""

from __future__ import annotations

import zoneinfo

from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.sql_text import sql_list, sql_literal

_TIMES = ("%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "")


def _formats(dates: tuple[str, ...]) -> list[str]:
    return [f"{date} {time}".strip() for date in dates for time in _TIMES] + [
        f"{date}T{time}" for date in dates for time in _TIMES if time
    ]


DAY_FIRST = _formats(
    ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d %b %Y", "%d %B %Y", "%Y/%m/%d")
)
MONTH_FIRST = _formats(
    ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y", "%b %d %Y", "%B %d %Y", "%Y/%m/%d")
)

TIMESTAMP_DESCRIPTION = (
    "a timestamp such as 2024-03-01T09:30:00+00:00, 2024-03-01 09:30 or 01/03/2024 09:30"
)


def check_timezone(timezone: str) -> str:
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigurationError(
            f"unknown time zone {timezone!r}; use an IANA name such as 'Europe/London' or 'UTC'"
        ) from exc
    return timezone


def text_to_utc_sql(*, column: str, timezone: str, day_first: bool) -> str:
    """SQL for a VARCHAR column -> TIMESTAMPTZ (NULL where unparseable)."""
    formats = DAY_FIRST if day_first else MONTH_FIRST
    trimmed = f"trim({column})"
    # COALESCE evaluates its second branch only for rows the cast left NULL, so the common
    # case (ISO text, which the cast reads even with spaces around it) costs one cast. `trim`
    # must appear once only: DuckDB hoists a repeated expression and would trim every row,
    # which triples the cost of the column.
    return (
        f"COALESCE(TRY_CAST({column} AS TIMESTAMPTZ), "
        f"timezone({sql_literal(timezone)}, try_strptime({trimmed}, {sql_list(formats)})))"
    )


def typed_to_utc_sql(*, column: str, duckdb_type: str, timezone: str) -> str | None:
    """SQL for an already-typed column -> TIMESTAMPTZ, or None if the type is not a time."""
    upper = duckdb_type.upper()
    if upper.startswith("TIMESTAMP WITH TIME ZONE") or upper == "TIMESTAMPTZ":
        return column
    if upper.startswith("TIMESTAMP"):
        return f"timezone('{timezone}', CAST({column} AS TIMESTAMP))"
    if upper == "DATE":
        return f"timezone('{timezone}', CAST({column} AS TIMESTAMP))"
    return None
