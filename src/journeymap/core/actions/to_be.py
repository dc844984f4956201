"""The to-be map that a journey's accepted improvement actions describe.

Edinburgh's Step 4 turns pain points into actions; some of them change the shape of the journey
(cut out a step, join two steps into one, add a step customers need). Applying those effects to
the as-is map gives a first draft of the to-be map, which people then edit like any other map.

The draft may not claim more than the as-is map knows: a merged step's time and contacts are the
sum of its steps' only when every one of them is known (else unknown, never 0), and its emotion
is kept only when all its steps felt the same. Every step keeps `replaces` naming the as-is
steps it stands for, so comparing the two maps shows the removals and merges as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import ValidationError

from journeymap.core.maps.schema import (
    MAX_MINUTES,
    MAX_TEXT_LENGTH,
    JourneyMap,
    LaneKind,
    MapKind,
    Provenance,
    Step,
)


class EffectKind(StrEnum):
    """What an action does to the map's steps, if anything."""

    NONE = "none"
    REMOVE = "remove"
    MERGE = "merge"
    ADD_AFTER = "add_after"

    @property
    def label(self) -> str:
        return EFFECT_LABELS[self]


EFFECT_LABELS = {
    EffectKind.NONE: "No change to the map's steps",
    EffectKind.REMOVE: "Remove the step(s)",
    EffectKind.MERGE: "Merge the steps into one",
    EffectKind.ADD_AFTER: "Add a new step after the step",
}

# From the strongest claim to the weakest: a merged step claims no more than its weakest part.
_PROVENANCE_ORDER = (Provenance.OBSERVED, Provenance.REPORTED, Provenance.DATA,
                     Provenance.INFERRED, Provenance.ASSUMED)
_JOINED_TEXT = ("customer_does", "thoughts_feelings", "avoidable_why", "owner", "responsible",
                "frontstage", "backstage", "support")
_JOINED_LISTS = ("pain_points", "customer_suggestions", "improvement_ideas")
_KEPT_IF_EQUAL = ("emotion", "avoidable", "importance", "impact")


class ToBeError(ValueError):
    """The actions cannot be applied as they stand; the message names the action and step."""


@dataclass(frozen=True)
class StepEffect:
    """One accepted action's effect on the as-is map's steps (by their schema ids).

    REMOVE drops `step_ids`; MERGE joins them into the first of them in map order, named `name`
    (or the first step's name when blank); ADD_AFTER adds a step named `name` after its one step.
    `action` names the action in error messages.
    """

    kind: EffectKind
    step_ids: tuple[str, ...]
    action: str
    name: str = ""


def _known_sum(values: list[float | int | None]) -> float | int | None:
    return None if any(value is None for value in values) else sum(values)


def _equal_or_none(values: list):
    return values[0] if all(value == values[0] for value in values) else None


def _distinct(items: Iterable) -> list:
    kept = []
    for item in items:
        if item not in kept:
            kept.append(item)
    return kept


def _joined_text(values: list[str]) -> str:
    return "\n".join(_distinct(value for value in values if value.strip()))


def _merged_lanes(journey_map: JourneyMap, steps: list[Step]) -> dict:
    kinds = {lane.id: lane.kind for lane in journey_map.lanes}
    merged = {}
    for lane_id in _distinct(key for step in steps for key in step.lanes):
        values = [step.lanes.get(lane_id) for step in steps]
        if kinds[lane_id] is LaneKind.TEXT:
            merged[lane_id] = _joined_text([value for value in values if value is not None])
        elif _equal_or_none(values) is not None:
            # A number lane may be a cost or a score: only a value every step shares survives.
            merged[lane_id] = values[0]
    return {key: value for key, value in merged.items() if value != ""}


def merge_steps(journey_map: JourneyMap, steps: list[Step], *, name: str) -> Step:
    """One step standing for `steps` (in map order), at the first one's place, with its id."""
    first = steps[0]
    time = _known_sum([step.time_taken_minutes for step in steps])
    if time is not None and time > MAX_MINUTES:
        raise ToBeError(f"The merged step {name or first.name!r} would take {time:,} minutes, "
                        f"more than the {MAX_MINUTES:,} a step may take")
    data = first.model_dump()
    data.update({
        "name": name.strip() or first.name,
        "replaces": [step.id for step in steps],
        "time_taken_minutes": time,
        "contacts": _known_sum([step.contacts for step in steps]),
        "touchpoints": _distinct(touchpoint.model_dump() for step in steps
                                 for touchpoint in step.touchpoints),
        "provenance": max((step.provenance for step in steps), key=_PROVENANCE_ORDER.index),
        "lanes": _merged_lanes(journey_map, steps),
    })
    for field in _KEPT_IF_EQUAL:
        data[field] = _equal_or_none([getattr(step, field) for step in steps])
    for field in _JOINED_TEXT:
        data[field] = _joined_text([getattr(step, field) for step in steps])
    for field in _JOINED_LISTS:
        data[field] = _distinct(item for step in steps for item in getattr(step, field))
    for field, value in data.items():
        if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
            raise ToBeError(f"The merged step {data['name']!r} would have {len(value):,} "
                            f"characters of {field}, more than {MAX_TEXT_LENGTH:,}; shorten "
                            "the steps' text first")
    try:
        return Step.model_validate(data)
    except ValidationError as error:
        raise ToBeError(f"The merged step {data['name']!r} is not a valid step: "
                        f"{error.errors()[0]['msg']}") from None


def _claimed_steps(source: JourneyMap, effects: Sequence[StepEffect]) -> dict[str, StepEffect]:
    """Which effect removes or merges each step; refuses an effect that cannot be applied."""
    known = {step.id for step in source.steps}
    claimed: dict[str, StepEffect] = {}
    for effect in effects:
        missing = [sid for sid in effect.step_ids if sid not in known]
        if missing:
            raise ToBeError(f"{effect.action!r} names the step {missing[0]!r}, which is not "
                            f"on the map {source.title!r}")
        if effect.kind is EffectKind.MERGE and len(set(effect.step_ids)) < 2:
            raise ToBeError(f"{effect.action!r} merges steps, so it needs two or more steps")
        if effect.kind is EffectKind.REMOVE and not effect.step_ids:
            raise ToBeError(f"{effect.action!r} removes steps, but names none")
        if effect.kind is EffectKind.ADD_AFTER and (len(effect.step_ids) != 1
                                                    or not effect.name.strip()):
            raise ToBeError(f"{effect.action!r} adds a step, so it needs one step to follow "
                            "and the new step's name")
        if effect.kind not in (EffectKind.REMOVE, EffectKind.MERGE):
            continue
        for sid in effect.step_ids:
            other = claimed.get(sid)
            if other is not None and other is not effect:
                raise ToBeError(f"The step {sid!r} is changed by both {other.action!r} and "
                                f"{effect.action!r}; drop one or link it to one only")
            claimed[sid] = effect
    return claimed


def _new_id(taken: set[str]) -> str:
    number = 1
    while f"new-{number}" in taken:
        number += 1
    taken.add(f"new-{number}")
    return f"new-{number}"


def to_be_map(*, source: JourneyMap, effects: Sequence[StepEffect], title: str,
              kind: MapKind = MapKind.TO_BE_GOLD,
              reserved_ids: Iterable[str] = ()) -> JourneyMap:
    """The draft to-be map: `source` with the effects applied, in the source's order.

    Steps no effect removes or merges are kept as they are, each replacing itself. New steps
    get ids of the form `new-N` that are neither on the source nor in `reserved_ids` (ids used
    elsewhere in the journey). Raises ToBeError, naming the action, when an effect names a step
    not on the map, or two effects claim the same step.
    """
    claimed = _claimed_steps(source, effects)
    by_id = {step.id: step for step in source.steps}
    added: dict[str, list[str]] = {}
    for effect in effects:
        if effect.kind is EffectKind.ADD_AFTER:
            added.setdefault(effect.step_ids[0], []).append(effect.name.strip())
    taken = set(by_id) | set(reserved_ids)
    steps: list[Step] = []
    for step in source.steps:
        effect = claimed.get(step.id)
        if effect is None:
            steps.append(step.model_copy(update={"replaces": [step.id]}, deep=True))
        elif effect.kind is EffectKind.MERGE:
            members = [row for row in source.steps if row.id in effect.step_ids]
            if members[0].id == step.id:
                steps.append(merge_steps(source, members, name=effect.name))
        for name in added.get(step.id, []):
            steps.append(Step(id=_new_id(taken), name=name, stage=step.stage,
                              provenance=Provenance.ASSUMED))
    try:
        return JourneyMap.model_validate({
            **source.model_dump(exclude={"steps"}), "title": title, "kind": kind,
            "mapped_on": None, "review_by": None, "made_by": "", "notes": "",
            "based_on": source.title, "steps": [step.model_dump() for step in steps]})
    except ValidationError as error:
        raise ToBeError(f"The to-be map is not valid: {error.errors()[0]['msg']}") from None
