"""Small-number suppression of an analysis: a copy of the result that singles no one out.

With a threshold N (2 or more; 0 or 1 leaves the result exact), `suppress` returns a copy of an
`AnalysisResult` in which:

- **primary**: no count from 1 to N-1 is shown (0 is shown: "nobody" reveals no one);
- **pooling**: no variant, path, start or end activity, activity row, hand-off pair or re-work
  row that fewer than N cases took (for paths and unmapped activities, fewer than N events, the
  only count they have) is listed; such rows are pooled into one "other" row per table, under
  `suppression.pooled`, whose own counts follow the same rules;
- **no statistic over fewer than N**: medians, percentiles, means, minima, maxima, shares and
  ratios computed over fewer than N cases (or contacts, or resolved requests) are withheld;
- **secondary**: in a column whose total is shown or can be derived (variants sum to `cases`,
  paths to `events - cases`...), withheld cells never stand alone: the smallest shown cells are
  withheld too until at least two are, they add up to N or more, and they are not all ones. So
  no withheld value follows from subtracting the shown ones from the total. A count of the
  cases that have something (a contact, a channel, a hand-off) is such a column with the cases
  that have not: it is withheld when fewer than N cases lack it.

A withheld figure is a `Suppressed` marker (`{"suppressed": true, "threshold": N}` in JSON), the
same for a small count as for one hidden to protect it, so a reader cannot tell which is which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from journeymap.core.analytics.result import (
    AnalysisResult,
    Avoidable,
    Bucket,
    Conformance,
    Contacts,
    Count,
    Crossing,
    HandoffTable,
    Measure,
    PooledActivities,
    PooledCases,
    PooledEdges,
    PooledPairs,
    PooledRepeats,
    PooledRework,
    PooledRows,
    PooledUnmapped,
    Repeats,
    Summary,
    Suppressed,
    Suppression,
)

Row = TypeVar("Row")


def hidden_cells(values: Sequence[int], *, threshold: int, total_known: bool = True) -> set[int]:
    """Indexes of the cells of one column to withhold (primary, then secondary suppression).

    `total_known` says whether the column's total is shown or can be derived; only then can a
    withheld cell be recovered by subtraction, and so only then are more cells withheld.
    """
    hidden = {index for index, value in enumerate(values) if 0 < value < threshold}
    if not total_known or not hidden:
        return hidden

    def safe() -> bool:
        withheld = sum(values[index] for index in hidden)
        lowest = 0 if any(values[index] == 0 for index in hidden) else 1
        return len(hidden) >= 2 and withheld >= threshold and withheld > lowest * len(hidden)

    # Smallest shown counts first (they say least); zeros last, as they add no cover.
    candidates = sorted(
        (index for index in range(len(values)) if index not in hidden),
        key=lambda index: (values[index] == 0, values[index], index),
    )
    for index in candidates:
        if safe():
            break
        hidden.add(index)
    return hidden


class _Suppressor:
    """Applies the rules of the module docstring with one threshold."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.marker = Suppressed(threshold=threshold)

    def count(self, value: Count) -> Count:
        return self.marker if isinstance(value, int) and 0 < value < self.threshold else value

    def column(self, values: Sequence[int], *, total_known: bool) -> list[Count]:
        hidden = hidden_cells(values, threshold=self.threshold, total_known=total_known)
        return [self.marker if index in hidden else value for index, value in enumerate(values)]

    def part(self, value: int, *, of: int) -> Count:
        """The cases with something, `value` of the `of` cases: withheld with those without."""
        return self.column([value, of - value], total_known=True)[0]

    def measure(self, value: Measure, *, over: Count) -> Measure:
        """A statistic over `over` people or contacts: withheld when that is below N."""
        if value is None:
            return None
        if isinstance(over, Suppressed) or over < self.threshold:
            return self.marker
        return value

    def summary(self, summary: Summary, *, over: Count) -> Summary:
        return Summary(**{
            name: self.measure(getattr(summary, name), over=over)
            for name in ("min", "median", "mean", "p90", "max")
        })

    def pool(self, rows: Sequence[Row], size: Callable[[Row], Any]) -> tuple[list[Row], list[Row]]:
        """Rows taken by N or more (kept, in order) and the rest (to pool)."""
        kept = [row for row in rows if size(row) >= self.threshold]
        rare = [row for row in rows if size(row) < self.threshold]
        return kept, rare

    def split(self, cells: list[Count], rare: list) -> tuple[list[Count], Count | None]:
        """Cells of the kept rows, and the pooled row's cell (the last one) if rows were pooled."""
        return (cells[:-1], cells[-1]) if rare else (cells, None)


def suppress(result: AnalysisResult, *, threshold: int) -> AnalysisResult:
    """A copy of `result` with small numbers suppressed (see the module docstring).

    `threshold` 0 or 1 returns `result` itself: exact figures, for the analyst's own checks.
    """
    if threshold < 0:
        raise ValueError(f"the suppression threshold must be 0 or more, not {threshold}")
    if threshold <= 1 or result.suppression is not None:
        return result
    rules = _Suppressor(threshold)
    pooled: dict[str, Any] = {}
    cases = result.cases
    if not isinstance(cases, int):
        raise TypeError("only an exact result (from `analyse`) can be suppressed")

    kept, rare = rules.pool(result.activities, lambda row: row.cases)
    cells, other = rules.split(
        rules.column([row.events for row in kept] + _total(rare, "events"), total_known=True), rare
    )
    activities = [
        row.model_copy(update={"events": cell, "cases": rules.count(row.cases)})
        for row, cell in zip(kept, cells, strict=True)
    ]
    if rare:
        pooled["activities"] = PooledActivities(rows=len(rare), events=other)

    ends = {}
    for name in ("start_activities", "end_activities"):
        rows = list(getattr(result, name).items())
        kept_ends, rare_ends = rules.pool(rows, lambda item: item[1])
        cells, other = rules.split(
            rules.column(
                [n for _, n in kept_ends] + _sum(n for _, n in rare_ends), total_known=True
            ),
            rare_ends,
        )
        ends[name] = {activity: cell for (activity, _), cell in zip(kept_ends, cells, strict=True)}
        if rare_ends:
            pooled[name] = PooledCases(rows=len(rare_ends), cases=other)

    kept, rare = rules.pool(result.variants, lambda row: row.cases)
    cells, other = rules.split(
        rules.column([row.cases for row in kept] + _total(rare, "cases"), total_known=True), rare
    )
    variants = [row.model_copy(update={"cases": c}) for row, c in zip(kept, cells, strict=True)]
    if rare:
        pooled["variants"] = PooledCases(rows=len(rare), cases=other)

    kept, rare = rules.pool(result.dfg, lambda row: row.count)
    cells, other = rules.split(
        rules.column([row.count for row in kept] + _total(rare, "count"), total_known=True), rare
    )
    dfg = [row.model_copy(update={"count": c}) for row, c in zip(kept, cells, strict=True)]
    if rare:
        pooled["dfg"] = PooledEdges(rows=len(rare), count=other)

    handoffs = {}
    for name in ("service", "organisation"):
        table = getattr(result.handoffs, name)
        handoffs[name] = (
            None if table is None else _handoff_table(rules, table, name, pooled, cases)
        )

    suppressed = result.model_copy(
        update={
            "events": rules.count(result.events),
            "cases": rules.count(cases),
            "activities": activities,
            "start_activities": ends["start_activities"],
            "end_activities": ends["end_activities"],
            "variants": variants,
            "dfg": dfg,
            "case_duration_seconds": rules.summary(result.case_duration_seconds, over=cases),
            "events_per_case": rules.summary(result.events_per_case, over=cases),
            "contacts": None if result.contacts is None
            else _contacts(rules, result.contacts, cases),
            "channels": _crossing(rules, result.channels, cases),
            "services": _crossing(rules, result.services, cases),
            "organisations": _crossing(rules, result.organisations, cases),
            "handoffs": result.handoffs.model_copy(update=handoffs),
            "repeats": _repeats(rules, result.repeats, pooled),
            "histograms": result.histograms.model_copy(update={
                name: None if buckets is None else _buckets(rules, buckets)
                for name in ("case_duration_seconds", "events_per_case", "contacts_per_case")
                for buckets in [getattr(result.histograms, name)]
            }),
            "avoidable": None if result.avoidable is None
            else _avoidable(rules, result.avoidable),
            "conformance": None if result.conformance is None
            else _conformance(rules, result.conformance, pooled),
            "suppression": Suppression(threshold=threshold, pooled=PooledRows(**pooled)),
        }
    )
    # Validate the whole copy once: `model_copy` does not, and a wrong marker must not pass.
    return AnalysisResult.model_validate(suppressed.model_dump(by_alias=True))


def _sum(values) -> list[int]:
    values = list(values)
    return [sum(values)] if values else []


def _total(rows: Sequence[Any], field: str) -> list[int]:
    return _sum(getattr(row, field) for row in rows)


def _contacts(rules: _Suppressor, contacts: Contacts, cases: int) -> Contacts:
    return Contacts(
        events=rules.count(contacts.events),
        # The cases without a contact are the contacts-per-case histogram's "0" bucket.
        cases_with_contacts=rules.part(contacts.cases_with_contacts, of=cases),
        per_case=rules.summary(contacts.per_case, over=cases),
    )


def _crossing(rules: _Suppressor, crossing: Crossing | None, cases: int) -> Crossing | None:
    if crossing is None:
        return None
    # Events per value add up to the events with a value (contacts, for channels): a known
    # total. Cases per value overlap (a case may use two channels), so they have none.
    events = rules.column([row.events for row in crossing.mix], total_known=True)
    mix = [
        row.model_copy(update={"events": cell, "cases": rules.count(row.cases)})
        for row, cell in zip(crossing.mix, events, strict=True)
    ]
    over = crossing.cases_with_value
    return Crossing(
        mix=mix,
        cases_with_value=rules.part(over, of=cases),
        changes=rules.count(crossing.changes),
        cases_changing=rules.count(crossing.cases_changing),
        cases_crossing=rules.count(crossing.cases_crossing),
        distinct_per_case=rules.summary(crossing.distinct_per_case, over=over),
        changes_per_case=rules.summary(crossing.changes_per_case, over=over),
    )


def _handoff_table(
    rules: _Suppressor, table: HandoffTable, name: str, pooled: dict[str, Any], cases: int
) -> HandoffTable:
    # Pairs taken by N or more cases are kept, so every median shown is over N or more
    # hand-offs; the pooled row has none.
    kept, rare = rules.pool(table.pairs, lambda row: row.cases)
    cells, other = rules.split(
        rules.column([row.handoffs for row in kept] + _total(rare, "handoffs"), total_known=True),
        rare,
    )
    pairs = [
        row.model_copy(update={"handoffs": cell, "cases": rules.count(row.cases)})
        for row, cell in zip(kept, cells, strict=True)
    ]
    if rare:
        pooled[f"{name}_pairs"] = PooledPairs(
            rows=len(rare), handoffs=other, cases=rules.count(sum(row.cases for row in rare))
        )
    kept_rework, rare_rework = rules.pool(table.rework, lambda row: row.cases)
    rework = [
        row.model_copy(
            update={"cases": rules.count(row.cases), "handoffs": rules.count(row.handoffs)}
        )
        for row in kept_rework
    ]
    if rare_rework:
        pooled[f"{name}_rework"] = PooledRework(
            rows=len(rare_rework),
            cases=rules.count(sum(row.cases for row in rare_rework)),
            handoffs=rules.count(sum(row.handoffs for row in rare_rework)),
        )
    return HandoffTable(
        handoffs=rules.count(table.handoffs),
        cases_with_handoffs=rules.part(table.cases_with_handoffs, of=cases),
        pairs=pairs,
        rework=rework,
    )


def _repeats(rules: _Suppressor, repeats: Repeats, pooled: dict[str, Any]) -> Repeats:
    kept, rare = rules.pool(repeats.activities, lambda row: row.cases)
    cells, other = rules.split(
        rules.column(
            [row.repeated_events for row in kept] + _total(rare, "repeated_events"),
            total_known=True,
        ),
        rare,
    )
    rows = [
        row.model_copy(update={"repeated_events": cell, "cases": rules.count(row.cases)})
        for row, cell in zip(kept, cells, strict=True)
    ]
    if rare:
        pooled["repeated_activities"] = PooledRepeats(
            rows=len(rare),
            cases=rules.count(sum(row.cases for row in rare)),
            repeated_events=other,
        )
    return Repeats(
        cases_with_repeats=rules.count(repeats.cases_with_repeats),
        repeated_events=rules.count(repeats.repeated_events),
        activities=rows,
    )


def _buckets(rules: _Suppressor, buckets: list[Bucket]) -> list[Bucket]:
    cells = rules.column([bucket.cases for bucket in buckets], total_known=True)
    return [
        bucket.model_copy(update={"cases": c}) for bucket, c in zip(buckets, cells, strict=True)
    ]


def _avoidable(rules: _Suppressor, avoidable: Avoidable) -> Avoidable:
    contacts = rules.count(avoidable.contacts)
    avoidable_contacts = rules.count(avoidable.avoidable_contacts)
    hidden = isinstance(contacts, Suppressed) or isinstance(avoidable_contacts, Suppressed)

    def share(value: Measure, cell: Count) -> Measure:
        # A share times the shown total gives the count back: it goes wherever the count goes.
        if isinstance(cell, Suppressed):
            return rules.marker if value is not None else None
        return rules.measure(value, over=contacts)

    # Categories and rules each add up to the avoidable contacts (first match wins).
    category_cells = rules.column([row.contacts for row in avoidable.categories], total_known=True)
    rule_cells = rules.column([row.contacts for row in avoidable.rules], total_known=True)
    resolved = rules.count(avoidable.ni14.resolved_requests)
    per_request = avoidable.ni14.contacts_per_resolved_request
    return Avoidable(
        method=avoidable.method,
        contacts=contacts,
        avoidable_contacts=avoidable_contacts,
        avoidable_share=(
            (rules.marker if avoidable.avoidable_share is not None else None)
            if hidden
            else rules.measure(avoidable.avoidable_share, over=contacts)
        ),
        categories=[
            row.model_copy(update={"contacts": cell, "share": share(row.share, cell)})
            for row, cell in zip(avoidable.categories, category_cells, strict=True)
        ],
        rules=[
            row.model_copy(update={"contacts": cell, "share": share(row.share, cell)})
            for row, cell in zip(avoidable.rules, rule_cells, strict=True)
        ],
        ni14=avoidable.ni14.model_copy(
            update={
                "resolved_requests": resolved,
                "contacts_per_resolved_request": (
                    rules.marker
                    if per_request is not None and isinstance(contacts, Suppressed)
                    else rules.measure(per_request, over=resolved)
                ),
            }
        ),
    )


def _conformance(
    rules: _Suppressor, conformance: Conformance, pooled: dict[str, Any]
) -> Conformance:
    mapped, unmapped = rules.column(
        [conformance.cases_mapped, conformance.cases_without_mapped_events], total_known=True
    )
    steps = []
    for step in conformance.steps:
        contacts = rules.count(step.contacts)
        # Repeat contacts are contacts minus cases reaching: a total-and-two-cells table.
        reaching, repeat = rules.column(
            [step.cases_reaching, step.repeat_contacts],
            total_known=not isinstance(contacts, Suppressed),
        )
        steps.append(step.model_copy(update={
            "cases_reaching": reaching,
            "contacts": contacts,
            "repeat_contacts": repeat,
            "cases_repeating": rules.count(step.cases_repeating),
            "cases_skipping": rules.count(step.cases_skipping),
            "median_seconds_to_next_step": rules.measure(
                step.median_seconds_to_next_step, over=step.cases_reaching
            ),
        }))
    kept, rare = rules.pool(conformance.unmapped_activities, lambda row: row.events)
    if rare:
        pooled["unmapped_activities"] = PooledUnmapped(
            rows=len(rare), events=rules.count(sum(row.events for row in rare))
        )
    return Conformance(
        cases=rules.count(conformance.cases),
        cases_mapped=mapped,
        cases_without_mapped_events=unmapped,
        cases_in_order=rules.count(conformance.cases_in_order),
        cases_following_map=rules.count(conformance.cases_following_map),
        cases_skipping_steps=rules.count(conformance.cases_skipping_steps),
        cases_repeating_steps=rules.count(conformance.cases_repeating_steps),
        steps=steps,
        unmapped_activities=kept,
    )
