"""How long `journeymap --help` and `journeymap render` take to start: this tree against another.

    .venv/bin/python benchmarks/cli_startup.py --baseline /work/main --repeat 5

Each command runs as a fresh interpreter (`python -m journeymap.cli ...`) with the given
checkout's `src` first on the path, this tree and the baseline interleaved, so a burst of load
from others on a shared machine hits both alike. For each the runner prints the fastest wall
time, the CPU seconds of that run, and the import time Python itself reports
(`-X importtime`, the cumulative microseconds of `journeymap.cli`), with the ratio this / baseline.
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI_IMPORT = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| journeymap\.cli$", re.MULTILINE)


def _run(src: Path, args: list[str], *, importtime: bool = False) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system) and stderr of one fresh `journeymap` process."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    flags = ["-X", "importtime"] if importtime else []
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *flags, "-m", "journeymap.cli", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    # Read stderr to its end first: -X importtime writes more than a pipe holds.
    stderr = process.stderr.read().decode() if process.stderr else ""
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"journeymap {' '.join(args)} failed with {src}:\n{stderr[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="another checkout")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    trees = {"this": HERE.parent / "src", "baseline": args.baseline / "src"}
    with tempfile.TemporaryDirectory(prefix="jm-cli-") as scratch:
        sys.path.insert(0, str(trees["this"]))
        from journeymap.core.maps.demo import load_demo_documents
        from journeymap.core.maps.jsonio import dumps

        source = Path(scratch) / "map.json"
        source.write_text(dumps(load_demo_documents()[0]), encoding="utf-8")
        commands = {
            "journeymap --help": ["--help"],
            "journeymap render map.json -o map.svg": [
                "render", str(source), "-o", str(Path(scratch) / "map.svg")],
        }
        print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
        print("| command | tree | wall s (fastest) | CPU s | import of journeymap.cli s |")
        print("| --- | --- | --- | --- | --- |")
        for label, command in commands.items():
            best: dict[str, tuple[float, float]] = {}
            imports: dict[str, float] = {}
            for _round in range(args.repeat):
                for tree, src in trees.items():
                    wall, cpu, _ = _run(src, command)
                    if tree not in best or wall < best[tree][0]:
                        best[tree] = (wall, cpu)
            for tree, src in trees.items():
                found = CLI_IMPORT.search(_run(src, command, importtime=True)[2])
                imports[tree] = int(found.group(1)) / 1e6 if found else float("nan")
                wall, cpu = best[tree]
                print(f"| {label} | {tree} | {wall:.2f} | {cpu:.2f} | {imports[tree]:.2f} |")
            print(f"| {label} | **this / baseline** | {best['this'][0] / best['baseline'][0]:.2f}x"
                  f" | {best['this'][1] / best['baseline'][1]:.2f}x | "
                  f"{imports['this'] / imports['baseline']:.2f}x |", flush=True)
        print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
