"""Edit where you look: each cell of the map's picture is a link to that cell's editor.

The picture stays an <img> (its SVG never meets the page's strict CSP); an HTML image map lays
one <area> over each step's cell of each lane, with an accessible name, so a keyboard reaches
every cell and activating one opens the same in-place editor as the table (or, without
JavaScript, its own page).
"""

from dataclasses import dataclass

from django.urls import reverse

from journeymap.core.maps import schema
from journeymap.core.maps.render.scene import Hotspot
from journeymap.web.journeys.grid import ROW_LABELS, lane_field

#: The step field each built-in lane of the picture edits in place. Lanes not named here
#: (touchpoints and moments of truth, several fields each; the step names) open the whole
#: step's form.
LANE_FIELDS = {
    "actions": "customer_does", "thoughts": "thoughts_feelings", "heartbeat": "emotion",
    "frontstage": "frontstage", "backstage": "backstage", "support": "support",
    "avoidable": "avoidable", "importance": "importance", "pain": "pain_points",
    "suggestions": "customer_suggestions", "learning": "improvement_ideas", "owner": "owner",
    "time": "time_taken_minutes", "provenance": "provenance",
}


@dataclass(frozen=True)
class Area:
    """One clickable cell of the picture: `cell_id` is the table cell its editor opens in."""

    coords: str
    href: str
    label: str
    cell_id: str = ""


def cell_id(step_id: int, field: str) -> str:
    return f"cell-{step_id}-{field}"


def _field(lane: str, custom: set[str]) -> str | None:
    if lane in custom:
        return lane_field(lane)
    return LANE_FIELDS.get(lane)


def canvas_areas(*, journey_map, document: schema.MapDocument, hotspots: list[Hotspot],
                 step_ids: list[int]) -> tuple[Area, ...]:
    """The image map of an editable map's picture, one area per drawn cell."""
    kwargs = {"organisation_slug": journey_map.organisation.slug,
              "journey_id": journey_map.journey_id, "map_id": journey_map.pk}
    stages_url = reverse("journeys:map_stages", kwargs=kwargs)
    custom = {lane.id: lane.name for lane in document.map.lanes}
    labels = {**schema.BUILT_IN_LANES, **custom, "steps": "Step", "stages": "Stage"}
    steps = document.map.steps
    areas = []
    for spot in hotspots:
        step, step_id = steps[spot.step], step_ids[spot.step]
        coords = ",".join(str(round(value)) for value in (
            spot.x, spot.y, spot.x + spot.width, spot.y + spot.height))
        where = f"of step {spot.step + 1}, {step.name}"
        if spot.lane == "stages":
            areas.append(Area(coords, stages_url, f"Edit the stages ({where})"))
            continue
        edit_url = reverse("journeys:step_edit", kwargs={**kwargs, "step_id": step_id})
        field = _field(spot.lane, set(custom))
        if field is None:
            areas.append(Area(coords, edit_url, f"Edit all {where}"))
            continue
        label = ROW_LABELS.get(field, labels[spot.lane])
        areas.append(Area(coords, f"{edit_url}?field={field}", f"Edit {label.lower()} {where}",
                          cell_id=cell_id(step_id, field)))
    return tuple(areas)
