"""Writing a stored log back out as XES or CSV, so PM4Py, ProM, Disco or Celonis can take over.

Events are written in the engine's order (case, time, file position). Columns named `case:<x>`
(trace attributes from an XES import) go back onto the trace; canonical fields map to the XES
standard keys (`concept:name`, `time:timestamp`, `org:resource`). All text is XML-escaped.
Case ids are written as stored, i.e. pseudonymised if the import was.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import quoteattr

import duckdb

from journeymap.core.analytics.columns import (
    ACTIVITY,
    CASE,
    CASE_KEY,
    EVENT_INDEX,
    TIME_US,
    TIMESTAMP,
)
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.sql_text import sql_identifier, sql_literal
from journeymap.core.analytics.store import StoredLog, events_sql

_XES_KEYS = {ACTIVITY: "concept:name", "resource": "org:resource"}
_SKIPPED = {CASE, CASE_KEY, TIMESTAMP, TIME_US, EVENT_INDEX}


def _ordered_rows(log: StoredLog) -> Iterator[dict[str, object]]:
    con = duckdb.connect()
    reader = con.sql(
        f"SELECT * FROM {events_sql(log)} "  # noqa: S608 - paths are quoted, no user SQL
        f"ORDER BY {CASE}, {TIME_US}, {EVENT_INDEX}"
    ).to_arrow_reader(50_000)
    for batch in reader:
        yield from batch.to_pylist()


def _open_text(out: Path) -> TextIO:
    if out.suffix.lower() == ".gz":
        return gzip.open(out, "wt", encoding="utf-8", newline="")
    return out.open("w", encoding="utf-8", newline="")


def _iso(micros: int) -> str:
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=micros)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_xes(*, log: StoredLog, out: Path) -> int:
    """Write `log` as XES 1.0 (gzip when `out` ends in .gz); returns the events written."""
    written = 0
    current: object = None
    with _open_text(out) as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write('<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n')
        handle.write('  <extension name="Concept" prefix="concept" '
                     'uri="http://www.xes-standard.org/concept.xesext"/>\n')
        handle.write('  <extension name="Time" prefix="time" '
                     'uri="http://www.xes-standard.org/time.xesext"/>\n')
        handle.write('  <extension name="Organizational" prefix="org" '
                     'uri="http://www.xes-standard.org/org.xesext"/>\n')
        for row in _ordered_rows(log):
            if row[CASE] != current:
                if current is not None:
                    handle.write("  </trace>\n")
                current = row[CASE]
                handle.write("  <trace>\n")
                handle.write(f'    <string key="concept:name" value={quoteattr(str(current))}/>\n')
                for name, value in row.items():
                    if name.startswith("case:") and value is not None:
                        key = quoteattr(name.removeprefix("case:"))
                        handle.write(f"    <string key={key} value={quoteattr(str(value))}/>\n")
            handle.write("    <event>\n")
            handle.write(f'      <date key="time:timestamp" value="{_iso(row[TIME_US])}"/>\n')
            for name, value in row.items():
                if name in _SKIPPED or name.startswith("case:") or value is None:
                    continue
                key = quoteattr(_XES_KEYS.get(name, name))
                handle.write(f"      <string key={key} value={quoteattr(str(value))}/>\n")
            handle.write("    </event>\n")
            written += 1
        if current is not None:
            handle.write("  </trace>\n")
        handle.write("</log>\n")
    return written


def write_csv(*, log: StoredLog, out: Path) -> int:
    """Write `log` as CSV (case_id, activity, timestamp in ISO 8601 UTC, then the rest)."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    compression = ", COMPRESSION gzip" if out.suffix.lower() == ".gz" else ""
    others = [c for c in log.columns if c not in (*_SKIPPED, ACTIVITY)]
    select = ", ".join(
        [CASE, ACTIVITY, f"strftime({TIMESTAMP}, '%Y-%m-%dT%H:%M:%S.%fZ') AS {TIMESTAMP}"]
        + [sql_identifier(c) for c in others]
    )
    con.execute(
        f"COPY (SELECT {select} FROM {events_sql(log)} "  # noqa: S608 - quoted names
        f"ORDER BY {CASE}, {TIME_US}, {EVENT_INDEX}) TO {sql_literal(out)} (HEADER{compression})"
    )
    return log.events


def write_log(*, log: StoredLog, out: Path, fmt: str | None = None) -> int:
    """Write `log` as XES or CSV, chosen by `fmt` or by `out`'s suffix."""
    chosen = fmt or ("xes" if ".xes" in [s.lower() for s in out.suffixes] else "csv")
    if chosen == "xes":
        return write_xes(log=log, out=out)
    if chosen == "csv":
        return write_csv(log=log, out=out)
    raise ConfigurationError(f"cannot write format {chosen!r}; expected xes or csv")
