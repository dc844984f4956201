"""Conformance of a log to a journey map: do cases follow the mapped steps, in order?

Input is a map of the map schema (`core.maps.schema.JourneyMap`, its steps in customer order)
and a step mapping, activity -> step id.
Events whose activity is not mapped are ignored (back-office work, say). Per case, over its mapped
events in time order:

- *in order*: the step index never goes back;
- *skips*: steps before the furthest step reached that the case never visited;
- *repeats*: a step re-entered after the case had moved to another one (a loop back);
- *follows the map*: in order with no skips.

Per step: cases reaching it, contacts (events), repeat contacts (events beyond the first per
case), and the median seconds from a case's first event at the step to its first event at the
next step in the map (cases reaching both, in that order).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import CASE_KEY, TIME_US
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.metrics.fetch import one, rows
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, position_window

if TYPE_CHECKING:
    # The map schema (and `core.maps` behind it) is needed only by a caller that has a map.
    from journeymap.core.maps.schema import JourneyMap


@dataclass(frozen=True)
class MapStep:
    id: str
    name: str


def map_steps(journey_map: JourneyMap) -> list[MapStep]:
    """The ordered steps of a map; the map schema has already checked that ids are unique."""
    steps = [MapStep(step.id, step.name) for step in journey_map.steps]
    if not steps:
        raise ConfigurationError(f"the journey map {journey_map.title!r} has no steps")
    return steps


def load_step_mapping(path: Path) -> dict[str, str]:
    """Activity -> step id from a JSON object, or a CSV whose first two columns are those."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigurationError(f"cannot read the step mapping {path}: {exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ConfigurationError(f"{path.name}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise ConfigurationError(
                f"{path.name}: expected a JSON object mapping activity names to step ids"
            )
        return dict(data)
    rows = list(csv.reader(text.splitlines()))
    mapping: dict[str, str] = {}
    for number, row in enumerate(rows, start=1):
        if number == 1 and [cell.strip().lower() for cell in row[:2]] == ["activity", "step"]:
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ConfigurationError(
                f"{path.name} line {number}: expected `activity,step id`, got {row!r}"
            )
        mapping[row[0].strip()] = row[1].strip()
    return mapping


def conformance(
    events: Table, *, names: list[str], journey_map: JourneyMap, step_mapping: dict[str, str],
    with_pair_cases: bool = False,
) -> dict[str, object]:
    """Conformance figures (see the module docstring) of `events` from
    `ordering.with_neighbours`, whose activity codes index `names`. `with_pair_cases` adds
    each step's `cases_to_next_step`: the cases its median time to the next step is over."""
    steps = map_steps(journey_map)
    index_of = {step.id: position for position, step in enumerate(steps)}
    unknown = sorted({step for step in step_mapping.values() if step not in index_of})
    if unknown:
        raise ConfigurationError(
            f"the step mapping names step id(s) {unknown} that are not in the map "
            f"(its steps: {list(index_of)})"
        )
    code_of = {name: code for code, name in enumerate(names)}
    mapped_codes = [
        (code_of[activity], index_of[step])
        for activity, step in step_mapping.items()
        if activity in code_of
    ]
    # A CASE over the few mapped codes, not an uploaded lookup table: nothing to register.
    step_of = ibis.cases(
        *((events[ACTIVITY_CODE] == code, index) for code, index in mapped_codes),
        else_=ibis.null("int64"),
    ) if mapped_codes else ibis.null("int64")
    mapped = events.select(CASE_KEY, TIME_US, "position", step_index=step_of)
    mapped = mapped.filter(mapped.step_index.notnull())
    window = position_window(mapped)
    mapped = mapped.mutate(previous_step=mapped.step_index.lag().over(window))
    mapped = mapped.mutate(
        went_back=(mapped.previous_step.notnull() & (mapped.step_index < mapped.previous_step))
        .cast("int64"),
        entered=(mapped.previous_step.isnull() | (mapped.previous_step != mapped.step_index))
        .cast("int64"),
    )
    per_step_case = mapped.group_by([CASE_KEY, "step_index"]).aggregate(
        contacts=_.count(), entries=_.entered.sum(), first_time_us=_[TIME_US].min()
    )
    per_case = mapped.group_by(CASE_KEY).aggregate(
        went_back=_.went_back.sum(),
        reached=_.step_index.nunique(),
        furthest=_.step_index.max(),
    )
    per_case = per_case.mutate(skipped=per_case.furthest + 1 - per_case.reached)
    repeats = per_step_case.filter(per_step_case.entries > 1).group_by(CASE_KEY).aggregate(
        looped=_.count()
    )
    per_case = per_case.left_join(repeats, CASE_KEY).select(
        per_case, looped=_.looped.fill_null(0)
    )
    totals = one(
        per_case.aggregate(
            cases=_.count(),
            in_order=(_.went_back == 0).cast("int64").sum(),
            following=((_.went_back == 0) & (_.skipped == 0)).cast("int64").sum(),
            skipping=(_.skipped > 0).cast("int64").sum(),
            repeating=(_.looped > 0).cast("int64").sum(),
        )
    )
    all_cases = int(one(events.aggregate(n=_[CASE_KEY].nunique()))["n"])
    per_step = {
        int(row["step_index"]): (int(row["cases"]), int(row["contacts"]), int(row["repeating"]))
        for row in rows(
            per_step_case.group_by("step_index").aggregate(
                cases=_.count(),
                contacts=_.contacts.sum(),
                repeating=(_.entries > 1).cast("int64").sum(),
            )
        )
    }
    # Each case's candidate skips are the step indexes below the furthest it reached.
    candidates = per_case.select(
        CASE_KEY, skipped_index=ibis.range(0, per_case.furthest).unnest()
    )
    reached = per_step_case.select(CASE_KEY, reached_index=per_step_case.step_index)
    skipped = candidates.anti_join(
        reached,
        [
            candidates[CASE_KEY] == reached[CASE_KEY],
            candidates.skipped_index == reached.reached_index,
        ],
    )
    skipped_by_step = {
        int(row["skipped_index"]): int(row["cases"])
        for row in rows(skipped.group_by("skipped_index").aggregate(cases=_.count()))
    }
    here = per_step_case.select(CASE_KEY, "step_index", "first_time_us")
    there = per_step_case.select(
        CASE_KEY, next_index=per_step_case.step_index, next_time_us=per_step_case.first_time_us
    )
    gaps = here.inner_join(
        there, [here[CASE_KEY] == there[CASE_KEY], there.next_index == here.step_index + 1]
    )
    gaps = gaps.filter(gaps.next_time_us >= gaps.first_time_us)
    gap_by_step = {
        int(row["step_index"]): (float(row["median_seconds"]), int(row["cases"]))
        for row in rows(
            gaps.mutate(
                seconds=(gaps.next_time_us - gaps.first_time_us).cast("float64") / 1_000_000
            )
            .group_by("step_index")
            .aggregate(median_seconds=_.seconds.quantile(0.5), cases=_.count())
        )
    }
    unmapped = sorted(
        (
            {"activity": names[row[ACTIVITY_CODE]], "events": int(row["n"])}
            for row in rows(events.group_by(ACTIVITY_CODE).aggregate(n=_.count()))
            if names[row[ACTIVITY_CODE]] not in step_mapping
        ),
        key=lambda row: (-row["events"], row["activity"]),
    )
    return {
        "cases": all_cases,
        "cases_mapped": int(totals["cases"] or 0),
        "cases_without_mapped_events": all_cases - int(totals["cases"] or 0),
        "cases_in_order": int(totals["in_order"] or 0),
        "cases_following_map": int(totals["following"] or 0),
        "cases_skipping_steps": int(totals["skipping"] or 0),
        "cases_repeating_steps": int(totals["repeating"] or 0),
        "steps": [
            {
                "id": step.id,
                "name": step.name,
                "cases_reaching": per_step.get(position, (0, 0, 0))[0],
                "contacts": per_step.get(position, (0, 0, 0))[1],
                "repeat_contacts": per_step.get(position, (0, 0, 0))[1]
                - per_step.get(position, (0, 0, 0))[0],
                "cases_repeating": per_step.get(position, (0, 0, 0))[2],
                "cases_skipping": skipped_by_step.get(position, 0),
                "median_seconds_to_next_step": gap_by_step.get(position, (None, 0))[0],
                **({"cases_to_next_step": gap_by_step.get(position, (None, 0))[1]}
                   if with_pair_cases else {}),
            }
            for position, step in enumerate(steps)
        ],
        "unmapped_activities": unmapped[:50],
    }
