"""SQL compiled once per process, and the engine-memory tables whose names make that possible.

A re-analysis only finds its SQL when every table it reads has the name and columns it had the
first time; these tests hold the naming rules and that a cached text is only ever its own
expression's.
"""

from __future__ import annotations

import uuid

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ibis.backends.duckdb import Backend as DuckDBBackend

from journeymap.core.analytics.backends import connect, materialised, stored_events
from journeymap.core.analytics.compiled_sql import compiled_sql


@pytest.fixture
def events_parquet(tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(pa.table({"case_key": [1, 1, 2, 3], "time_us": [10, 20, 5, 30]}), path)
    return path


def _numbers(con, name: str, values: list[int]):
    con.raw_sql(f'CREATE TEMP TABLE "{name}" AS SELECT unnest({values}) AS n')
    return con.table(name)


@pytest.fixture
def compilations(monkeypatch):
    """How many times Ibis compiled an expression on DuckDB."""
    calls = []
    compile_once = DuckDBBackend.compile

    def counted(self, *args, **kwargs):
        calls.append(args[0])
        return compile_once(self, *args, **kwargs)

    monkeypatch.setattr(DuckDBBackend, "compile", counted)
    return calls


def test_the_same_expression_on_another_connection_reuses_the_sql(compilations):
    name = f"numbers_{uuid.uuid4().hex}"  # an expression no other test compiled
    first, second = connect(backend="duckdb"), connect(backend="duckdb")
    texts = []
    for con in (first, second):
        numbers = _numbers(con, name, [1, 2, 3])
        total = numbers.filter(numbers.n > 1).aggregate(total=numbers.n.sum())
        texts.append(compiled_sql(con, total))
    assert texts[0] == texts[1]
    assert len(compilations) == 1
    assert second.raw_sql(texts[1]).fetchall() == [(5,)]


def test_a_different_expression_gets_its_own_sql(compilations):
    con = connect(backend="duckdb")
    numbers = _numbers(con, f"numbers_{uuid.uuid4().hex}", [1, 2, 3])
    above_one = compiled_sql(con, numbers.filter(numbers.n > 1))
    above_two = compiled_sql(con, numbers.filter(numbers.n > 2))
    assert above_one != above_two
    assert len(compilations) == 2
    assert con.raw_sql(above_two).fetchall() == [(3,)]


def _name(table) -> str:
    return table.op().name


def test_engine_memory_tables_are_numbered_per_connection_and_names_come_back():
    con, other = connect(backend="duckdb"), connect(backend="duckdb")
    numbers = _numbers(con, f"numbers_{uuid.uuid4().hex}", [1, 2])
    with materialised(con=con, expression=numbers) as outer:
        with materialised(con=con, expression=numbers) as inner:
            assert (_name(outer), _name(inner)) == ("journeymap_1", "journeymap_2")
        with materialised(con=con, expression=numbers) as again:
            assert _name(again) == "journeymap_2"
        # Connections share the process's database but not their temporary tables.
        with materialised(con=other, expression=_numbers(other, "mine", [7])) as others:
            assert _name(others) == "journeymap_1"
            assert other.raw_sql('SELECT n FROM "journeymap_1"').fetchall() == [(7,)]
        assert sorted(con.raw_sql('SELECT n FROM "journeymap_1"').fetchall()) == [(1,), (2,)]
    with materialised(con=con, expression=numbers) as after:
        assert _name(after) == "journeymap_1"


def test_kept_events_read_like_the_whole_log(events_parquet):
    """A filter's kept events have the whole log's table name and columns, so every later
    expression compiles to the same SQL; only the kept rows are in it."""
    texts, counts = [], []
    for keep in (None, lambda stored: stored.filter(stored.case_key != 2)):
        con = connect(backend="duckdb")
        with stored_events(con=con, path=events_parquet, keep=keep) as stored:
            per_case = stored.group_by("case_key").aggregate(first=stored.time_us.min())
            texts.append(compiled_sql(con, per_case))
            counts.append(sorted(con.raw_sql(texts[-1]).fetchall()))
    assert texts[0] == texts[1]
    assert counts == [[(1, 10), (2, 5), (3, 30)], [(1, 10), (3, 30)]]


def test_analyses_at_once_in_threads_each_read_their_own_log(tmp_path):
    """Analyses running at once in one process (a threaded web worker, two organisations'
    datasets) share the DuckDB database and the SQL texts, with the same table names: each must
    still read its own log and only its own."""
    from concurrent.futures import ThreadPoolExecutor

    from journeymap.core.analytics import analyse, import_log

    logs = []
    for which, activities in enumerate((("Apply", "Decide"), ("Report", "Inspect", "Fix"))):
        source = tmp_path / f"log-{which}.csv"
        rows = [f"C{case},2025-01-0{1 + step}T09:00:00,{activity}"
                for case in range(3 + which) for step, activity in enumerate(activities)]
        source.write_text("case_id,timestamp,activity\n" + "\n".join(rows) + "\n")
        logs.append(import_log(source=source, key=b"k" * 32, out_dir=tmp_path / f"store-{which}"))
    alone = [analyse(log=log).to_dict() for log in logs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda index: (index, analyse(log=logs[index]).to_dict()),
                                 [0, 1] * 6))
    for index, report in together:
        assert report == alone[index]
    assert [report["cases"] for report in alone] == [3, 4]
