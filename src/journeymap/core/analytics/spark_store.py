"""Importing a log on Spark (local or a cluster): the same stored log `store.import_log` writes.

The raw file is parsed by journeymap's own readers, into a staging Parquet in the hidden work
folder inside `out_dir`: one parser for every engine, so the defences (size caps, no XML
entities), the encoding fallback and the row numbers of errors are the same. Everything after
that runs on Spark, on the cluster's executors when the master is one: reading the staged rows,
checking every row, the keyed hash of each case id and personal column, and writing the
Parquet. So `out_dir` must be a folder the cluster can read and write (see docs/spark.md).

The result is held to DuckDB's, value for value: the same pseudonyms (HMAC-SHA256 from Spark's
`sha2`, as `pseudonymise.hmac_sql` builds it from DuckDB's), the same times (the ISO cast, then
one family of national formats, see `timestamps`), the same first bad row. Only the case keys,
which are dense integers with no meaning, may be numbered differently.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path

import duckdb

from journeymap.core.analytics.columns import (
    ACTIVITY,
    CASE,
    CASE_KEY,
    EVENT_INDEX,
    TIME_US,
    ColumnMapping,
    mapping_from_guess,
)
from journeymap.core.analytics.duckdb_memory import duckdb_memory_limit
from journeymap.core.analytics.errors import BadValueError, LogImportError, MissingColumnError
from journeymap.core.analytics.pseudonymise import PSEUDONYM_HEX_DIGITS, check_key
from journeymap.core.analytics.readers import ROW, LogFormat
from journeymap.core.analytics.readers.source import DEFAULT_MAX_BYTES
from journeymap.core.analytics.sql_text import sql_literal
from journeymap.core.analytics.staging import STAGED, stage
from journeymap.core.analytics.store import (
    CANONICAL,
    CASES_FILE,
    EVENTS_FILE,
    RESERVED,
    StoredLog,
    publish_stored_log,
    unmapped_columns,
)
from journeymap.core.analytics.timestamps import (
    DAY_FIRST,
    MONTH_FIRST,
    TIMESTAMP_DESCRIPTION,
    check_timezone,
)

STAGED_FILE = "staged.parquet"
_BLOCK = 64
# What DuckDB's TIMESTAMPTZ cast reads: an ISO date, optionally a time and an offset. Spark's
# cast reads more ("2024", "2024-03"), so it is only asked about text of this shape.
_ISO_DATE_TIME = r"^\s*\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*"
_ISO_PATTERN = _ISO_DATE_TIME + r"(Z|[+-]\d{2}(:?\d{2})?)?\s*$"
_ISO_NAIVE = _ISO_DATE_TIME + "$"
_WALL_CLOCK = "yyyy-MM-dd HH:mm:ss.SSSSSS"
# DuckDB's %Y reads a year of any width ("99" is the year 99), as Spark's "y" does.
_JAVA_PARTS = {
    "%Y": "y", "%m": "M", "%d": "d", "%y": "yy", "%b": "MMM", "%B": "MMMM",
    "%H": "H", "%M": "m", "%S": "s", "%f": "SSSSSS", "T": "'T'",
}


def _java_pattern(strftime: str) -> str:
    """A `timestamps` strptime format as a Spark datetime pattern ("%d/%m/%Y" -> "d/M/yyyy")."""
    pattern, index = "", 0
    while index < len(strftime):
        two, one = strftime[index : index + 2], strftime[index]
        if two in _JAVA_PARTS:
            pattern, index = pattern + _JAVA_PARTS[two], index + 2
        else:
            pattern, index = pattern + _JAVA_PARTS.get(one, one), index + 1
    return pattern


def _hmac_column(value, key: bytes):
    """The pseudonym of a string column, as `pseudonymise.hmac_sql` computes it (NULL stays)."""
    from pyspark.sql import functions as F

    block_key = hashlib.sha256(key).digest() if len(key) > _BLOCK else key
    block_key = block_key.ljust(_BLOCK, b"\0")
    inner = F.unhex(F.lit(bytes(byte ^ 0x36 for byte in block_key).hex()))
    outer = F.unhex(F.lit(bytes(byte ^ 0x5C for byte in block_key).hex()))
    inner_hash = F.sha2(F.concat(inner, F.encode(value, "UTF-8")), 256)
    return F.substring(F.sha2(F.concat(outer, F.unhex(inner_hash)), 256), 1,
                       PSEUDONYM_HEX_DIGITS)


def _later_if_repeated(instant, *, timezone: str):
    """A wall-clock time read in `timezone`, moved to its second occurrence when the clocks
    went back over it (as DuckDB reads it; Java takes the first)."""
    from pyspark.sql import functions as F

    if timezone == "UTC":
        return instant
    later = instant + F.expr("INTERVAL 1 HOUR")
    repeated = F.date_format(later, _WALL_CLOCK) == F.date_format(instant, _WALL_CLOCK)
    return F.when(repeated, later).otherwise(instant)


def _text_time(value, *, day_first: bool, timezone: str):
    """Spark's reading of a text time column, in the session's time zone (set to the log's)."""
    from pyspark.sql import functions as F

    trimmed = F.trim(value)
    # Without a pattern, try_to_timestamp follows the cast to TIMESTAMP.
    iso = F.when(value.rlike(_ISO_PATTERN), F.try_to_timestamp(trimmed))
    iso = F.when(value.rlike(_ISO_NAIVE), _later_if_repeated(iso, timezone=timezone)).otherwise(
        iso
    )
    formats = DAY_FIRST if day_first else MONTH_FIRST
    national = F.coalesce(
        *(F.try_to_timestamp(trimmed, F.lit(_java_pattern(strftime))) for strftime in formats)
    )
    return F.coalesce(iso, _later_if_repeated(national, timezone=timezone))


def _time_column(staged, *, column: str, spark_type: str, day_first: bool, timezone: str):
    """The time column as a Spark TIMESTAMP (an instant), NULL where it cannot be read."""

    value = staged[_quoted(column)]
    if spark_type == "string":
        return _text_time(value, day_first=day_first, timezone=timezone)
    if spark_type == "timestamp":
        return value
    if spark_type in ("timestamp_ntz", "date"):
        # A time without a zone is a wall-clock time in the log's zone: the cast reads it in
        # the session's zone, which the import sets to the log's.
        return _later_if_repeated(value.cast("timestamp"), timezone=timezone)
    raise LogImportError(
        f"the time column {column!r} holds {spark_type} values; expected timestamps or text"
    )


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _stage_to_parquet(*, source: Path, fmt: LogFormat | None, work: Path, max_bytes: int):
    """Parse `source` with journeymap's readers into `work/staged.parquet` (with `_row`)."""
    staging = work / "staging"
    staging.mkdir(parents=True)
    con = duckdb.connect()
    try:
        con.execute(f"SET temp_directory = {sql_literal(work / 'spill')}")
        con.execute(f"SET memory_limit = {sql_literal(duckdb_memory_limit())}")
        log_format, row_label = stage(
            con, source=source, fmt=fmt, work=staging, max_bytes=max_bytes
        )
        con.execute(
            f"COPY (SELECT * FROM {STAGED}) TO {sql_literal(work / STAGED_FILE)} "  # noqa: S608
            "(FORMAT parquet, COMPRESSION snappy)"
        )
    except duckdb.Error as exc:
        raise LogImportError(f"{source.name}: could not be imported ({exc})") from exc
    finally:
        con.close()
    shutil.rmtree(staging, ignore_errors=True)
    return log_format, row_label


def _checked_mapping(
    *, mapping: ColumnMapping | None, overrides: dict | None, columns: list[str], is_xes: bool,
    personal_columns: tuple[str, ...],
) -> ColumnMapping:
    if mapping is None:
        mapping = mapping_from_guess(headers=columns, is_xes=is_xes, **(overrides or {}))
    for field_name, column in mapping.to_dict().items():
        if column is not None and column not in columns:
            raise MissingColumnError(field=field_name, column=column, available=columns)
    for column in personal_columns:
        if column not in columns:
            raise MissingColumnError(field="personal", column=column, available=columns)
    return mapping


def _events_frame(*, staged, case_ids, mapping, time, key, personal_columns, columns):
    """The stored events as a Spark DataFrame, and their column names (as `store` names them)."""
    from pyspark.sql import functions as F

    def protect(value):
        return _hmac_column(value, key) if key is not None else value

    activity = staged[_quoted(mapping.activity)].cast("string")
    select = [
        F.col("_jm_case_key").alias(CASE_KEY),
        F.when(F.trim(activity) == "", None).otherwise(activity).alias(ACTIVITY),
        F.unix_micros(time).alias(TIME_US),
        staged[ROW].cast("bigint").alias(EVENT_INDEX),
    ]
    names = list(CANONICAL[:4])
    used = {mapping.case, mapping.activity, mapping.time, ROW}
    for name, column in mapping.optional_columns().items():
        value = staged[_quoted(column)].cast("string")
        select.append((protect(value) if column in personal_columns else value).alias(name))
        names.append(name)
        used.add(column)
    for column in columns:
        if column in used:
            continue
        stored_name = column if column not in RESERVED else f"source:{column}"
        value = staged[_quoted(column)]
        if column in personal_columns:
            value = protect(value.cast("string"))
        select.append(value.alias(stored_name))
        names.append(stored_name)
    raw_case = staged[_quoted(mapping.case)].cast("string")
    joined = staged.join(case_ids, raw_case == case_ids["_jm_raw_case"], "left")
    return joined.select(*select), names


def _case_ids(staged, *, case_column: str, key: bytes | None):
    """Each distinct raw case id with its pseudonym and a dense integer key (none if blank)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    raw = staged[_quoted(case_column)].cast("string").alias("_jm_raw_case")
    distinct = staged.select(raw).distinct().where(F.trim("_jm_raw_case") != "")
    pseudonym = _hmac_column(F.col("_jm_raw_case"), key) if key is not None else F.col(
        "_jm_raw_case"
    )
    # One numbering over the distinct ids (a window without partitions runs as one task, but
    # over cases, not events); the number carries no meaning, so any order will do.
    number = F.row_number().over(Window.orderBy("_jm_raw_case")) - 1
    return distinct.select(
        "_jm_raw_case",
        pseudonym.alias("_jm_pseudonym"),
        number.cast("bigint").alias("_jm_case_key"),
    )


def _first_bad_event(*, written, staged, mapping, row_label) -> BadValueError | None:
    """The first row (in file order) whose case id, activity or time was unusable, if any."""
    from pyspark.sql import functions as F

    unusable = written.where(
        F.col(CASE_KEY).isNull() | F.col(ACTIVITY).isNull() | F.col(TIME_US).isNull()
    ).orderBy(EVENT_INDEX).limit(1).collect()
    if not unusable:
        return None
    found = unusable[0]
    checks = [
        (CASE_KEY, mapping.case, "a case id"),
        (ACTIVITY, mapping.activity, "an activity name"),
        (TIME_US, mapping.time, TIMESTAMP_DESCRIPTION),
    ]
    _, column, expected = next(check for check in checks if found[check[0]] is None)
    row = found[EVENT_INDEX]
    value = (
        staged.where(staged[ROW] == row)
        .select(staged[_quoted(column)].cast("string").alias("value"))
        .collect()[0]["value"]
    )
    return BadValueError(row=row_label(row), column=column, value=value, expected=expected)


def _write_one_parquet(frame, *, folder: Path, target: Path) -> None:
    """Write `frame` as the single Parquet file `target` (the store's layout), via `folder`.

    The executors compute in parallel; the last step gathers the rows into one writer, so the
    stored log is one file that DuckDB, Spark and the web read alike.
    """
    frame.repartition(1).write.mode("overwrite").option("compression", "snappy").parquet(
        str(folder)
    )
    parts = sorted(folder.glob("part-*.parquet"))
    if len(parts) != 1:
        raise LogImportError(
            f"Spark wrote {len(parts)} Parquet parts in {folder}; the driver must see the "
            "folder the cluster writes (a shared folder, see docs/spark.md)"
        )
    parts[0].replace(target)
    shutil.rmtree(folder, ignore_errors=True)


def import_log_on_spark(
    *,
    session,
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
    """`store.import_log` with the checks, the keyed hash and the writing run on `session`.

    `session` is a Spark session (local, a standalone cluster's, or Spark Connect's) whose
    executors can read and write `out_dir`; the arguments and the errors are `import_log`'s,
    and so is the stored log, value for value.
    """
    from pyspark.sql import functions as F

    check_timezone(timezone)
    if key is not None:
        check_key(key)
    personal = tuple(personal_columns)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = (out_dir / f".import-{uuid.uuid4().hex}").resolve()
    work.mkdir()
    session_zone = session.conf.get("spark.sql.session.timeZone")
    try:
        log_format, row_label = _stage_to_parquet(
            source=source, fmt=fmt, work=work, max_bytes=max_bytes
        )
        # Naive times are wall-clock times in the log's zone: Spark reads them in the
        # session's zone, so the session takes the log's zone for the import's jobs.
        session.conf.set("spark.sql.session.timeZone", timezone)
        staged = session.read.parquet(str(work / STAGED_FILE))
        types = dict(staged.dtypes)
        columns = [name for name in staged.columns if name != ROW]
        mapping = _checked_mapping(
            mapping=mapping, overrides=mapping_overrides, columns=columns,
            is_xes=log_format == "xes", personal_columns=personal,
        )
        if pseudonymise_unmapped:
            personal += unmapped_columns(mapping=mapping, columns=columns,
                                         keep=(*personal, *clear_columns))
        case_ids = _case_ids(staged, case_column=mapping.case, key=key).cache()
        events_folder = work / "events.spark"
        for attempt_day_first in (day_first, not day_first):
            time = _time_column(
                staged, column=mapping.time, spark_type=types[mapping.time],
                day_first=attempt_day_first, timezone=timezone,
            )
            if attempt_day_first != day_first:
                unread = staged.where(staged[_quoted(mapping.time)].isNotNull() & time.isNull())
                if not unread.isEmpty():
                    break
            frame, names = _events_frame(
                staged=staged, case_ids=case_ids, mapping=mapping, time=time, key=key,
                personal_columns=personal, columns=columns,
            )
            _write_one_parquet(frame, folder=events_folder, target=work / EVENTS_FILE)
            written = session.read.parquet(str(work / EVENTS_FILE))
            error = _first_bad_event(
                written=written, staged=staged, mapping=mapping, row_label=row_label
            )
            # Only a text time column that failed gets a second try, in the other date order.
            if error is None or error.column != mapping.time or types[mapping.time] != "string":
                break
        if error is not None:
            raise error
        events = staged.count()
        cases = case_ids.count()
        _write_one_parquet(
            case_ids.select(
                F.col("_jm_case_key").alias(CASE_KEY), F.col("_jm_pseudonym").alias(CASE)
            ),
            folder=work / "cases.spark",
            target=work / CASES_FILE,
        )
        case_ids.unpersist()
        return publish_stored_log(
            work=work, out_dir=out_dir, source=source, fmt=log_format, mapping=mapping,
            pseudonymised=key is not None, personal=personal, timezone=timezone,
            events=events, cases=cases, columns=names,
        )
    finally:
        session.conf.set("spark.sql.session.timeZone", session_zone)
        shutil.rmtree(work, ignore_errors=True)
