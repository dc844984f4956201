"""Loading the analysis's modules on a second thread while an import runs.

An analysis follows an import in the command line's `analyse`, in the web's dataset import and
in the benchmarks, and its first use loads Ibis, Ibis's DuckDB backend, the metrics and the
result models (`analysis_run`): about a third of a second of one core, holding the interpreter.
An import's work is DuckDB's, which releases the interpreter and leaves part of the second core
idle, so loading them then takes them off the run's critical path (ADR 0022, measured in
benchmarks/README.md). A process that has them loaded already (a web worker after its first
analysis) starts no thread. The analysis's DuckDB database is not started here: with the
import's it would double DuckDB's reservation of address space during the import.

A module that fails to load here is left alone: the analysis loads it again where it is used
and reports the failure there, in the caller's thread.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import threading

#: What `analyse` on DuckDB loads on first use.
ANALYSIS_MODULES = (
    "journeymap.core.analytics.analysis_run",
    "journeymap.core.analytics.ibis_duckdb",
)

#: How much nicer than the process the loading thread runs on Linux (see `_yield_the_cores`).
NICENESS = 10


def _yield_the_cores() -> None:
    """Lower this thread's scheduling priority, so the import's DuckDB threads run first and
    the loading takes what they leave idle (0.05 s off a 1 M-event run, ADR 0022).

    Linux only, where the nice value belongs to each thread; elsewhere the same call would
    reach the whole process, or another one. Moderately (10, not 19): while this thread holds
    the interpreter, the process's other Python threads wait for it to be scheduled again.
    """
    if sys.platform != "linux":
        return
    thread = threading.get_native_id()
    try:
        nice = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(nice + NICENESS, 19))
    except OSError:
        return


def _load(names: list[str]) -> None:
    _yield_the_cores()
    # Loading modules makes objects, not garbage: the collector would only walk them, again
    # and again as they grow (a tenth of the loading time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: S112 - reported by the analysis's own import
                continue
    finally:
        if collecting:
            gc.enable()
    # The engine's modules (Ibis's operations, sqlglot's dialects, the result models: some
    # 75,000 objects the collector tracks) live as long as the process. Freezing what is alive
    # now takes them out of every later full collection and out of the interpreter's last one
    # at exit, which would otherwise walk them all (ADR 0022). The price, paid once per
    # process: a reference cycle alive now that later becomes garbage is freed only at exit,
    # so garbage is collected first.
    gc.collect()
    gc.freeze()


def start_loading_analysis_modules() -> threading.Thread | None:
    """Start loading the analysis's modules on a daemon thread, or None if they are loaded.

    The caller joins the thread before it returns, so no thread outlives the import (or
    imports while the interpreter shuts down).
    """
    missing = [name for name in ANALYSIS_MODULES if name not in sys.modules]
    if not missing:
        return None
    thread = threading.Thread(
        target=_load, args=(missing,), name="journeymap-analysis-modules", daemon=True
    )
    thread.start()
    return thread
