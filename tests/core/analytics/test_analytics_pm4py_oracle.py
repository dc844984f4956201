"""PM4Py as an oracle (a dev-only dependency, AGPL: never imported by journeymap itself).

Synthetic logs with ties and mixed UTC offsets, read by both; every figure must agree.
"""

from __future__ import annotations

import datetime as dt
import random
import warnings

import pytest
from tests.core.analytics.analytics_logs import KEY

from journeymap.core.analytics import analyse, import_log

pytestmark = pytest.mark.slow
pm4py = pytest.importorskip("pm4py")
pd = pytest.importorskip("pandas")

ZONES = [
    dt.UTC,
    dt.timezone(dt.timedelta(hours=1)),
    dt.timezone(dt.timedelta(hours=-5, minutes=-30)),
]


def _tricky_log(seed: int, cases: int) -> list[list[str]]:
    """Rows in shuffled order; minute-resolution times (ties); each time in a random offset."""
    rng = random.Random(seed)
    activities = ["Report", "Chase", "Inspect", "Order", "Complete", "Letter query"]
    rows = []
    base = dt.datetime(2024, 3, 30, 22, 0, tzinfo=dt.UTC)  # across the BST change
    for case in range(cases):
        start = base + dt.timedelta(minutes=rng.randint(0, 3000))
        for _ in range(rng.randint(1, 8)):
            moment = start + dt.timedelta(minutes=rng.choice([0, 0, 1, 5, 90, 1440]))
            zone = rng.choice(ZONES)
            stamp = moment.astimezone(zone).isoformat()
            rows.append([f"case-{case}", rng.choice(activities), stamp])
            start = moment
    rng.shuffle(rows)
    return [["case", "activity", "time"], *rows]


def _pm4py_figures(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pd.read_csv(path, dtype=str)
        frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
        frame = pm4py.format_dataframe(
            frame, case_id="case", activity_key="activity", timestamp_key="time"
        )
        dfg, starts, ends = pm4py.discover_dfg(frame)
        performance = pm4py.discover_performance_dfg(frame)[0]
        variants = pm4py.get_variants(frame)
        durations = pm4py.get_all_case_durations(frame)
    return dfg, starts, ends, performance, variants, durations


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_agree_with_pm4py(seed, write_csv, tmp_path):
    import numpy as np

    path = write_csv(_tricky_log(seed, cases=300))
    result = analyse(log=import_log(source=path, key=KEY, out_dir=tmp_path / "store"))
    dfg, starts, ends, performance, variants, durations = _pm4py_figures(path)

    assert {(r.from_, r.to): r.count for r in result.dfg} == dict(dfg)
    for row in result.dfg:
        assert row.median_seconds == pytest.approx(
            performance[(row.from_, row.to)]["median"]
        )
    assert result.start_activities == dict(starts)
    assert result.end_activities == dict(ends)
    expected_variants = {
        tuple(variant): count if isinstance(count, int) else len(count)
        for variant, count in variants.items()
    }
    assert {tuple(v.activities): v.cases for v in result.variants} == expected_variants
    assert result.case_duration_seconds.model_dump() == pytest.approx(
        {
            "min": min(durations),
            "median": float(np.median(durations)),
            "mean": float(np.mean(durations)),
            "p90": float(np.percentile(durations, 90)),
            "max": max(durations),
        }
    )
