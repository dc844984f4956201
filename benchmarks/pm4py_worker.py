"""PM4Py from file to figures (the peer in the benchmark): run as its own process.

Reads the CSV with pandas, `format_dataframe`, `discover_dfg`, `get_variants`, and every case
duration; prints a one-line JSON summary so the runner can check both tools agree.
"""

from __future__ import annotations

import json
import sys
import warnings

warnings.filterwarnings("ignore")

import pandas as pd  # noqa: E402
import pm4py  # noqa: E402


def main(path: str) -> None:
    frame = pd.read_csv(path)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True, format="ISO8601")
    frame = pm4py.format_dataframe(
        frame, case_id="case_id", activity_key="activity", timestamp_key="timestamp"
    )
    dfg, _starts, _ends = pm4py.discover_dfg(frame)
    variants = pm4py.get_variants(frame)
    durations = pm4py.get_all_case_durations(frame)
    print(json.dumps({
        "events": len(frame),
        "cases": len(durations),
        "variants": len(variants),
        "dfg_edges": len(dfg),
        "dfg_sum": int(sum(dfg.values())),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
