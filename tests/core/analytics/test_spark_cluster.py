"""On a real standalone Spark cluster: the import and the analysis give DuckDB's log and figures.

scripts/test.sh starts a master and a worker on loopback (scripts/spark-cluster.sh), sets env
JOURNEYMAP_TEST_SPARK_MASTER to the master's URL and runs these tests in a process of their own
(a process holds one Spark driver). Without that variable they are skipped. The stored Parquet
lives in pytest's temporary folder, which the worker shares with the driver on this machine.
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
from journeymap.core.analytics import (
    analyse,
    analysis_connection,
    import_log,
    import_log_on_spark,
    spark_session,
)
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
    assert session.sparkContext.master == master
    return session


@pytest.fixture(scope="module")
def synth_log(tmp_path_factory):
    source = tmp_path_factory.mktemp("cluster") / "synth.csv"
    write_synth(cases=300, out=source, seed=17)
    return source


def test_the_import_on_the_cluster_stores_what_duckdb_stores(
    master, session, synth_log, tmp_path
):
    duck = import_log(source=synth_log, key=KEY, out_dir=tmp_path / "duckdb",
                      personal_columns=("reason",))
    spark = import_log_on_spark(session=session, source=synth_log, key=KEY,
                                out_dir=tmp_path / "spark", personal_columns=("reason",))
    assert_same_store(duck, spark)
    exact = analyse(log=duck).to_dict()
    on_cluster = analyse(
        log=spark, backend=analysis_connection(backend="pyspark", spark_master=master)
    ).to_dict()
    assert on_cluster["backend"] == "pyspark"
    for metric in METRICS:
        _same(exact[metric], on_cluster[metric], metric)


def test_journeymap_analyse_runs_on_the_cluster(master, session, synth_log, tmp_path):
    runner = CliRunner()
    common = ["analyse", str(synth_log), "--key-file", str(_key_file(tmp_path))]
    local = runner.invoke(app, [*common, "--json", str(tmp_path / "duckdb.json")])
    remote = runner.invoke(app, [*common, "--json", str(tmp_path / "cluster.json"),
                                 "--spark-master", master, "--store", str(tmp_path / "store")])
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    exact = json.loads((tmp_path / "duckdb.json").read_text(encoding="utf-8"))
    on_cluster = json.loads((tmp_path / "cluster.json").read_text(encoding="utf-8"))
    for metric in METRICS:
        _same(exact[metric], on_cluster[metric], metric)
    assert (tmp_path / "store" / "events.parquet").is_file()


def _key_file(tmp_path):
    path = tmp_path / "key"
    path.write_bytes(KEY)
    return path
