"""The gap between two maps of one journey: which steps went, came, merged or changed.

A step of the later map names the earlier steps it replaces; with no `replaces` it stands for the
earlier step with the same id (which is how `copy_map` starts a new version). Totals of steps,
time and contacts show the size of the improvement the Edinburgh guide asks to be measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.core.maps.schema import JourneyMap, Step

_NOT_COMPARED = {"id", "replaces"}


@dataclass(frozen=True)
class MapTotals:
    """Steps, and the time and contacts where known, with how many steps left each unknown."""

    steps: int
    time_minutes: float
    contacts: int
    steps_without_time: int
    steps_without_contacts: int


@dataclass(frozen=True)
class StepChange:
    """A later step that stands for exactly one earlier step, and what differs between them."""

    before: Step
    after: Step
    fields: tuple[str, ...]


@dataclass(frozen=True)
class StepMerge:
    """A later step that replaces two or more earlier steps."""

    before: tuple[Step, ...]
    after: Step


@dataclass(frozen=True)
class MapComparison:
    """Everything that differs between `before` and `after` (see `compare_maps`)."""

    removed: tuple[Step, ...]
    added: tuple[Step, ...]
    changed: tuple[StepChange, ...]
    unchanged: tuple[StepChange, ...]
    merged: tuple[StepMerge, ...]
    unknown_references: tuple[tuple[str, str], ...]
    before_totals: MapTotals
    after_totals: MapTotals

    @property
    def step_difference(self) -> int:
        return self.after_totals.steps - self.before_totals.steps

    @property
    def time_difference_minutes(self) -> float:
        return self.after_totals.time_minutes - self.before_totals.time_minutes

    @property
    def contact_difference(self) -> int:
        return self.after_totals.contacts - self.before_totals.contacts

    @property
    def removed_ids(self) -> frozenset[str]:
        return frozenset(step.id for step in self.removed)


def map_totals(journey_map: JourneyMap) -> MapTotals:
    """The totals of one map; unknown times and contacts count as nothing and are counted apart."""
    steps = journey_map.steps
    return MapTotals(
        steps=len(steps),
        time_minutes=sum(s.time_taken_minutes for s in steps if s.time_taken_minutes is not None),
        contacts=sum(s.contacts for s in steps if s.contacts is not None),
        steps_without_time=sum(1 for s in steps if s.time_taken_minutes is None),
        steps_without_contacts=sum(1 for s in steps if s.contacts is None),
    )


def corresponding_ids(step: Step, before_ids: set[str]) -> list[str]:
    """The ids of the earlier steps a later step stands for (its `replaces`, else its own id)."""
    if step.replaces:
        return [step_id for step_id in step.replaces if step_id in before_ids]
    return [step.id] if step.id in before_ids else []


def _changed_fields(before: Step, after: Step) -> tuple[str, ...]:
    return tuple(
        name
        for name in Step.model_fields
        if name not in _NOT_COMPARED and getattr(before, name) != getattr(after, name)
    )


def compare_maps(*, before: JourneyMap, after: JourneyMap) -> MapComparison:
    """Compare an earlier map (`before`, e.g. as-is) with a later one (`after`, e.g. to-be)."""
    before_by_id = {step.id: step for step in before.steps}
    covered: set[str] = set()
    added, changed, unchanged, merged, unknown = [], [], [], [], []
    for step in after.steps:
        unknown.extend((step.id, ref) for ref in step.replaces if ref not in before_by_id)
        ids = corresponding_ids(step, set(before_by_id))
        covered.update(ids)
        if not ids:
            added.append(step)
        elif len(ids) > 1:
            merged.append(StepMerge(before=tuple(before_by_id[i] for i in ids), after=step))
        else:
            earlier = before_by_id[ids[0]]
            change = StepChange(
                before=earlier, after=step, fields=_changed_fields(earlier, step)
            )
            (changed if change.fields else unchanged).append(change)
    return MapComparison(
        removed=tuple(step for step in before.steps if step.id not in covered),
        added=tuple(added),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        merged=tuple(merged),
        unknown_references=tuple(unknown),
        before_totals=map_totals(before),
        after_totals=map_totals(after),
    )
