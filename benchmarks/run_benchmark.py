"""journeymap analyse vs PM4Py, file to figures, each in its own process: time and peak memory.

    .venv/bin/python benchmarks/run_benchmark.py --sizes 100k 1m 10m

For each size a synthetic council contact log (journeymap's `synth`, CSV) is written once to
--data-dir; then each tool runs as a fresh Python process (imports included, as a user would
run it) and the runner records wall time and the process's peak resident memory (from
`os.wait4`); with --repeat N the fastest of N runs counts (the machine may be shared).
Both tools print a summary (events, cases, variants, DFG edges and total); the
runner refuses to report a ratio if they disagree. `--tools journeymap pm4py floor` adds the
floor (`floor_worker.py`: only the steps the issue requires before any metric), which bounds
the speed-up any engine could show on this machine. Results go to stdout as a Markdown table and
to --out as JSON. Not part of the test run: timings depend on the machine.

`--logs FILE...` measures given files instead of synthetic sizes (an XES log with
`--tools journeymap xes-floor pm4py`). Repetitions are interleaved (each round runs every tool
once), so a burst of load from others on a shared machine hits all tools alike; the load
average before and after each log is printed and saved beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENTS_PER_CASE = 4.72  # the synth journeys' average length
SIZES = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000, "100m": 100_000_000}
WORKERS = {
    "journeymap": HERE / "journeymap_worker.py",
    "pm4py": HERE / "pm4py_worker.py",
    # Only read, pseudonymise and store: the least any engine must do (see floor_worker.py).
    "floor": HERE / "floor_worker.py",
    # Only parse the XML, counting elements: the least any XES reader must do.
    "xes-floor": HERE / "xes_floor_worker.py",
}
# The reference each tool's time is divided by, when both ran.
FLOORS = {"floor": "floor", "xes-floor": "XES floor (bare expat parse)"}


def ensure_log(data_dir: Path, label: str) -> Path:
    """The synthetic log of size `label`, written by a child process if it is not there yet.

    Writing it here would leave this process's memory high-water mark at the writer's, and
    Linux carries a parent's peak RSS into every child it forks, so each worker's peak would
    read at least that much.
    """
    path = data_dir / f"synth-{label}.csv"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        cases = round(SIZES[label] / EVENTS_PER_CASE)
        subprocess.run(
            [sys.executable, "-m", "journeymap.cli", "synth", "--output", str(path),
             "--cases", str(cases), "--seed", "5"],
            check=True,
        )
    return path


def run_worker(script: Path, log: Path, *, src: Path | None = None) -> dict[str, object]:
    """Run one worker on `log`; `src` puts another checkout's code first (the baseline)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(script), str(log)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stdout = process.stdout.read().decode() if process.stdout else ""
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{script.name} failed on {log.name}:\n{stderr[-2000:]}")
    summary = json.loads(stdout.strip().splitlines()[-1])
    # CPU seconds (user + system, every thread) say how much work was done even when other
    # people's jobs stretch the wall time on a shared machine.
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": usage.ru_maxrss / 1024, "summary": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1m"], choices=list(SIZES))
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/journeymap-bench"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/journeymap-bench/results.json"))
    parser.add_argument(
        "--tools", nargs="+", default=["journeymap", "pm4py"], choices=list(WORKERS)
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the fastest counts")
    parser.add_argument("--logs", nargs="+", type=Path, default=[],
                        help="measure these files instead of the synthetic --sizes")
    parser.add_argument("--baseline", type=Path, help=(
        "another checkout (e.g. /work/main): adds tool `baseline`, journeymap run from its src"))
    args = parser.parse_args()
    if args.baseline is not None:
        args.tools.append("baseline")
    logs = [(path.name, path) for path in args.logs] or [
        (label, ensure_log(args.data_dir, label)) for label in args.sizes
    ]
    results = []
    print("| events | tool | seconds | CPU seconds | peak RSS (MiB) |")
    print("| --- | --- | --- | --- | --- |")
    for label, log in logs:
        row: dict[str, object] = {"size": label, "file_bytes": log.stat().st_size,
                                  "load_before": os.getloadavg()}
        runs: dict[str, list[dict[str, object]]] = {tool: [] for tool in args.tools}
        for _round in range(args.repeat):
            for tool in args.tools:
                if tool == "baseline":
                    runs[tool].append(run_worker(WORKERS["journeymap"], log,
                                                 src=args.baseline / "src"))
                else:
                    runs[tool].append(run_worker(WORKERS[tool], log))
        for tool in args.tools:
            measured = min(runs[tool], key=lambda run: run["seconds"])
            row[tool] = {**measured, "all_seconds": [run["seconds"] for run in runs[tool]]}
            events = measured["summary"].get("events", measured["summary"].get("elements"))
            print(
                f"| {events:,} | {tool} | {measured['seconds']:.2f} | "
                f"{measured['cpu_seconds']:.2f} | {measured['peak_rss_mib']:.0f} |",
                flush=True,
            )
        row["load_after"] = os.getloadavg()
        _ratios(label, row)
        print(f"| {label} | load average (1, 5, 15 min) | before {_load(row['load_before'])}, "
              f"after {_load(row['load_after'])} | |", flush=True)
        results.append(row)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2))


def _load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.1f}" for value in load)


def _ratios(label: str, row: dict[str, object]) -> None:
    """Print (and keep in `row`) journeymap against PM4Py and each tool against its floor."""
    if "journeymap" in row and "pm4py" in row:
        ours, theirs = row["journeymap"], row["pm4py"]
        if ours["summary"] != theirs["summary"]:
            raise RuntimeError(f"the tools disagree on {label}: {ours} vs {theirs}")
        row["speedup"] = theirs["seconds"] / ours["seconds"]
        row["memory_ratio"] = ours["peak_rss_mib"] / theirs["peak_rss_mib"]
        print(
            f"| {label} | **ratio** | PM4Py / journeymap time = {row['speedup']:.2f}x | "
            f"journeymap / PM4Py memory = {row['memory_ratio']:.2f} |",
            flush=True,
        )
    if "floor" in row and "pm4py" in row:
        floor, theirs = row["floor"], row["pm4py"]
        counts = ("events", "cases")
        if any(floor["summary"][k] != theirs["summary"][k] for k in counts):
            raise RuntimeError(f"the floor read a different log on {label}")
        row["floor_speedup"] = theirs["seconds"] / floor["seconds"]
        print(
            f"| {label} | **floor** | PM4Py / (read + pseudonymise + store only) = "
            f"{row['floor_speedup']:.2f}x: the most any engine could reach here | |",
            flush=True,
        )
    for floor, name in FLOORS.items():
        if floor not in row:
            continue
        for tool in ("journeymap", "baseline", "pm4py"):
            if tool in row:
                ratio = row[tool]["seconds"] / row[floor]["seconds"]
                cpu = row[tool]["cpu_seconds"] / row[floor]["cpu_seconds"]
                row[f"{tool}_over_{floor}"] = ratio
                row[f"{tool}_over_{floor}_cpu"] = cpu
                print(f"| {label} | **{tool} / {name}** | {ratio:.2f}x time | {cpu:.2f}x CPU | |",
                      flush=True)


if __name__ == "__main__":
    main()
