"""The `journeymap` command loads only what the command run needs.

`journeymap --help` took ~4 s when every engine was imported at start; these tests hold the
lazy imports in place by looking at `sys.modules` in a fresh interpreter (behaviour, not time).
"""

import json
import subprocess
import sys

import pytest

from tests.module_probe import loaded_of

ENGINES = ("duckdb", "ibis", "pyspark", "django", "pyarrow", "openpyxl", "weasyprint",
           "cairosvg", "pypdfium2")

def _loaded(body: str) -> list[str]:
    return loaded_of(body, ENGINES)


def test_importing_the_cli_loads_no_engine():
    assert _loaded("import journeymap.cli") == []


def test_help_loads_no_engine():
    body = """
from typer.testing import CliRunner
from journeymap.cli import app
result = CliRunner().invoke(app, ["--help"])
assert result.exit_code == 0 and "render" in result.output, result.output
"""
    assert _loaded(body) == []


def test_render_to_svg_loads_no_engine_and_no_pdf_renderer(tmp_path):
    from journeymap.core.maps.demo import load_demo_documents
    from journeymap.core.maps.jsonio import dumps

    source = tmp_path / "map.json"
    source.write_text(dumps(load_demo_documents()[0]), encoding="utf-8")
    out = tmp_path / "map.svg"
    body = f"""
from typer.testing import CliRunner
from journeymap.cli import app
result = CliRunner().invoke(app, ["render", {str(source)!r}, "-o", {str(out)!r}])
assert result.exit_code == 0, result.output
"""
    assert _loaded(body) == []
    assert out.read_text(encoding="utf-8").startswith("<svg")



@pytest.mark.parametrize(
    "options", [[], ["--contact-activities", "Call"], ["--channel", "channel"]]
)
def test_analyse_imports_the_log_before_it_loads_the_analysis_engine(tmp_path, options):
    """So the engine loads beside the import (see `analysis_warmup`)."""
    source = tmp_path / "log.csv"
    source.write_text("case_id,activity,timestamp,channel\nc1,Call,2024-01-02 10:00:00,phone\n"
                      "c1,Visit,2024-01-03 10:00:00,\n", encoding="utf-8")
    body = f"""
import json, sys
from typer.testing import CliRunner
import journeymap.core.analytics.store as store
from journeymap.cli import app

engine_loaded = []
start = store.start_loading_analysis_modules

def spy():
    engine_loaded.append(any(name.split(".")[0] == "ibis" for name in sys.modules))
    return start()

store.start_loading_analysis_modules = spy
result = CliRunner().invoke(
    app, ["analyse", {str(source)!r}, "--json", {str(tmp_path / "out.json")!r}, *{options!r}])
assert result.exit_code == 0, result.output
print(json.dumps(engine_loaded))
"""
    ran = subprocess.run([sys.executable, "-c", body], capture_output=True, text=True,
                         check=True, timeout=300)
    assert json.loads(ran.stdout.splitlines()[-1]) == [False]
