"""The `journeymap` command loads only what the command run needs.

`journeymap --help` took ~4 s when every engine was imported at start; these tests hold the
lazy imports in place by looking at `sys.modules` in a fresh interpreter (behaviour, not time).
"""

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
