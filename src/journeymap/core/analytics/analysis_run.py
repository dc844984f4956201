"""Every metric of a stored log, on DuckDB or PySpark, as one frozen result (`analysis.analyse`
is the public entry, which loads this module on first use).

The stored Parquet is read once into the engine's cache with each event's position and the
values of the event before it (one window pass, sorted on the integer case key, with
activities, channels, services and organisations as integer codes, see `metrics.coding`, and
whether each event is a citizen contact, see `contacts`); every metric family is then a small
aggregate over that cache, and everything per case (span, summaries, contact totals,
histograms) is one query over the per-case table. Contact reasons and outcomes, which need no
order, are counted straight from the Parquet. A filter (`where`) puts the kept cases in the
engine's memory first, so no later query filters the whole log again.
Contact figures (contacts per case, avoidable contact) exist only under a contact definition.
The result is an `AnalysisResult` (see `result`) built from plain data, never engine objects.
"""

from __future__ import annotations

import datetime as dt
import functools
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from ibis.backends import BaseBackend
from ibis.expr.types import Table

from journeymap.core.analytics.avoidable import AvoidableRules, avoidable_contact
from journeymap.core.analytics.backends import (
    BackendName,
    connect,
    materialised,
    stored_events,
)
from journeymap.core.analytics.columns import ACTIVITY, CASE_KEY, EVENT_INDEX, TIME_US
from journeymap.core.analytics.conformance import conformance
from journeymap.core.analytics.contacts import (
    ContactDefinition,
    check_contacts,
    contact_predicate,
    default_contacts,
)
from journeymap.core.analytics.filters import CaseFilter, filtered_events
from journeymap.core.analytics.metrics import from_variants, process
from journeymap.core.analytics.metrics.coding import coded_columns
from journeymap.core.analytics.metrics.distribution import summary_from_row, summary_metrics
from journeymap.core.analytics.metrics.fetch import one
from journeymap.core.analytics.metrics.handoffs import handoffs
from journeymap.core.analytics.metrics.histograms import (
    CONTACT_BUCKETS,
    DURATION_BUCKETS,
    EVENT_BUCKETS,
    histogram_from_row,
    histogram_metrics,
)
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, with_neighbours
from journeymap.core.analytics.metrics.silos import crossings
from journeymap.core.analytics.result import CONTACTS_NEEDED, AnalysisResult
from journeymap.core.analytics.store import StoredLog

if TYPE_CHECKING:
    # The map schema (and `core.maps` behind it) is needed only by a caller that has a map.
    from journeymap.core.maps.schema import JourneyMap

_USED_OPTIONAL = ("channel", "service", "organisation", "reason", "outcome")


def _iso(micros: object) -> str | None:
    if micros is None or micros != micros:
        return None
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=int(micros))
    return moment.isoformat()


_HISTOGRAMS = {
    "case_duration_seconds": ("duration_seconds", DURATION_BUCKETS),
    "events_per_case": ("events", EVENT_BUCKETS),
    "contacts_per_case": ("contacts", CONTACT_BUCKETS),
}


def _per_case_figures(sizes: Table, *, with_contacts: bool) -> dict[str, Any]:
    """Everything that follows from the per-case table (`process.case_sizes`), in one query:
    the log's first and last event, the five-number summaries, the JSON `contacts` (None
    without a contact definition) and the histograms."""
    summarised = ["duration_seconds", "events", *(["contacts"] if with_contacts else [])]
    metrics: dict[str, Any] = {
        "first_event_us": sizes.first_us.min(),
        "last_event_us": sizes.last_us.max(),
    }
    for column in summarised:
        metrics.update(summary_metrics(sizes, column, prefix=f"{column}__"))
    shown = {name: spec for name, spec in _HISTOGRAMS.items() if spec[0] in summarised}
    for name, (column, buckets) in shown.items():
        metrics.update(histogram_metrics(sizes, column, buckets, prefix=f"{name}__"))
    if with_contacts:
        metrics["contact_events"] = sizes.contacts.sum()
        metrics["cases_with_contacts"] = (sizes.contacts > 0).cast("int64").sum()
    row = one(sizes.aggregate(**metrics))
    summaries = {column: summary_from_row(row, prefix=f"{column}__") for column in summarised}
    return {
        "first_event_us": row["first_event_us"],
        "last_event_us": row["last_event_us"],
        "duration_seconds": summaries["duration_seconds"],
        "events": summaries["events"],
        "contacts": {
            "events": int(row["contact_events"] or 0),
            "cases_with_contacts": int(row["cases_with_contacts"] or 0),
            "per_case": summaries["contacts"],
        } if with_contacts else None,
        "histograms": {
            name: histogram_from_row(row, spec[1], prefix=f"{name}__") if name in shown else None
            for name, spec in _HISTOGRAMS.items()
        },
    }


def _complete_columns(stored: Table, columns: tuple[str, ...]) -> set[str]:
    """Those of `columns` that no stored event lacks a value in (one query for them all)."""
    if not columns:
        return set()
    row = one(stored.aggregate(**{column: stored[column].isnull().sum() for column in columns}))
    return {column for column in columns if not row[column]}


def run_analysis(
    *,
    log: StoredLog,
    backend: BackendName | BaseBackend,
    contacts: ContactDefinition | None,
    journey_map: JourneyMap | None,
    step_mapping: dict[str, str] | None,
    avoidable_rules: AvoidableRules | None,
    max_variants: int | None,
    where: CaseFilter | None,
) -> AnalysisResult:
    """What `analysis.analyse` documents, computed."""
    con = connect(backend=backend) if isinstance(backend, str) else backend
    backend_name = backend if isinstance(backend, str) else con.name
    present = [name for name in _USED_OPTIONAL if log.has(name)]
    crossed = tuple(name for name in ("channel", "service", "organisation") if name in present)
    contact_rule = contacts or default_contacts(log)
    with ExitStack() as stack:
        # A filter puts the kept cases in engine memory once: every later query (codes, the
        # window pass, reasons, outcomes) then reads them instead of filtering the whole log.
        keep = (None if where is None or where.keeps_everything
                else functools.partial(filtered_events, log=log, where=where))
        stored = stack.enter_context(stored_events(con=con, path=log.events_path, keep=keep))
        flags = {}
        if contact_rule is not None:
            flags["is_contact"] = contact_predicate(stored, log=log, contacts=contact_rule)
        table, codes = coded_columns(
            stored.select(CASE_KEY, ACTIVITY, TIME_US, EVENT_INDEX, *crossed, **flags),
            {ACTIVITY: ACTIVITY_CODE, **{column: column for column in crossed}},
        )
        names = codes[ACTIVITY]
        complete = _complete_columns(stored, crossed)
        # The value of the event before, in the one window pass, only where a metric reads
        # it: the activity and time for the directly-follows graph (and the time for the
        # hand-off gaps), a crossed column's when no event lacks one (`silos` and `handoffs`
        # take it again over the valued events otherwise), and the contact flag for avoidable
        # contact's sequence rules (a log with reasons uses those instead).
        previous_of = (
            *process.DFG_PREVIOUS,
            *(column for column in crossed if column in complete),
            *(flags if "reason" not in present else ()),
        )
        if contact_rule is not None and where is None:
            # Checked on the whole log only: a filtered part may lack a contact activity, and
            # then simply has fewer contacts.
            check_contacts(stored, contacts=contact_rule, activity_names=names, log=log)
        events = stack.enter_context(
            materialised(
                con=con,
                expression=with_neighbours(table, previous_of=previous_of),
            )
        )
        all_variants = process.variants(process.case_variants(events), names)
        # Straight from the events cache: one query reads the per-case table, so keeping it
        # in engine memory would only add a write.
        per_case = _per_case_figures(
            process.case_sizes(events, with_contacts=contact_rule is not None),
            with_contacts=contact_rule is not None,
        )
        starts, ends = from_variants.start_end_activities(all_variants)
        activities = from_variants.activity_frequencies(all_variants)
        crossed_figures = {
            column: crossings(con, events, column, codes[column], complete=column in complete)
            for column in crossed
        }
        handoff_tables = {
            column: handoffs(con, events, column, values=codes[column], names=names,
                             complete=column in complete)
            if column in crossed
            else None
            for column in ("service", "organisation")
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
            first_event=_iso(per_case["first_event_us"]),
            last_event=_iso(per_case["last_event_us"]),
            activities=activities,
            start_activities=starts,
            end_activities=ends,
            variants=all_variants if max_variants is None else all_variants[:max_variants],
            dfg=process.directly_follows(events, names),
            case_duration_seconds=per_case["duration_seconds"],
            events_per_case=per_case["events"],
            contact_definition=None if contact_rule is None else contact_rule.to_dict(),
            contacts_needed=CONTACTS_NEEDED if contact_rule is None else None,
            contacts=per_case["contacts"],
            channels=crossed_figures.get("channel"),
            services=crossed_figures.get("service"),
            organisations=crossed_figures.get("organisation"),
            handoffs=handoff_tables,
            repeats=from_variants.repeats(all_variants),
            histograms=per_case["histograms"],
            avoidable=None
            if contact_rule is None
            else avoidable_contact(
                events,
                stored=stored,
                stored_contacts=stored.filter(
                    contact_predicate(stored, log=log, contacts=contact_rule)
                ),
                names=names,
                variants=all_variants,
                rules=avoidable_rules or AvoidableRules(),
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
