"""Figures for each step of a journey map, from a log whose activities are linked to its steps.

A data analyst links activities to steps (activity -> step id); the map then shows, beside each
step, what the log says happened there, and for the journey as a whole how many cases followed
the mapped order. The route and reach figures are `conformance`'s (the same rules as `analyse`
with a map); this module adds what a step needs that conformance does not count:

- **contacts**: the events at the step that the contact definition calls citizen contacts;
- **repeat contacts**: contacts at the step beyond each case's first contact there;
- **avoidable contacts**: contacts at the step that the avoidable-contact rules classify as
  avoidable (the same rules, so the steps add up to the report's figure over linked activities).

Without a contact definition the three contact figures are None (not known), never 0.
`suppress_step_figures` withholds small numbers as `suppress` does for an analysis.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

import ibis
from ibis import _
from ibis.backends import BaseBackend
from pydantic import BaseModel, ConfigDict

from journeymap.core.analytics.avoidable import AvoidableRules, avoidable_by_activity
from journeymap.core.analytics.backends import BackendName, connect, materialised
from journeymap.core.analytics.columns import ACTIVITY, CASE_KEY, EVENT_INDEX, TIME_US
from journeymap.core.analytics.conformance import conformance, map_steps
from journeymap.core.analytics.contacts import (
    ContactDefinition,
    contact_predicate,
    default_contacts,
)
from journeymap.core.analytics.filters import CaseFilter, filtered_events
from journeymap.core.analytics.metrics.coding import coded
from journeymap.core.analytics.metrics.fetch import rows
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, with_neighbours
from journeymap.core.analytics.result import Count, Measure, Suppressed
from journeymap.core.analytics.store import StoredLog
from journeymap.core.analytics.suppression import _Suppressor

if TYPE_CHECKING:
    # The map schema (and `core.maps` behind it) is needed only by a caller that has a map.
    from journeymap.core.maps.schema import JourneyMap

#: A contact figure: None when the log does not say which events are contacts.
ContactCount = Count | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepFigures(_Model):
    id: str
    name: str
    #: The activities linked to this step (none: the step has no figures from the data).
    activities: tuple[str, ...]
    cases_reaching: Count
    contacts: ContactCount
    repeat_contacts: ContactCount
    avoidable_contacts: ContactCount
    #: The cases that reached the next step of the map after this one: the median is over them.
    cases_to_next_step: Count
    median_seconds_to_next_step: Measure


class RouteFigures(_Model):
    """How the cases that reached any linked step went through the map."""

    cases: Count
    cases_mapped: Count
    cases_following_map: Count
    cases_skipping_steps: Count
    cases_going_back: Count


class StepFiguresResult(_Model):
    steps: tuple[StepFigures, ...]
    route: RouteFigures
    #: How contacts were recognised, in words; None when the log does not say.
    contact_definition: str | None
    suppressed_below: int | None = None


def _contact_figures(events, *, step_of_code: dict[int, int], avoidable: dict[str, int],
                     names: list[str]) -> dict[int, tuple[int, int, int]]:
    """Per step index: (contacts, repeat contacts, avoidable contacts)."""
    contacts = events.filter(events.is_contact)
    if not step_of_code:
        return {}
    step = ibis.cases(*((contacts[ACTIVITY_CODE] == code, index)
                        for code, index in step_of_code.items()), else_=ibis.null("int64"))
    per_case = (contacts.mutate(step_index=step).filter(_.step_index.notnull())
                .group_by([CASE_KEY, "step_index"]).aggregate(contacts=_.count()))
    figures = {
        int(row["step_index"]): (int(row["contacts"]), int(row["contacts"] - row["cases"]), 0)
        for row in rows(per_case.group_by("step_index").aggregate(
            contacts=_.contacts.sum(), cases=_.count()))
    }
    for code, index in step_of_code.items():
        count, repeat, avoided = figures.get(index, (0, 0, 0))
        figures[index] = (count, repeat, avoided + avoidable.get(names[code], 0))
    return figures


def step_figures(
    *,
    log: StoredLog,
    journey_map: JourneyMap,
    step_mapping: dict[str, str],
    backend: BackendName | BaseBackend = "duckdb",
    contacts: ContactDefinition | None = None,
    avoidable_rules: AvoidableRules | None = None,
    where: CaseFilter | None = None,
) -> StepFiguresResult:
    """Exact figures per step of `journey_map` for the cases `where` keeps (see the module
    docstring). `step_mapping` is activity -> step id; `contacts` as for `analyse` (None takes
    the log's channel column when it has one). Raises `ConfigurationError` when the mapping
    names a step the map does not have."""
    con = connect(backend=backend) if isinstance(backend, str) else backend
    stored = con.read_parquet(str(log.events_path))
    if where is not None:
        stored = filtered_events(stored, log=log, where=where)
    rule = contacts or default_contacts(log)
    has_service = log.has("service")
    flags = {"is_contact": contact_predicate(stored, log=log, contacts=rule)} if rule else {}
    table, names = coded(
        stored.select(CASE_KEY, ACTIVITY, TIME_US, EVENT_INDEX,
                      *(["service"] if has_service else []), **flags),
        ACTIVITY, as_name=ACTIVITY_CODE)
    with ExitStack() as stack:
        events = stack.enter_context(materialised(con=con, expression=with_neighbours(
            table, previous_of=tuple(flags))))
        route = conformance(events, names=names, journey_map=journey_map,
                            step_mapping=step_mapping, with_pair_cases=True)
        index_of = {step.id: position for position, step in enumerate(map_steps(journey_map))}
        code_of = {name: code for code, name in enumerate(names)}
        step_of_code = {code_of[activity]: index_of[step]
                        for activity, step in step_mapping.items() if activity in code_of}
        contact_figures = None
        if rule is not None:
            avoidable = avoidable_by_activity(
                events, stored_contacts=stored.filter(flags["is_contact"]), names=names,
                rules=avoidable_rules or AvoidableRules(), has_service=has_service,
                has_reason=log.has("reason"))
            contact_figures = _contact_figures(events, step_of_code=step_of_code,
                                               avoidable=avoidable, names=names)
    linked: dict[str, list[str]] = {}
    for activity, step in sorted(step_mapping.items()):
        linked.setdefault(step, []).append(activity)
    steps = []
    for position, step in enumerate(route["steps"]):
        counts = None if contact_figures is None else contact_figures.get(position, (0, 0, 0))
        steps.append(StepFigures(
            id=step["id"], name=step["name"], activities=tuple(linked.get(step["id"], ())),
            cases_reaching=step["cases_reaching"],
            contacts=None if counts is None else counts[0],
            repeat_contacts=None if counts is None else counts[1],
            avoidable_contacts=None if counts is None else counts[2],
            cases_to_next_step=step["cases_to_next_step"],
            median_seconds_to_next_step=step["median_seconds_to_next_step"]))
    return StepFiguresResult(
        steps=tuple(steps),
        route=RouteFigures(
            cases=route["cases"], cases_mapped=route["cases_mapped"],
            cases_following_map=route["cases_following_map"],
            cases_skipping_steps=route["cases_skipping_steps"],
            cases_going_back=route["cases_mapped"] - route["cases_in_order"]),
        contact_definition=None if rule is None else rule.to_dict()["description"])


def suppress_step_figures(figures: StepFiguresResult, *, threshold: int) -> StepFiguresResult:
    """A copy with every count from 1 to `threshold` - 1 withheld, and every median over fewer
    cases than that; contacts minus repeats would give the cases with a contact at the step,
    so a repeat count is withheld with a withheld contact count. 0 or 1 leaves it exact.

    The median time to the next step is over the cases that made that pair of steps, which
    may be far fewer than the cases reaching the step (most may skip the next one): it is
    withheld when that pair has fewer cases than the threshold."""
    if threshold <= 1 or figures.suppressed_below is not None:
        return figures
    rules = _Suppressor(threshold)

    def count(value: ContactCount) -> ContactCount:
        return None if value is None else rules.count(value)

    steps = []
    for step in figures.steps:
        contacts = count(step.contacts)
        repeat = count(step.repeat_contacts)
        if isinstance(contacts, Suppressed) and repeat is not None:
            repeat = rules.marker
        steps.append(step.model_copy(update={
            "cases_reaching": rules.count(step.cases_reaching),
            "contacts": contacts, "repeat_contacts": repeat,
            "avoidable_contacts": count(step.avoidable_contacts),
            "cases_to_next_step": rules.count(step.cases_to_next_step),
            "median_seconds_to_next_step": rules.measure(step.median_seconds_to_next_step,
                                                         over=step.cases_to_next_step)}))
    route = figures.route
    return figures.model_copy(update={
        "steps": tuple(steps),
        "route": RouteFigures(**{name: rules.count(getattr(route, name))
                                 for name in RouteFigures.model_fields}),
        "suppressed_below": threshold})
