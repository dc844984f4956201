"""How the Spark backend's time falls with more cores: `analyse` on `local[1]` vs `local[2]`.

Not a test (timings depend on the machine); run by hand, on an idle machine if there is one:

    .venv/bin/python benchmarks/spark_slope.py --events 1m --masters 'local[1]' 'local[2]'

The log (`journeymap synth`, ~4.8 events per case) is written once; then each master runs in
a fresh process, which times the Spark session's start, the import on Spark
(read the staged log, keyed hash, Parquet write) and `analyse` separately, so the slope of the
work is not hidden by the JVM's start. `--repeat N` keeps the fastest of N runs per master.
The machine's load average (`os.getloadavg`) is printed beside each figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {"100k": 20_700, "1m": 207_000, "10m": 2_070_000}
KEY = b"benchmark-key-not-secret-32bytes"


def _worker(log: str, store: str, master: str) -> None:
    import ibis

    from journeymap.core.analytics import analyse, import_log_on_spark, spark_session

    started = time.perf_counter()
    session = spark_session(master)
    con = ibis.pyspark.connect(session)
    session_s = time.perf_counter() - started
    started = time.perf_counter()
    stored = import_log_on_spark(session=session, source=Path(log), key=KEY,
                                 out_dir=Path(store))
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    result = analyse(log=stored, backend=con)
    analyse_s = time.perf_counter() - started
    print(json.dumps({"master": master, "session_s": round(session_s, 2),
                      "import_s": round(import_s, 2), "analyse_s": round(analyse_s, 2),
                      "events": result.events, "load": os.getloadavg()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", choices=sorted(SIZES), default="1m")
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/journeymap-spark-bench"))
    parser.add_argument("--worker", nargs=3, metavar=("LOG", "STORE", "MASTER"))
    args = parser.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    args.data_dir.mkdir(parents=True, exist_ok=True)
    log = args.data_dir / f"synth-{args.events}.csv"
    if not log.exists():
        subprocess.run([sys.executable, "-m", "journeymap.cli", "synth", "-o", str(log),
                        "--cases", str(SIZES[args.events])], check=True)
    for master in args.masters:
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="journeymap-slope-") as store:
                done = subprocess.run(
                    [sys.executable, __file__, "--worker", str(log), store, master],
                    check=True, capture_output=True, text=True,
                )
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(min(runs, key=lambda run: run["import_s"] + run["analyse_s"])))


if __name__ == "__main__":
    main()
