"""journeymap from file to figures: import (validate, pseudonymise, Parquet) then analyse.

Run as its own process by the benchmark runner; prints the same one-line JSON summary as the
PM4Py worker. Writes the full JSON report too, as a user would.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from journeymap.core.analytics import analyse, import_log


def main(path: str) -> None:
    with tempfile.TemporaryDirectory(prefix="jm-bench-") as scratch:
        key = b"benchmark-key-0123456789"
        stored = import_log(source=Path(path), key=key, out_dir=Path(scratch))
        result = analyse(log=stored)
        (Path(scratch) / "report.json").write_text(result.to_json(), encoding="utf-8")
    print(json.dumps({
        "events": result.events,
        "cases": result.cases,
        "variants": result.variant_count,
        "dfg_edges": len(result.dfg),
        "dfg_sum": sum(edge.count for edge in result.dfg),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
