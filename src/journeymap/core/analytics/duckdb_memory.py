"""DuckDB's memory cap, the same for the import and the analysis.

Apart from `backends` (which loads Ibis) so that an import, which needs only DuckDB, loads
nothing more: the import's range processes (see `readers.xes_ranges`) start faster, and a
command that only imports never pays for the analysis engine.
"""

from __future__ import annotations

import os
import re

from journeymap.core.analytics.errors import ConfigurationError

MEMORY_LIMIT_ENV = "JOURNEYMAP_DUCKDB_MEMORY_LIMIT"


def _default_memory_limit() -> str:
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(512, physical // 3 // 1024**2)}MB"


def duckdb_memory_limit() -> str:
    """DuckDB's memory cap: env JOURNEYMAP_DUCKDB_MEMORY_LIMIT (e.g. "8GB"), else a third of RAM.

    DuckDB's own default is 80 % of the machine, which would starve the web app and the
    database beside it; under the cap it spills to disk instead. A third of 24 GiB (8 GB) is
    what a 100-million-event log needed here; a lower cap uses less memory and more time.
    """
    limit = os.environ.get(MEMORY_LIMIT_ENV, "").strip() or _default_memory_limit()
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", limit, re.IGNORECASE):
        raise ConfigurationError(
            f"{MEMORY_LIMIT_ENV}={limit!r} is not a size such as '2GB' or '512MB'"
        )
    return limit
