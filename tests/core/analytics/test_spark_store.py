"""The import on Spark (`import_log_on_spark`) stores exactly what DuckDB's `import_log` stores.

Run on the test session's local Spark; `test_spark_cluster` runs the same import on a real
standalone cluster. Each case imports one log both ways and compares values, pseudonyms and
times included, or the error message when the log is refused.
"""

from __future__ import annotations

import pytest
from tests.core.analytics.analytics_logs import KEY
from tests.core.analytics.spark_parity import assert_same_store

from journeymap.core.analytics import (
    LogImportError,
    import_log,
    import_log_on_spark,
    spark_session,
)

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def session(spark_connection):
    """The test session's local Spark (getOrCreate hands back the one `spark_connection` runs)."""
    return spark_session()


def _both(session, tmp_path, source, **arguments):
    duck = import_log(source=source, out_dir=tmp_path / "duckdb", **arguments)
    spark = import_log_on_spark(session=session, source=source, out_dir=tmp_path / "spark",
                                **arguments)
    assert_same_store(duck, spark)
    return spark


def test_personal_columns_and_case_ids_get_the_same_pseudonyms(session, write_csv, tmp_path):
    source = write_csv([
        ["Ref", "When", "What", "Channel", "Caller", "Note"],
        ["A-1", "2024-03-01T09:00:00Z", "Call", "phone", "Ann Smith", "first"],
        ["A-1", "2024-03-01T10:00:00Z", "Visit", "", "Ann Smith", ""],
        ["B-2", "2024-03-02T09:00:00Z", "Call", "phone", "Émile Zola", "ü ñ"],
        ["B-2", "2024-03-02T09:00:00Z", "Close", "web", "", "tie with the call"],
    ])
    stored = _both(
        session, tmp_path, source, key=KEY, personal_columns=("Caller",),
        mapping_overrides={"case": "Ref", "time": "When", "activity": "What"},
    )
    assert stored.pseudonymised and stored.cases == 2


def test_times_in_every_accepted_shape_and_a_zone_with_summer_time(
    session, write_csv, tmp_path
):
    times = [
        "2024-03-01T09:30:00+01:00", "2024-03-01 09:30", "2024-03-01", " 2024-03-01T09:30:00.5Z",
        "2024-03-31 01:30:00", "2024-10-27 01:30:00", "01/03/2024 09:30", "13/03/99",
        "5 Mar 2024 10:00", "7 March 2024", "2024/03/09 08:00:00.123456", "09.03.2024 07:15",
        "10-03-2024T06:00",
    ]
    source = write_csv([["case", "time", "activity"]] + [
        [f"c{index % 3}", time, f"step {index}"] for index, time in enumerate(times)
    ])
    _both(session, tmp_path, source, key=KEY, timezone="Europe/London")


def test_month_first_dates_are_read_when_day_first_fails(session, write_csv, tmp_path):
    source = write_csv([
        ["case", "time", "activity"],
        ["c1", "03/13/2024 09:00", "Call"],
        ["c1", "03/14/2024 09:00", "Visit"],
    ])
    _both(session, tmp_path, source, key=None)


@pytest.mark.parametrize(
    "bad_row",
    [["c2", "2024-03-02T09:00:00Z", "  "], ["", "2024-03-02T09:00:00Z", "Call"],
     ["c2", "yesterday", "Call"], ["c2", "2024", "Call"]],
    ids=["blank activity", "blank case", "unreadable time", "a year alone"],
)
def test_a_bad_row_is_refused_with_the_same_message(session, write_csv, tmp_path, bad_row):
    source = write_csv([
        ["case", "time", "activity"],
        ["c1", "2024-03-01T09:00:00Z", "Call"],
        bad_row,
    ])
    with pytest.raises(LogImportError) as duckdb_error:
        import_log(source=source, key=KEY, out_dir=tmp_path / "duckdb")
    with pytest.raises(LogImportError) as spark_error:
        import_log_on_spark(session=session, source=source, key=KEY, out_dir=tmp_path / "spark")
    assert str(spark_error.value) == str(duckdb_error.value)
    assert not (tmp_path / "spark" / "events.parquet").exists()
