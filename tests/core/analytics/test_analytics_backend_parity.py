"""The same Ibis expressions on DuckDB and PySpark give the same figures, metric by metric."""

from __future__ import annotations

import pytest
from tests.core.analytics.analytics_logs import KEY

from journeymap.core.analytics import analyse, import_log
from journeymap.core.analytics.synth import write_synth
from journeymap.core.maps.schema import JourneyMap

JOURNEY_MAP = JourneyMap(
    title="Repairs",
    kind="as_is",
    steps=[
        {"id": "report", "name": "Report a repair"},
        {"id": "inspect", "name": "Inspection"},
        {"id": "order", "name": "Works ordered"},
        {"id": "done", "name": "Repair done"},
    ],
)
STEP_MAPPING = {
    "Report repair": "report",
    "Inspect property": "inspect",
    "Raise works order": "order",
    "Complete repair": "done",
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parity")
    source = folder / "synth.csv"
    write_synth(cases=400, out=source, seed=11)
    return import_log(source=source, key=KEY, out_dir=folder / "store")


@pytest.fixture(scope="module")
def duckdb_result(stored):
    return analyse(log=stored, journey_map=JOURNEY_MAP, step_mapping=STEP_MAPPING).to_dict()


def _backend(name, request):
    if name == "duckdb":
        return "duckdb"
    return request.getfixturevalue("spark_connection")


def _same(left, right, path="result"):
    if isinstance(left, dict):
        assert isinstance(right, dict) and list(left) == list(right), path
        for key in left:
            _same(left[key], right[key], f"{path}.{key}")
    elif isinstance(left, list):
        assert isinstance(right, list) and len(left) == len(right), path
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            _same(a, b, f"{path}[{index}]")
    elif isinstance(left, float):
        assert right == pytest.approx(left, rel=1e-9, abs=1e-9), path
    else:
        assert left == right, path


METRICS = [
    "events", "cases", "activity_count", "variant_count", "first_event", "last_event",
    "activities", "start_activities", "end_activities", "variants", "dfg",
    "case_duration_seconds", "events_per_case", "contact_definition", "contacts_needed",
    "contacts", "channels", "services", "organisations", "handoffs", "repeats", "histograms",
    "avoidable", "conformance",
]


@pytest.mark.parametrize(
    "backend",
    ["duckdb", pytest.param("pyspark", marks=[pytest.mark.spark, pytest.mark.slow])],
)
def test_every_metric_is_identical_on_each_backend(backend, stored, duckdb_result, request):
    result = analyse(
        log=stored,
        backend=_backend(backend, request),
        journey_map=JOURNEY_MAP,
        step_mapping=STEP_MAPPING,
    ).to_dict()
    for metric in METRICS:
        _same(duckdb_result[metric], result[metric], metric)
    assert duckdb_result["conformance"]["cases_mapped"] > 0
    assert duckdb_result["avoidable"]["avoidable_contacts"] > 0
    assert 0 < duckdb_result["contacts"]["events"] < duckdb_result["events"]
    assert duckdb_result["handoffs"]["service"]["rework"]
