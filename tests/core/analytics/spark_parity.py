"""What "the same stored log" means, for the tests that import on Spark and on DuckDB.

Two stored logs are the same when their metadata match (the import time aside) and every event
has the same values, case pseudonym included, in file order. Case keys are not compared: they
are dense integers without meaning, which each engine may number differently.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from journeymap.core.analytics import StoredLog


def stored_rows(directory: Path) -> list[tuple]:
    """Every stored event with its case's pseudonym instead of the case key, in file order."""
    events, cases = directory / "events.parquet", directory / "cases.parquet"
    return duckdb.sql(
        f"SELECT cases.case_id, events.* EXCLUDE (case_key) FROM read_parquet('{events}') events "  # noqa: S608
        f"JOIN read_parquet('{cases}') cases USING (case_key) ORDER BY event_index"
    ).fetchall()


def assert_same_store(expected: StoredLog, actual: StoredLog) -> None:
    left, right = expected.to_dict(), actual.to_dict()
    left.pop("imported_at"), right.pop("imported_at")
    assert left == right
    expected_rows = stored_rows(expected.directory)
    assert len(expected_rows) == expected.events
    assert stored_rows(actual.directory) == expected_rows
