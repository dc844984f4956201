"""What the map page, the history view and the share page all show: the picture and the grid."""

import base64
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from journeymap.core.maps import schema
from journeymap.core.maps.pictures import map_scene, render_key_svg
from journeymap.core.maps.render.citizen_lines import CitizenLines, LineRow, table_rows
from journeymap.core.maps.render.svg import scene_to_svg
from journeymap.core.maps.text_alternative import picture_title
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.canvas import Area, canvas_areas
from journeymap.web.journeys.grid import Grid, build_grid
from journeymap.web.journeys.models import JourneyMap


@dataclass(frozen=True)
class MapView:
    document: schema.MapDocument
    grid: Grid
    picture_src: str
    picture_alt: str
    picture_width: int
    picture_height: int
    key_src: str
    #: The picture's cells as links to their editors (an editable stored map only).
    areas: tuple[Area, ...] = ()
    #: Citizens' feeling per segment drawn on the heartbeat lane, as rows of words too.
    citizen: CitizenLines | None = None
    citizen_rows: tuple[LineRow, ...] = ()


def svg_data_uri(svg: str) -> str:
    """An SVG as an <img> source: the page's strict CSP then never meets its style attributes."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def map_view_of(document: schema.MapDocument, *, step_rows: list | None = None,
                earlier: schema.JourneyMap | None = None, editable: bool = False,
                journey_map: JourneyMap | None = None,
                citizen: CitizenLines | None = None) -> MapView:
    """What a page shows of `document`; with `journey_map` and `editable`, cells link to edit;
    with `citizen`, citizens' feeling per segment on the heartbeat lane."""
    scene = map_scene(document, citizen=citizen)
    areas = ()
    if editable and journey_map is not None and step_rows is not None:
        areas = canvas_areas(journey_map=journey_map, document=document,
                             hotspots=scene.hotspots, step_ids=[row.pk for row in step_rows])
    return MapView(
        document=document,
        grid=build_grid(steps=document.map.steps, step_rows=step_rows, earlier=earlier,
                        editable=editable, stages=document.map.stages,
                        custom_lanes=document.map.lanes),
        picture_src=svg_data_uri(scene_to_svg(scene)),
        picture_alt=f"{picture_title(document)}. The table view below gives every value in words.",
        picture_width=round(scene.width), picture_height=round(scene.height),
        key_src=svg_data_uri(render_key_svg()),
        areas=areas,
        citizen=citizen,
        citizen_rows=tuple(table_rows(citizen)) if citizen else (),
    )


def earlier_map_of(journey_map: JourneyMap) -> schema.JourneyMap | None:
    """The map this one was started from, with its steps, if it still exists."""
    if journey_map.based_on_id is None:
        return None
    earlier = selectors.map_get(organisation=journey_map.organisation,
                                journey_id=journey_map.based_on.journey_id,
                                map_id=journey_map.based_on_id)
    return documents.map_to_schema(earlier)


def stored_map_view(journey_map: JourneyMap, *, editable: bool,
                    citizen: CitizenLines | None = None) -> MapView:
    """The map as stored now (fetched with `selectors.map_get`), ids attached for editing."""
    return map_view_of(documents.document_for(journey_map),
                       step_rows=list(journey_map.steps.all()),
                       earlier=earlier_map_of(journey_map), editable=editable,
                       journey_map=journey_map, citizen=citizen)


def lines_by(request) -> str | None:
    """The segment question whose citizen lines the map page draws (its `by` query).

    An htmx request redraws the picture for a page it did not load itself, so the choice is
    read from that page's address (htmx's HX-Current-URL): an edit in place then keeps the
    lines the person chose instead of dropping them until a reload.
    """
    if request.htmx and request.htmx.current_url:
        return parse_qs(urlsplit(request.htmx.current_url).query).get("by", [None])[0]
    return request.GET.get("by")


def moved_step(view: MapView, query) -> dict:
    """After a move: the sentence saying where the step now is, and the move control to focus
    (the same direction, or the other one once the step reaches an end)."""
    moved, direction = query.get("moved", ""), query.get("direction", "")
    column = next((column for column in view.grid.columns
                   if moved.isdigit() and column.step_id == int(moved)), None)
    if column is None or direction not in {"left", "right"}:
        return {}
    count = len(view.grid.columns)
    if count > 1 and (column.number, direction) in {(1, "left"), (count, "right")}:
        direction = "right" if direction == "left" else "left"
    return {"moved_focus": f"{column.step_id}-{direction}",
            "move_status": f"Step “{column.step.name}” is now step {column.number} of {count}."}
