"""The gap between two maps of one journey: which steps went, came, merged or changed.

A step of the later map names the earlier steps it replaces; with no `replaces` it stands for the
earlier step with the same id (which is how `copy_map` starts a new version). Totals of steps,
time and contacts show the size of the improvement the Edinburgh guide asks to be measured, but
cannot flatter: each side's total names how many steps it counts, and a saving is claimed only
on comparable changes, those whose figure is known on both sides (a removed step's figure is
known to be none afterwards; an added step's was none before). A to-be with no times saves
nothing, it is simply not timed.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.core.maps.schema import JourneyMap, Step
from journeymap.core.maps.totals import KnownTotal, known_total, number_text

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
class FigureComparison:
    """One figure (time or contacts) of both maps, and its change where it can be known."""

    before: KnownTotal
    after: KnownTotal
    #: The figure before and after, summed over the comparable changes only.
    comparable_before: float
    comparable_after: float
    comparable: int
    changes: int

    @property
    def difference(self) -> float | None:
        """After minus before on comparable changes; None when no change is comparable."""
        return self.comparable_after - self.comparable_before if self.comparable else None

    def text(self, name: str, unit: str, *, verb: str) -> str:
        """E.g. "time: 35 → 20 min (5 of 10 steps timed); 15 min less on 4 of 6 changes"."""
        steps = self.before.steps + self.after.steps
        known = self.before.known + self.after.known
        sides = [None if side.total is None else number_text(side.total)
                 for side in (self.before, self.after)]
        if None in sides:
            totals = " \u2192 ".join("not known" if side is None else f"{side} {unit}".strip()
                                      for side in sides)
        else:
            totals = f"{sides[0]} \u2192 {sides[1]} {unit}".strip()
        line = f"{name}: {totals} ({known} of {steps} steps {verb})"
        difference = self.difference
        if difference is None:
            return line + "; no change can be compared (not known on both sides)"
        change = "no change" if difference == 0 else (
            f"{number_text(abs(difference))} {unit} {'less' if difference < 0 else 'more'}"
            .replace("  ", " "))
        return line + f"; {change} on the {self.comparable} of {self.changes} changes known " \
            "on both sides"


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
    time: FigureComparison
    contacts: FigureComparison

    @property
    def step_difference(self) -> int:
        return self.after_totals.steps - self.before_totals.steps

    @property
    def time_difference_minutes(self) -> float | None:
        """The change in minutes over comparable changes only; None if none is comparable."""
        return self.time.difference

    @property
    def time_summary(self) -> str:
        """The time line a page prints beside the totals (see `FigureComparison.text`)."""
        return self.time.text("time", "min", verb="timed")

    @property
    def contacts_summary(self) -> str:
        return self.contacts.text("contacts", "", verb="counted")

    @property
    def contact_difference(self) -> int | None:
        """The change in contacts over comparable changes only; None if none is comparable."""
        difference = self.contacts.difference
        return None if difference is None else int(difference)

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


def _coalesce(groups: list[tuple[list[Step], list[Step]]]) -> list[tuple[list[Step], list[Step]]]:
    """Join changes that share an earlier step (one step split in two is one change)."""
    joined: list[tuple[list[Step], list[Step]]] = []
    for earlier, later in groups:
        ids = {step.id for step in earlier}
        for group in [group for group in joined if ids & {step.id for step in group[0]}]:
            joined.remove(group)
            seen = {step.id for step in group[0]}
            earlier = [*group[0], *(step for step in earlier if step.id not in seen)]
            later = [*group[1], *later]
            ids |= seen
        joined.append((earlier, later))
    return joined


def _figure(before: JourneyMap, after: JourneyMap, groups: list[tuple[list[Step], list[Step]]],
            field: str) -> FigureComparison:
    """`field` on both maps; `groups` pairs the earlier and later steps of each change."""
    comparable, before_sum, after_sum = 0, 0.0, 0.0
    for earlier, later in groups:
        values = [getattr(step, field) for step in (*earlier, *later)]
        if all(value is not None for value in values):
            comparable += 1
            before_sum += sum(getattr(step, field) for step in earlier)
            after_sum += sum(getattr(step, field) for step in later)
    return FigureComparison(
        before=known_total([getattr(step, field) for step in before.steps]),
        after=known_total([getattr(step, field) for step in after.steps]),
        comparable_before=before_sum, comparable_after=after_sum, comparable=comparable,
        changes=len(groups))


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
    removed = [step for step in before.steps if step.id not in covered]
    groups = _coalesce([
        *(([change.before], [change.after]) for change in (*changed, *unchanged)),
        *((list(merge.before), [merge.after]) for merge in merged),
        *(([step], []) for step in removed),
        *(([], [step]) for step in added),
    ])
    return MapComparison(
        removed=tuple(removed),
        added=tuple(added),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
        merged=tuple(merged),
        unknown_references=tuple(unknown),
        before_totals=map_totals(before),
        after_totals=map_totals(after),
        time=_figure(before, after, groups, "time_taken_minutes"),
        contacts=_figure(before, after, groups, "contacts"),
    )


@dataclass(frozen=True)
class Slot:
    """One position on the comparison's shared step axis: the earlier steps and the later step
    that stand for each other there (either side may be empty: removed or added)."""

    before: tuple[Step, ...]
    after: Step | None
    note: str


def align_steps(*, before: JourneyMap, after: JourneyMap) -> list[Slot]:
    """Both maps' steps on one axis, in journey order, each later step beside what it replaces.

    A removed step takes its own slot where it stood; a merged later step shares its slot with
    all the steps it merges; an added step has a slot of its own.
    """
    number = {step.id: index + 1 for index, step in enumerate(before.steps)}
    by_id = {step.id: step for step in before.steps}
    placed: set[str] = set()
    slots: list[Slot] = []

    def place_removed_up_to(limit: int) -> None:
        for step in before.steps:
            if number[step.id] >= limit:
                break
            if step.id not in placed and not any(
                    step.id in corresponding_ids(later, set(by_id)) for later in after.steps):
                placed.add(step.id)
                slots.append(Slot(before=(step,), after=None, note="Removed"))

    for step in after.steps:
        ids = corresponding_ids(step, set(by_id))
        if not ids:
            slots.append(Slot(before=(), after=step, note="New step"))
            continue
        place_removed_up_to(min(number[i] for i in ids))
        fresh = tuple(by_id[i] for i in ids if i not in placed)
        placed.update(ids)
        if len(ids) > 1:
            note = "Merges " + ", ".join(str(number[i]) for i in ids)
        elif not fresh:
            note = f"Split from step {number[ids[0]]}"
        elif _changed_fields(by_id[ids[0]], step):
            note = f"Changed from step {number[ids[0]]}"
        else:
            note = f"Same as step {number[ids[0]]}"
        slots.append(Slot(before=fresh, after=step, note=note))
    place_removed_up_to(len(before.steps) + 1)
    return slots
