"""What the map page, the history view and the share page all show: the picture and the grid."""

import base64
from dataclasses import dataclass

from journeymap.core.maps import render_svg, schema
from journeymap.core.maps.text_alternative import picture_title
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.grid import Grid, build_grid
from journeymap.web.journeys.models import JourneyMap


@dataclass(frozen=True)
class MapView:
    document: schema.MapDocument
    grid: Grid
    picture_src: str
    picture_alt: str


def svg_data_uri(svg: str) -> str:
    """An SVG as an <img> source: the page's strict CSP then never meets its style attributes."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def map_view_of(document: schema.MapDocument, *, step_rows: list | None = None,
                earlier: schema.JourneyMap | None = None, editable: bool = False) -> MapView:
    return MapView(
        document=document,
        grid=build_grid(steps=document.map.steps, step_rows=step_rows, earlier=earlier,
                        editable=editable, stages=document.map.stages,
                        custom_lanes=document.map.lanes),
        picture_src=svg_data_uri(render_svg(document)),
        picture_alt=f"{picture_title(document)}. The table view below gives every value in words.",
    )


def earlier_map_of(journey_map: JourneyMap) -> schema.JourneyMap | None:
    """The map this one was started from, with its steps, if it still exists."""
    if journey_map.based_on_id is None:
        return None
    earlier = selectors.map_get(organisation=journey_map.organisation,
                                journey_id=journey_map.based_on.journey_id,
                                map_id=journey_map.based_on_id)
    return documents.map_to_schema(earlier)


def stored_map_view(journey_map: JourneyMap, *, editable: bool) -> MapView:
    """The map as stored now (fetched with `selectors.map_get`), ids attached for editing."""
    return map_view_of(documents.document_for(journey_map),
                       step_rows=list(journey_map.steps.all()),
                       earlier=earlier_map_of(journey_map), editable=editable)
