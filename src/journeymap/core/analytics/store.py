"""Importing a log: raw file -> validated, pseudonymised Parquet (all or nothing).

The raw file is read exactly once, streamed into a staging Parquet; everything after that is
DuckDB SQL over columnar data: one query to check every row (the first bad one is reported by
row and column), one to write the stored events. The store's schema is fixed, so the metrics
never see a source's naming. `events.parquet` holds, one row per event:

    case_key (a dense integer per case), activity, time_us (µs since epoch, UTC), event_index
    (position in the source file), channel, service, organisation, resource, reason, outcome
    (when mapped), then every other source column (personal ones pseudonymised);

and `cases.parquet` holds each case_key's case_id (its pseudonym). Keeping the 32-digit
pseudonym out of the events makes the event file a third smaller and every per-case sort an
integer sort; `events_sql` joins them back for anyone who wants whole rows.

Work happens in a hidden folder inside `out_dir`; only a complete import is moved into place.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from journeymap.core.analytics.analysis_warmup import start_loading_analysis_modules
from journeymap.core.analytics.columns import (
    ACTIVITY,
    CASE,
    CASE_KEY,
    EVENT_INDEX,
    OPTIONAL_FIELDS,
    TIME_US,
    TIMESTAMP,
    ColumnMapping,
    mapping_from_guess,
)
from journeymap.core.analytics.duckdb_memory import duckdb_memory_limit
from journeymap.core.analytics.errors import BadValueError, LogImportError, MissingColumnError
from journeymap.core.analytics.pseudonymise import check_key, hmac_sql
from journeymap.core.analytics.readers import ROW, LogFormat
from journeymap.core.analytics.readers.source import DEFAULT_MAX_BYTES
from journeymap.core.analytics.sql_text import sql_identifier, sql_literal
from journeymap.core.analytics.staging import stage
from journeymap.core.analytics.timestamps import (
    TIMESTAMP_DESCRIPTION,
    check_timezone,
    text_to_utc_sql,
    typed_to_utc_sql,
)

EVENTS_FILE = "events.parquet"
CASES_FILE = "cases.parquet"
METADATA_FILE = "log.json"
STORED_LOG_SCHEMA = "journeymap.stored_log"
STORED_LOG_VERSION = 2
CANONICAL = (CASE_KEY, ACTIVITY, TIME_US, EVENT_INDEX, *OPTIONAL_FIELDS)
# Names a source column cannot keep: the stored ones, and those `events_sql` adds.
RESERVED = (*CANONICAL, CASE, TIMESTAMP)


@dataclass(frozen=True, kw_only=True)
class StoredLog:
    """An imported log: where its Parquet lives and what went into it (never the key)."""

    directory: Path
    source_name: str
    fmt: str
    mapping: ColumnMapping
    pseudonymised: bool
    personal_columns: tuple[str, ...]
    timezone: str
    events: int
    cases: int
    columns: tuple[str, ...]
    imported_at: str

    @property
    def events_path(self) -> Path:
        return self.directory / EVENTS_FILE

    @property
    def cases_path(self) -> Path:
        return self.directory / CASES_FILE

    def has(self, column: str) -> bool:
        return column in self.columns

    def to_dict(self) -> dict[str, object]:
        return {
            "schema": STORED_LOG_SCHEMA,
            "schema_version": STORED_LOG_VERSION,
            "source_name": self.source_name,
            "format": self.fmt,
            "mapping": self.mapping.to_dict(),
            "pseudonymised": self.pseudonymised,
            "personal_columns": list(self.personal_columns),
            "timezone": self.timezone,
            "events": self.events,
            "cases": self.cases,
            "columns": list(self.columns),
            "imported_at": self.imported_at,
        }

    @classmethod
    def open(cls, directory: Path) -> StoredLog:
        """Load a stored log written by `import_log` from its folder."""
        try:
            data = json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LogImportError(f"{directory}: not a stored log ({exc})") from exc
        if data.get("schema") != STORED_LOG_SCHEMA:
            raise LogImportError(f"{directory}: {METADATA_FILE} is not a journeymap stored log")
        if data.get("schema_version") != STORED_LOG_VERSION:
            raise LogImportError(
                f"{directory}: stored by an older journeymap (schema version "
                f"{data.get('schema_version')}); import the source file again"
            )
        return cls(
            directory=directory,
            source_name=data["source_name"],
            fmt=data["format"],
            mapping=ColumnMapping.from_dict(data["mapping"]),
            pseudonymised=data["pseudonymised"],
            personal_columns=tuple(data["personal_columns"]),
            timezone=data["timezone"],
            events=data["events"],
            cases=data["cases"],
            columns=tuple(data["columns"]),
            imported_at=data["imported_at"],
        )


def events_sql(log: StoredLog) -> str:
    """A DuckDB relation of whole stored events: case_id (pseudonym) and timestamp (UTC) with
    every stored column, for writers and readers that want rows rather than metrics."""
    return (
        f"(SELECT cases.{CASE}, events.*, "  # noqa: S608 - literals quoted
        f"timezone('UTC', make_timestamp(events.{TIME_US})) AS {TIMESTAMP} "
        f"FROM read_parquet({sql_literal(log.events_path)}) AS events "
        f"JOIN read_parquet({sql_literal(log.cases_path)}) AS cases USING ({CASE_KEY}))"
    )


def _time_sql(*, column: str, duckdb_type: str, timezone: str, day_first: bool) -> str:
    quoted = sql_identifier(column)
    if duckdb_type.upper() == "VARCHAR":
        return text_to_utc_sql(column=quoted, timezone=timezone, day_first=day_first)
    typed = typed_to_utc_sql(column=quoted, duckdb_type=duckdb_type, timezone=timezone)
    if typed is None:
        raise LogImportError(
            f"the time column {column!r} holds {duckdb_type} values; expected timestamps or text"
        )
    return typed


def _copy_events(*, con, select: str, raw_case: str, out: Path) -> None:
    """Write the stored events; a blank case id, activity or bad time is written as NULL."""
    con.execute(
        f"COPY (SELECT {select} FROM staged LEFT JOIN case_ids "  # noqa: S608
        f"ON {raw_case} = case_ids._jm_raw_case) TO {sql_literal(out)} "
        "(FORMAT parquet, COMPRESSION snappy)"
    )


def _first_bad_event(
    *, con, mapping: ColumnMapping, written: Path, row_label
) -> BadValueError | None:
    """The first row (in file order) whose case id, activity or time was unusable, if any.

    Checked on the written Parquet, where each is NULL exactly when it was unusable: three
    narrow columns, so validation costs no second parse of the raw text.
    """
    found = con.execute(
        f"SELECT {EVENT_INDEX}, {CASE_KEY} IS NULL, {ACTIVITY} IS NULL, {TIME_US} IS NULL "  # noqa: S608
        f"FROM read_parquet({sql_literal(written)}) WHERE {CASE_KEY} IS NULL OR {ACTIVITY} IS NULL "
        f"OR {TIME_US} IS NULL ORDER BY {EVENT_INDEX} LIMIT 1"
    ).fetchone()
    if found is None:
        return None
    row, *flags = found
    checks = [
        (mapping.case, "a case id"),
        (mapping.activity, "an activity name"),
        (mapping.time, TIMESTAMP_DESCRIPTION),
    ]
    index = next(i for i, flag in enumerate(flags) if flag)
    column, expected = checks[index]
    value = con.execute(
        f"SELECT CAST({sql_identifier(column)} AS VARCHAR) FROM staged WHERE {ROW} = ?",  # noqa: S608
        [row],
    ).fetchone()[0]
    return BadValueError(row=row_label(row), column=column, value=value, expected=expected)


def _parses_every_row(*, con, column: str, time_sql: str) -> bool:
    failures = con.execute(
        f"SELECT count(*) FROM staged WHERE {sql_identifier(column)} IS NOT NULL "  # noqa: S608
        f"AND ({time_sql}) IS NULL"
    ).fetchone()[0]
    return failures == 0


def _select_sql(
    *,
    mapping: ColumnMapping,
    time_sql: str,
    source_columns: list[str],
    key: bytes | None,
    personal_columns: tuple[str, ...],
) -> tuple[str, list[str]]:
    def protect(expression: str) -> str:
        return hmac_sql(expression=expression, key=key) if key is not None else expression

    activity = f"CAST({sql_identifier(mapping.activity)} AS VARCHAR)"
    select = [
        f"case_ids._jm_case_key AS {CASE_KEY}",
        # Blank means spaces only; testing the first character first spares most rows a trim.
        f"CASE WHEN {activity} = '' OR (ascii({activity}) = 32 AND trim({activity}) = '') "
        f"THEN NULL ELSE {activity} END AS {ACTIVITY}",
        f"epoch_us({time_sql}) AS {TIME_US}",
        f"{ROW} AS {EVENT_INDEX}",
    ]
    names = list(CANONICAL[:4])
    used = {mapping.case, mapping.activity, mapping.time, ROW}
    for name, column in mapping.optional_columns().items():
        value = f"CAST({sql_identifier(column)} AS VARCHAR)"
        select.append(f"{protect(value) if column in personal_columns else value} AS {name}")
        names.append(name)
        used.add(column)
    for column in source_columns:
        if column in used:
            continue
        stored_name = column if column not in RESERVED else f"source:{column}"
        value = sql_identifier(column)
        if column in personal_columns:
            value = protect(f"CAST({value} AS VARCHAR)")
        select.append(f"{value} AS {sql_identifier(stored_name)}")
        names.append(stored_name)
    return ", ".join(select), names


def unmapped_columns(*, mapping: ColumnMapping, columns: list[str],
                     keep: tuple[str, ...]) -> tuple[str, ...]:
    """The columns no field of `mapping` names and `keep` leaves out: what an import told to
    pseudonymise everything unmapped keys, so a column it has not been told about (an XES
    attribute first seen late in the file, say) is never stored in clear."""
    named = {*mapping.to_dict().values(), *keep}
    return tuple(column for column in columns if column not in named)


def publish_stored_log(*, work: Path, out_dir: Path, source: Path, fmt: LogFormat,
                       mapping: ColumnMapping, pseudonymised: bool, personal: tuple[str, ...],
                       timezone: str, events: int, cases: int, columns: list[str]) -> StoredLog:
    """Record the log written in `work` and move its files into `out_dir`, metadata last, so a
    reader never sees a metadata file without the data it describes. Shared by every engine's
    import, which must leave the same stored log."""
    stored = StoredLog(
        directory=out_dir,
        source_name=source.name,
        fmt=fmt,
        mapping=mapping,
        pseudonymised=pseudonymised,
        personal_columns=personal,
        timezone=timezone,
        events=events,
        cases=cases,
        columns=tuple(columns),
        imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    metadata = work / METADATA_FILE
    metadata.write_text(json.dumps(stored.to_dict(), indent=2), encoding="utf-8")
    (work / EVENTS_FILE).replace(out_dir / EVENTS_FILE)
    (work / CASES_FILE).replace(out_dir / CASES_FILE)
    metadata.replace(out_dir / METADATA_FILE)
    return stored


def import_log(
    *,
    source: Path,
    key: bytes | None,
    out_dir: Path,
    mapping: ColumnMapping | None = None,
    mapping_overrides: dict[str, str | None] | None = None,
    fmt: LogFormat | None = None,
    personal_columns: tuple[str, ...] | list[str] = (),
    pseudonymise_unmapped: bool = False,
    clear_columns: tuple[str, ...] | list[str] = (),
    timezone: str = "UTC",
    day_first: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> StoredLog:
    """Validate, pseudonymise and store the log at `source` as Parquet in `out_dir`.

    `mapping` None means "guess from the headers" (XES's standard keys need no mapping), with
    `mapping_overrides` (field -> column, e.g. {"case": "Ref"}) applied on top of the guess.
    `key` None stores case ids as they are: only for data that holds no personal identifiers,
    and the stored log records that it was not pseudonymised. Naive timestamps are read in
    `timezone`; `day_first` decides what 03/04/2024 means. Raises a `LogImportError` naming
    the row and column of the first bad value, and leaves `out_dir` as it was.
    """
    check_timezone(timezone)
    if key is not None:
        check_key(key)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / f".import-{uuid.uuid4().hex}"
    staging = work / "staging"
    staging.mkdir(parents=True)
    # An analysis usually follows: its modules load on the core DuckDB leaves idle.
    loading = start_loading_analysis_modules()
    try:
        con = duckdb.connect()
        con.execute(f"SET TimeZone = {sql_literal(timezone)}")
        con.execute(f"SET temp_directory = {sql_literal(work / 'spill')}")
        con.execute(f"SET memory_limit = {sql_literal(duckdb_memory_limit())}")
        log_format, row_label = stage(
            con, source=source, fmt=fmt, work=staging, max_bytes=max_bytes
        )
        # File order now lives in `_row`; later steps may stream in any order, which lets
        # DuckDB spill joins and writes to disk instead of running out of memory.
        con.execute("SET preserve_insertion_order = false")
        described = con.execute("DESCRIBE staged").fetchall()
        types = {row[0]: row[1] for row in described}
        source_columns = [name for name in types if name != ROW]
        if mapping is None:
            mapping = mapping_from_guess(
                headers=source_columns, is_xes=log_format == "xes", **(mapping_overrides or {})
            )
        for field_name, column in mapping.to_dict().items():
            if column is not None and column not in types:
                raise MissingColumnError(
                    field=field_name, column=column, available=source_columns
                )
        for column in personal_columns:
            if column not in types:
                raise MissingColumnError(
                    field="personal", column=column, available=source_columns
                )
        personal = tuple(personal_columns)
        if pseudonymise_unmapped:
            personal += unmapped_columns(mapping=mapping, columns=source_columns,
                                         keep=(*personal, *clear_columns))
        # One HMAC per distinct case, joined back: a case has many events. The distinct ids'
        # table hands each case its integer key for free (its rowid); a numbering window here
        # would run the HMACs on one thread. Blank ids get neither: they fail validation.
        raw_case = f"CAST({sql_identifier(mapping.case)} AS VARCHAR)"
        raw_id = "_jm_raw_case"
        pseudonym_sql = hmac_sql(expression=raw_id, key=key) if key is not None else raw_id
        con.execute(
            f"CREATE TEMP TABLE distinct_ids AS SELECT DISTINCT {raw_case} AS {raw_id} "  # noqa: S608
            "FROM staged"
        )
        con.execute(
            f"CREATE TEMP TABLE case_ids AS SELECT {raw_id}, "  # noqa: S608
            f"CASE WHEN trim({raw_id}) = '' THEN NULL ELSE {pseudonym_sql} END AS _jm_pseudonym, "
            f"CASE WHEN trim({raw_id}) = '' THEN NULL ELSE rowid END AS _jm_case_key "
            "FROM distinct_ids"
        )
        staged_events = work / EVENTS_FILE
        time_type = types[mapping.time]
        for attempt_day_first in (day_first, not day_first):
            time_sql = _time_sql(
                column=mapping.time, duckdb_type=time_type, timezone=timezone,
                day_first=attempt_day_first,
            )
            if attempt_day_first != day_first and not _parses_every_row(
                con=con, column=mapping.time, time_sql=time_sql
            ):
                break
            select, names = _select_sql(
                mapping=mapping,
                time_sql=time_sql,
                source_columns=source_columns,
                key=key,
                personal_columns=personal,
            )
            _copy_events(con=con, select=select, raw_case=raw_case, out=staged_events)
            error = _first_bad_event(
                con=con, mapping=mapping, written=staged_events, row_label=row_label
            )
            # Only a text time column that failed gets a second try, in the other date order.
            if error is None or error.column != mapping.time or time_type.upper() != "VARCHAR":
                break
        if error is not None:
            raise error
        events = con.execute("SELECT count(*) FROM staged").fetchone()[0]
        cases = con.execute("SELECT count(*) FROM case_ids").fetchone()[0]
        con.execute(
            f"COPY (SELECT _jm_case_key AS {CASE_KEY}, _jm_pseudonym AS {CASE} "  # noqa: S608
            f"FROM case_ids WHERE _jm_case_key IS NOT NULL) TO {sql_literal(work / CASES_FILE)} "
            "(FORMAT parquet, COMPRESSION snappy)"
        )
        con.close()
        stored = publish_stored_log(
            work=work, out_dir=out_dir, source=source, fmt=log_format, mapping=mapping,
            pseudonymised=key is not None, personal=personal, timezone=timezone,
            events=events, cases=cases, columns=names,
        )
        return stored
    except duckdb.Error as exc:
        raise LogImportError(f"{source.name}: could not be imported ({exc})") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if loading is not None:
            loading.join()
