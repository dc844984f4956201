"""`analyse`: every metric of a stored log, on DuckDB or PySpark, as one frozen result.

This module is the public entry and loads nothing heavy itself: the engine side (Ibis, its
DuckDB compiler, the metrics and the pydantic result models, a third of a second of one core)
is `analysis_run`, loaded on the first analysis, or earlier on a second thread while an
import reads its file (`analysis_warmup`). So a caller can import `analyse` and `import_log`
together and still have the engine load beside the import's DuckDB work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

    from journeymap.core.analytics.avoidable import AvoidableRules
    from journeymap.core.analytics.backends import BackendName
    from journeymap.core.analytics.contacts import ContactDefinition
    from journeymap.core.analytics.filters import CaseFilter
    from journeymap.core.analytics.result import AnalysisResult
    from journeymap.core.analytics.store import StoredLog
    from journeymap.core.maps.schema import JourneyMap


def analyse(
    *,
    log: StoredLog,
    backend: BackendName | BaseBackend = "duckdb",
    contacts: ContactDefinition | None = None,
    journey_map: JourneyMap | None = None,
    step_mapping: dict[str, str] | None = None,
    avoidable_rules: AvoidableRules | None = None,
    max_variants: int | None = None,
    where: CaseFilter | None = None,
) -> AnalysisResult:
    """Compute every metric of `log` (from `import_log`) on the chosen backend.

    `backend` is "duckdb", "pyspark", or an open Ibis connection to reuse. `contacts` says which
    events are citizen contacts; None takes the log's own per-event channel column if it has
    one, and otherwise the result has no contact figures but `contacts_needed` (see
    `contacts`). Conformance is computed when both `journey_map` (a map of the map schema) and
    `step_mapping` (activity -> step id) are given. `max_variants` keeps only the most frequent
    variants in the result (`variant_count` always counts them all). `where` analyses only the
    cases it keeps (see `filters`); the contact definition is then not checked against the
    log, so check it on the whole log first (an analysis without `where`).
    Raises `ConfigurationError` when `contacts` names activities, a column or a value the log
    does not hold.
    """
    from journeymap.core.analytics.analysis_run import run_analysis

    return run_analysis(
        log=log, backend=backend, contacts=contacts, journey_map=journey_map,
        step_mapping=step_mapping, avoidable_rules=avoidable_rules, max_variants=max_variants,
        where=where,
    )
