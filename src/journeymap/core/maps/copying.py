"""Start the next version of a map (to-be from as-is, re-map from to-be) without losing the link."""

from __future__ import annotations

from journeymap.core.maps.schema import JourneyMap, MapKind


def copy_map(*, source: JourneyMap, kind: MapKind, title: str) -> JourneyMap:
    """A new map of `kind` with the same steps and ids, each step replacing its own original.

    `replaces=[own id]` makes the correspondence explicit, so editing an id in the copy later
    does not silently turn a changed step into one removed and one added. Dates, owner and notes
    are cleared: they belong to the version being started, not the one copied.
    """
    steps = [step.model_copy(update={"replaces": [step.id]}, deep=True) for step in source.steps]
    return JourneyMap(
        title=title,
        kind=kind,
        made_by="",
        owner=source.owner,
        based_on=source.title,
        steps=steps,
    )
