"""Ibis's compilers package is imported one compiler at a time, and still exports every name.

Checked on `sys.modules` and on what the names resolve to, in fresh interpreters: behaviour,
not time.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from journeymap.core.analytics.ibis_compilers import PACKAGE, exported_names


def _run(body: str) -> object:
    result = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True,
                            check=True, timeout=300)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _installed_source() -> str:
    return Path(importlib.util.find_spec(PACKAGE).origin).read_text(encoding="utf-8")


def test_the_installed_ibis_is_one_whose_compilers_are_imported_lazily():
    exported = exported_names(_installed_source())
    assert exported is not None
    assert exported["DuckDBCompiler"] == "duckdb"
    assert exported["PySparkCompiler"] == "pyspark"


def test_an_analysis_on_duckdb_imports_only_the_duckdb_compiler(tmp_path, key):
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp\nc1,Call,2024-01-02 10:00:00\n"
                      "c1,Visit,2024-01-03 10:00:00\n", encoding="utf-8")
    loaded = _run(f"""
import json, sys
from pathlib import Path
from journeymap.core.analytics import analyse, import_log
stored = import_log(source=Path({str(source)!r}), key={key!r}, out_dir=Path({str(tmp_path)!r}))
assert analyse(log=stored).events == 2
print(json.dumps(sorted(name.rsplit(".", 1)[1] for name in sys.modules
                        if name.startswith("{PACKAGE}."))))
""")
    assert loaded == ["_compat", "base", "duckdb"]


def test_every_name_and_compiler_still_resolves_after_the_duckdb_backend():
    resolved = _run("""
import json
import journeymap.core.analytics.ibis_duckdb
import ibis
import ibis.backends.sql.compilers as compilers
from ibis.backends.sql.compilers import PostgresCompiler
names = {name: getattr(compilers, name).__module__ for name in compilers.__all__}
table = ibis.table({"a": "int64"}, name="t")
print(json.dumps({
    "names": names,
    "postgres": PostgresCompiler.__name__,
    "pyspark": type(compilers.pyspark.compiler).__name__,
    "mysql": ibis.to_sql(table.a.sum(), dialect="mysql"),
}))
""")
    expected = exported_names(_installed_source())
    assert resolved["names"] == {name: f"{PACKAGE}.{module}" for name, module in expected.items()}
    assert resolved["postgres"] == "PostgresCompiler"
    assert resolved["pyspark"] == "PySparkCompiler"
    assert "`t0`.`a`" in resolved["mysql"]


def test_a_package_already_imported_is_left_as_it_is():
    kept = _run(f"""
import json, sys
import {PACKAGE} as before
from journeymap.core.analytics.ibis_compilers import install_lazy_compilers
installed = install_lazy_compilers()
print(json.dumps([installed, sys.modules["{PACKAGE}"] is before]))
""")
    assert kept == [False, True]


def test_an_init_that_does_anything_else_is_imported_as_it_is():
    source = _installed_source()
    assert exported_names(source + "\nimport os\n") is None
    assert exported_names(source + "\nSOMETHING = 1\n") is None
    assert exported_names(source.replace('"DuckDBCompiler",', "", 1)) is None
    renamed = "\nfrom ibis.backends.sql.compilers.duckdb import X as Y\n"
    assert exported_names(source + renamed) is None
    assert exported_names("this is not python (") is None
