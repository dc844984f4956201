"""The `journeymap` command loads only what the command run needs.

`journeymap --help` took ~4 s when every engine was imported at start; these tests hold the
lazy imports in place by looking at `sys.modules` in a fresh interpreter (behaviour, not time).
"""

import json
import subprocess
import sys

ENGINES = ("duckdb", "ibis", "pyspark", "django", "pyarrow", "openpyxl", "weasyprint",
           "cairosvg", "pypdfium2")

PROBE = """
import json, sys
{body}
print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & set({engines!r}))))
"""


def _loaded(body: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body, engines=ENGINES)],
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


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
