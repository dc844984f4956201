"""Rows <-> schema documents. The schema (`journeymap.core.maps.schema`) is the one way in and out.

Column names equal schema field names, so the conversion is mechanical; the only differences are
the step id (stored as `key`), touchpoints (their own rows) and optional choices (stored as "").
"""

from journeymap.core.maps import schema
from journeymap.web.journeys.models import Journey, JourneyMap, Step, Touchpoint

STEP_COLUMNS = tuple(name for name in schema.Step.model_fields if name not in {"id", "touchpoints"})
JOURNEY_COLUMNS = tuple(schema.Journey.model_fields)
MAP_COLUMNS = ("title", "kind", "mapped_on", "made_by", "owner", "review_by", "notes")
#: Map schema v2's map-level parts, stored as the schema's JSON.
MAP_JSON_COLUMNS = ("persona", "stages", "lanes", "hidden_lanes")
_OPTIONAL_CHOICES = ("avoidable", "importance", "impact", "stage")


def step_to_schema(step: Step) -> schema.Step:
    """Needs `step.touchpoints` prefetched to stay query-free."""
    data = {name: getattr(step, name) for name in STEP_COLUMNS}
    for name in _OPTIONAL_CHOICES:
        data[name] = data[name] or None
    data["id"] = step.key
    data["touchpoints"] = [
        {"channel": touchpoint.channel, "description": touchpoint.description,
         "moment_of_truth": touchpoint.moment_of_truth}
        for touchpoint in step.touchpoints.all()
    ]
    return schema.Step.model_validate(data)


def step_columns(step: schema.Step) -> dict:
    data = step.model_dump(mode="json", exclude={"id", "touchpoints"})
    for name in _OPTIONAL_CHOICES:
        data[name] = data[name] or ""
    data["key"] = step.id
    return data


def touchpoint_rows(step: Step, touchpoints: list[schema.Touchpoint]) -> list[Touchpoint]:
    """Unsaved rows for a step's touchpoints, in order."""
    return [
        Touchpoint(organisation_id=step.organisation_id, step=step, position=index,
                   channel=touchpoint.channel.value, description=touchpoint.description,
                   moment_of_truth=touchpoint.moment_of_truth)
        for index, touchpoint in enumerate(touchpoints)
    ]


def journey_to_schema(journey: Journey) -> schema.Journey:
    return schema.Journey.model_validate({name: getattr(journey, name)
                                          for name in JOURNEY_COLUMNS})


def journey_columns(journey: schema.Journey) -> dict:
    return journey.model_dump(mode="python")


def map_to_schema(journey_map: JourneyMap, *, steps: list[Step] | None = None) -> schema.JourneyMap:
    """Needs steps and their touchpoints prefetched (see selectors.map_get), or given as `steps`
    (in order, touchpoints prefetched)."""
    data = {name: getattr(journey_map, name) for name in (*MAP_COLUMNS, *MAP_JSON_COLUMNS)}
    data["based_on"] = journey_map.based_on_label or None
    rows = journey_map.steps.all() if steps is None else steps
    data["steps"] = [step_to_schema(step) for step in rows]
    return schema.JourneyMap.model_validate(data)


def map_columns(journey_map: schema.JourneyMap) -> dict:
    data = journey_map.model_dump(mode="python", include=set(MAP_COLUMNS))
    data.update(journey_map.model_dump(mode="json", include=set(MAP_JSON_COLUMNS)))
    data["kind"] = journey_map.kind.value
    data["based_on_label"] = journey_map.based_on or ""
    return data


def document_for(journey_map: JourneyMap) -> schema.MapDocument:
    return schema.MapDocument(journey=journey_to_schema(journey_map.journey),
                              map=map_to_schema(journey_map))
