"""`analyse`: every metric of a stored log, on DuckDB or PySpark, as one frozen result.

The stored Parquet is read once into the engine's cache with each event's position, successor
and predecessors (one window pass, sorted on the integer case key, with activities, channels,
services and organisations as integer codes, see `metrics.coding`); every metric family is then
a small aggregate over that cache. Contact reasons and outcomes, which need no order, are
counted straight from the Parquet.
The result is an `AnalysisResult` (see `result`) built from plain data, never engine objects.
"""

from __future__ import annotations

import datetime as dt
from contextlib import ExitStack

from ibis import _
from ibis.backends import BaseBackend

from journeymap.core.analytics.avoidable import AvoidableRules, avoidable_contact
from journeymap.core.analytics.backends import BackendName, connect, materialised
from journeymap.core.analytics.columns import ACTIVITY, CASE_KEY, EVENT_INDEX, TIME_US
from journeymap.core.analytics.conformance import conformance
from journeymap.core.analytics.metrics import from_variants, process
from journeymap.core.analytics.metrics.coding import coded
from journeymap.core.analytics.metrics.distribution import summarise_columns
from journeymap.core.analytics.metrics.fetch import one
from journeymap.core.analytics.metrics.histograms import (
    CONTACT_BUCKETS,
    DURATION_BUCKETS,
    histogram,
)
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, with_neighbours
from journeymap.core.analytics.metrics.silos import crossings
from journeymap.core.analytics.result import CONTACTS_NEEDED, AnalysisResult
from journeymap.core.analytics.store import StoredLog
from journeymap.core.maps.schema import JourneyMap

_USED_OPTIONAL = ("channel", "service", "organisation", "reason", "outcome")


def _iso(micros: object) -> str | None:
    if micros is None or micros != micros:
        return None
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(micros))
    return moment.isoformat()


def analyse(
    *,
    log: StoredLog,
    backend: BackendName | BaseBackend = "duckdb",
    journey_map: JourneyMap | None = None,
    step_mapping: dict[str, str] | None = None,
    avoidable_rules: AvoidableRules | None = None,
    max_variants: int | None = None,
) -> AnalysisResult:
    """Compute every metric of `log` (from `import_log`) on the chosen backend.

    `backend` is "duckdb", "pyspark", or an open Ibis connection to reuse. Conformance is
    computed when both `journey_map` (a map of the map schema) and
    `step_mapping` (activity -> step id) are given. `max_variants` keeps only the most frequent
    variants in the result (`variant_count` always counts them all).
    """
    con = connect(backend=backend) if isinstance(backend, str) else backend
    backend_name = backend if isinstance(backend, str) else con.name
    stored = con.read_parquet(str(log.events_path))
    present = [name for name in _USED_OPTIONAL if log.has(name)]
    crossed = tuple(name for name in ("channel", "service", "organisation") if name in present)
    table, names = coded(
        stored.select(CASE_KEY, ACTIVITY, TIME_US, EVENT_INDEX, *crossed),
        ACTIVITY,
        as_name=ACTIVITY_CODE,
    )
    labels: dict[str, list[str]] = {}
    for column in crossed:
        table, labels[column] = coded(table, column, as_name=column)
    with ExitStack() as stack:
        events = stack.enter_context(
            materialised(con=con, expression=with_neighbours(table, previous_of=crossed))
        )
        span = one(events.aggregate(first=_[TIME_US].min(), last=_[TIME_US].max()))
        all_variants = process.variants(process.case_variants(events), names)
        sizes_table = stack.enter_context(
            materialised(con=con, expression=process.case_sizes(events))
        )
        size_summaries = summarise_columns(sizes_table, ["duration_seconds", "contacts"])
        starts, ends = from_variants.start_end_activities(all_variants)
        activities = from_variants.activity_frequencies(all_variants)
        has_contacts = "channel" in present
        crossed_figures = {
            column: crossings(con, events, column, labels[column]) for column in crossed
        }
        result = AnalysisResult(
            source={
                "name": log.source_name,
                "format": log.fmt,
                "pseudonymised": log.pseudonymised,
                "timezone": log.timezone,
                "mapping": log.mapping.to_dict(),
            },
            backend=backend_name,
            events=sum(row["events"] for row in activities),
            cases=sum(variant["cases"] for variant in all_variants),
            activity_count=len(activities),
            variant_count=len(all_variants),
            first_event=_iso(span["first"]),
            last_event=_iso(span["last"]),
            activities=activities,
            start_activities=starts,
            end_activities=ends,
            variants=all_variants if max_variants is None else all_variants[:max_variants],
            dfg=process.directly_follows(events, names),
            case_duration_seconds=size_summaries["duration_seconds"],
            events_per_case=size_summaries["contacts"],
            # Only a channel column says which events are contacts here; contacts per case
            # over every case is not computed yet, so its summary is unknown (null), never 0.
            contact_definition=(
                {"kind": "channel", "description": "events with a value in the channel column"}
                if has_contacts
                else None
            ),
            contacts_needed=None if has_contacts else CONTACTS_NEEDED,
            contacts=(
                {
                    "events": sum(row["events"] for row in crossed_figures["channel"]["mix"]),
                    "cases_with_contacts": crossed_figures["channel"]["cases_with_value"],
                    "per_case": dict.fromkeys(("min", "median", "mean", "p90", "max")),
                }
                if has_contacts
                else None
            ),
            channels=crossed_figures.get("channel"),
            services=crossed_figures.get("service"),
            organisations=crossed_figures.get("organisation"),
            handoffs={"service": None, "organisation": None},
            repeats=from_variants.repeats(all_variants),
            histograms={
                "case_duration_seconds": histogram(
                    sizes_table, "duration_seconds", DURATION_BUCKETS
                ),
                "events_per_case": histogram(sizes_table, "contacts", CONTACT_BUCKETS),
                "contacts_per_case": None,
            },
            avoidable=None if not has_contacts else avoidable_contact(
                events,
                stored=stored,
                names=names,
                rules=avoidable_rules or AvoidableRules(),
                has_channel="channel" in present,
                has_service="service" in present,
                has_reason="reason" in present,
                has_outcome="outcome" in present,
            ),
            conformance=(
                conformance(
                    events, names=names, journey_map=journey_map, step_mapping=step_mapping
                )
                if journey_map is not None and step_mapping is not None
                else None
            ),
        )
    return result
