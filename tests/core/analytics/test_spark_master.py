"""Choosing where Spark runs: the master URL's shape, the environment variable, the CLI's rules.

No Spark starts here: these are the checks made before any session is opened.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.core.analytics import (
    SPARK_MASTER_ENV,
    ConfigurationError,
    import_log_on,
    resolve_spark_master,
)

runner = CliRunner()


def _words(output: str) -> str:
    """The CLI's message without the box and line breaks rich draws around it."""
    return " ".join(output.replace("│", " ").split())


@pytest.mark.parametrize(
    "master",
    ["local", "local[1]", "local[*]", "spark://10.0.0.5:7077", "spark://a.example:7077,b:7077",
     "sc://spark.example.org:15002", "sc://localhost", "sc://host:15002/;use_ssl=true"],
)
def test_master_urls_spark_takes_are_accepted(master):
    assert resolve_spark_master(master) == master


@pytest.mark.parametrize(
    "master", ["yarn", "spark://host", "local[0]", "http://host:7077", "sc://", "local[2] x"]
)
def test_anything_else_is_refused_by_name(master):
    with pytest.raises(ConfigurationError, match="is not a Spark master"):
        resolve_spark_master(master)


def test_the_environment_names_the_master_when_the_caller_does_not(monkeypatch):
    monkeypatch.setenv(SPARK_MASTER_ENV, "spark://cluster.example:7077")
    assert resolve_spark_master(None) == "spark://cluster.example:7077"
    assert resolve_spark_master("local[1]") == "local[1]"
    monkeypatch.delenv(SPARK_MASTER_ENV)
    assert resolve_spark_master(None) == "local[2]"


def test_an_unknown_backend_is_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="unknown backend 'postgres'"):
        import_log_on(backend="postgres", source=tmp_path / "log.csv", key=None,  # type: ignore[arg-type]
                      out_dir=tmp_path / "store")


def test_a_master_with_duckdb_is_a_contradiction(write_csv, tmp_path):
    source = write_csv([["case", "time", "activity"], ["c1", "2024-03-01T09:00:00Z", "Call"]])
    result = runner.invoke(app, ["analyse", str(source), "--json", str(tmp_path / "o.json"),
                                 "--backend", "duckdb", "--spark-master", "local[1]"])
    assert result.exit_code == 2
    assert "leave out --backend duckdb" in _words(result.output)


def test_a_cluster_needs_a_store_it_shares(write_csv, tmp_path):
    source = write_csv([["case", "time", "activity"], ["c1", "2024-03-01T09:00:00Z", "Call"]])
    result = runner.invoke(app, ["analyse", str(source), "--json", str(tmp_path / "o.json"),
                                 "--spark-master", "spark://127.0.0.1:7077"])
    assert result.exit_code == 2
    assert "give --store on a folder it shares" in _words(result.output)
    assert not (tmp_path / "o.json").exists()
