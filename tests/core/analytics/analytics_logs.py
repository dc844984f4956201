"""Small logs and a plain-Python reference of the metric definitions, for tests to compare to.

The reference is deliberately naive (sort, loop) so it is easy to check by eye; the engine must
agree with it on any log hypothesis can think of.
"""

from __future__ import annotations

import os
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[3]
KEY = b"test-key-0123456789abcdef-not-secret"


def shared_data() -> Path:
    """The real public logs: env JOURNEYMAP_SHARED_DATA, else ../shared/data beside the repo."""
    return Path(os.environ.get("JOURNEYMAP_SHARED_DATA", REPO_ROOT / ".." / "shared" / "data"))

Event = tuple[str, str, int]  # case, activity, time in seconds


def traces(events: Sequence[Event]) -> dict[str, list[tuple[str, int]]]:
    """Case -> [(activity, time)] ordered by time, ties in input order (a stable sort)."""
    by_case: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for index, (case, activity, time) in enumerate(events):
        by_case[case].append((time, index, activity))
    return {
        case: [(activity, time) for time, _, activity in sorted(items)]
        for case, items in by_case.items()
    }


def reference_dfg(events: Sequence[Event]) -> dict[tuple[str, str], tuple[int, float]]:
    gaps: dict[tuple[str, str], list[int]] = defaultdict(list)
    for trace in traces(events).values():
        for (a, ta), (b, tb) in pairwise(trace):
            gaps[(a, b)].append(tb - ta)
    return {pair: (len(g), float(statistics.median(g))) for pair, g in gaps.items()}


def reference_variants(events: Sequence[Event]) -> Counter:
    return Counter(tuple(a for a, _ in trace) for trace in traces(events).values())


def reference_summary(values: Sequence[float]) -> dict[str, float]:
    array = np.array(values, dtype=float)
    return {
        "min": float(array.min()),
        "median": float(np.median(array)),
        "mean": float(array.mean()),
        "p90": float(np.percentile(array, 90)),
        "max": float(array.max()),
    }


def csv_rows(events: Sequence[Event], *, base: int = 1_700_000_000) -> list[list[str]]:
    import datetime as dt

    rows = [["case", "activity", "time"]]
    for case, activity, time in events:
        moment = dt.datetime.fromtimestamp(base + time, tz=dt.UTC)
        rows.append([case, activity, moment.isoformat()])
    return rows
