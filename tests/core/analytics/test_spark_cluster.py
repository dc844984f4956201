"""On a real Spark cluster: the import and the analysis give DuckDB's log and figures.

scripts/test.sh runs this module twice, each time in a process of its own (a process holds one
Spark driver, and a Spark Connect session switches pyspark to Connect for the whole process):
against a standalone master and worker on loopback, then through a Spark Connect server
(both from scripts/spark-cluster.sh), with env JOURNEYMAP_TEST_SPARK_MASTER set to the
`spark://` or `sc://` URL. Without that variable the tests are skipped. The stored Parquet
lives in pytest's temporary folder, which the cluster shares with the driver on this machine.
"""

from __future__ import annotations

import json
import os

import pytest
from tests.core.analytics.analytics_logs import KEY
from tests.core.analytics.spark_parity import assert_same_store
from tests.core.analytics.test_analytics_backend_parity import METRICS, _same
from typer.testing import CliRunner

from journeymap.cli import app
from journeymap.core.analytics import StoredLog, spark_session
from journeymap.core.analytics.synth import write_synth

MASTER_ENV = "JOURNEYMAP_TEST_SPARK_MASTER"
pytestmark = [pytest.mark.spark_cluster, pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def master():
    url = os.environ.get(MASTER_ENV)
    if not url:
        pytest.skip(f"no Spark cluster: scripts/test.sh sets {MASTER_ENV}")
    return url


@pytest.fixture(scope="module")
def session(master):
    session = spark_session(master)
    # A process that already ran a local Spark would hand that back: make sure it is the cluster.
    if master.startswith("sc://"):
        from pyspark.sql.connect.session import SparkSession as ConnectSession

        assert isinstance(session, ConnectSession)
    else:
        assert session.sparkContext.master == master
    return session


@pytest.fixture(scope="module")
def synth_log(tmp_path_factory):
    source = tmp_path_factory.mktemp("cluster") / "synth.csv"
    write_synth(cases=300, out=source, seed=17)
    return source


def test_journeymap_analyse_on_the_cluster_stores_and_measures_what_duckdb_does(
    master, session, synth_log, tmp_path
):
    # One run each way does the import and the analysis, so the cluster stage pays for one
    # import and one analysis on the cluster.
    runner = CliRunner()
    common = ["analyse", str(synth_log), "--key-file", str(_key_file(tmp_path)),
              "--personal", "reason"]
    local = runner.invoke(app, [*common, "--json", str(tmp_path / "duckdb.json"),
                                "--store", str(tmp_path / "duckdb")])
    remote = runner.invoke(app, [*common, "--json", str(tmp_path / "cluster.json"),
                                 "--spark-master", master, "--store", str(tmp_path / "cluster")])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    # The same rows and pseudonyms (case ids and the personal column) in the stored Parquet.
    assert_same_store(StoredLog.open(tmp_path / "duckdb"), StoredLog.open(tmp_path / "cluster"))
    exact = json.loads((tmp_path / "duckdb.json").read_text(encoding="utf-8"))
    on_cluster = json.loads((tmp_path / "cluster.json").read_text(encoding="utf-8"))
    assert (exact["backend"], on_cluster["backend"]) == ("duckdb", "pyspark")
    for metric in METRICS:
        _same(exact[metric], on_cluster[metric], metric)


def _key_file(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(KEY)
    return path
