"""The analytics facade loads only what a run touches, and every name it exports still resolves.

Importing a CSV and analysing it must not pay for the Excel, Parquet or XES readers, the map
schema or PyArrow (DuckDB reads a plain CSV itself). Checked on `sys.modules` in a fresh
interpreter: behaviour, not time.
"""

from __future__ import annotations

import gzip
import os
import sys
import threading
import types

import pytest
from tests.module_probe import loaded_of

import journeymap.core.analytics as facade
from journeymap.core.analytics import analysis_warmup

HEAVY = ("openpyxl", "pyarrow", "numpy", "defusedxml", "graphviz", "pyspark",
         "journeymap.core.maps")

def _loaded(body: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return loaded_of(body, heavy)


def test_importing_analyse_and_import_log_loads_no_reader_nor_map_schema():
    assert _loaded("from journeymap.core.analytics import analyse, import_log") == []


def test_importing_import_log_and_analyse_loads_no_analysis_engine():
    """An import needs DuckDB alone: Ibis, sqlglot and the result models are the analysis's
    (a third of a second, which every XES range process would pay too), and `analyse` loads
    them when first called, so they can load beside an import (`analysis_warmup`)."""
    body = "from journeymap.core.analytics import analyse, import_log"
    assert _loaded(body, heavy=("ibis", "sqlglot", "pydantic", *HEAVY)) == []


def test_an_import_loads_the_analysis_engine_on_a_thread_it_waits_for(tmp_path, key):
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp\nc1,Call,2024-01-02 10:00:00\n",
                      encoding="utf-8")
    body = f"""
import threading
from pathlib import Path
from journeymap.core.analytics import import_log
import_log(source=Path({str(source)!r}), key={key!r}, out_dir=Path({str(tmp_path)!r}))
assert [thread.name for thread in threading.enumerate()] == ["MainThread"], threading.enumerate()
# The engine's objects are out of the collector's later walks, and the collector is back on.
import gc
assert gc.get_freeze_count() > 50_000 and gc.isenabled(), (gc.get_freeze_count(), gc.isenabled())
"""
    engine = ("journeymap.core.analytics.analysis_run", "journeymap.core.analytics.ibis_duckdb")
    assert _loaded(body, heavy=engine) == list(engine)


def test_an_engine_that_fails_to_load_leaves_the_import_as_it_was(tmp_path, key, monkeypatch):
    """The analysis reports such a failure where it loads the module itself."""
    monkeypatch.setattr(analysis_warmup, "ANALYSIS_MODULES", ("journeymap.no_such_module",))
    uncaught = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp\nc1,Call,2024-01-02 10:00:00\n",
                      encoding="utf-8")
    stored = facade.import_log(source=source, key=key, out_dir=tmp_path / "store")
    assert (stored.events, stored.cases) == (1, 1)
    assert "journeymap.no_such_module" not in sys.modules
    assert uncaught == []


def test_importing_a_plain_csv_loads_no_pyarrow(tmp_path, key):
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp\nc1,Call,2024-01-02 10:00:00\n",
                      encoding="utf-8")
    body = f"""
from pathlib import Path
from journeymap.core.analytics import import_log
stored = import_log(source=Path({str(source)!r}), key={key!r}, out_dir=Path({str(tmp_path)!r}))
assert stored.events == 1, stored
"""
    assert _loaded(body) == []


def test_analysing_on_duckdb_loads_no_pyarrow(tmp_path, key):
    """Results come back as rows and schemas are read as rows (see `ibis_duckdb`)."""
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp\nc1,Call,2024-01-02 10:00:00\n"
                      "c1,Visit,2024-01-03 10:00:00\n", encoding="utf-8")
    body = f"""
from pathlib import Path
from journeymap.core.analytics import analyse, import_log
stored = import_log(source=Path({str(source)!r}), key={key!r}, out_dir=Path({str(tmp_path)!r}))
result = analyse(log=stored)
assert result.events == 2 and result.to_json(), result
"""
    assert _loaded(body) == []


def test_a_gzip_csv_still_streams_through_the_reader(tmp_path, key):
    source = tmp_path / "log.csv.gz"
    source.write_bytes(gzip.compress(b"case_id,activity,timestamp\nc1,Call,2024-01-02 10:00\n"))
    stored = facade.import_log(source=source, key=key, out_dir=tmp_path / "store")
    assert (stored.events, stored.cases) == (1, 1)


def test_every_exported_name_resolves_to_what_its_module_defines():
    for name in facade.__all__:
        value = getattr(facade, name)
        assert not isinstance(value, types.ModuleType), name
    assert facade.import_log.__module__ == "journeymap.core.analytics.store"
    assert facade.resolve_spark_master.__name__ == "spark_master"
    assert set(facade.__all__) <= set(dir(facade))


def test_names_shared_with_a_module_mean_the_function_whatever_was_imported_first():
    body = """
import journeymap.core.analytics.report_html
import journeymap.core.analytics.figures_by_step
from journeymap.core.analytics import report_sections, step_figures
assert callable(report_sections) and callable(step_figures), (report_sections, step_figures)
"""
    _loaded(body)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        facade.no_such_name  # noqa: B018


@pytest.mark.skipif(sys.platform != "linux", reason="a nice value per thread is Linux's")
def test_the_loading_thread_yields_the_cores_to_the_import_and_only_itself():
    seen = {}

    def lowered() -> None:
        analysis_warmup._yield_the_cores()
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, 0)
    thread = threading.Thread(target=lowered)
    thread.start()
    thread.join()
    assert seen["thread"] == min(before + analysis_warmup.NICENESS, 19)
    assert os.getpriority(os.PRIO_PROCESS, 0) == before

