"""The pack's sections built from what the journey already holds: its segment, the research done,
its maps and what citizens said of them. Each says "none recorded" when there is nothing, so an
assessor can tell an empty part from a missing one."""

from dataclasses import dataclass
from functools import cached_property

from journeymap.core.maps import render_print_pages, render_svg, schema, text_alternative
from journeymap.core.segments import COLUMNS, LEVELS
from journeymap.web.accounts.models import Organisation
from journeymap.web.feedback.selectors import MapFeedbackSummary, map_summary
from journeymap.web.journeys import documents
from journeymap.web.journeys.map_pages import svg_data_uri
from journeymap.web.journeys.models import Journey
from journeymap.web.packs import selectors
from journeymap.web.packs.sections import PackSection


@dataclass(frozen=True)
class RegisterValue:
    """One column of the segment's register row, as words; `known` is False for "not known"."""

    header: str
    text: str
    known: bool


def _register_value(segment, column) -> RegisterValue:
    value = getattr(segment, column.field)
    if value is None or value == "":
        return RegisterValue(column.header, "", known=False)
    if column.kind == "level":
        return RegisterValue(column.header, LEVELS[value], known=True)
    if column.kind == "money":
        return RegisterValue(column.header, f"£{value:,.2f}", known=True)
    if column.kind == "percent":
        return RegisterValue(column.header, f"{value.normalize():f}%", known=True)
    if column.kind == "count":
        return RegisterValue(column.header, f"{value:,}", known=True)
    return RegisterValue(column.header, value, known=True)


def segment_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    segment = journey.mapped_segment
    rows = [_register_value(segment, column) for column in COLUMNS] if segment else []
    return PackSection(key="segment", title="The customer segment",
                       template_name="packs/sections/segment.html",
                       context={"segment": segment, "rows": rows,
                                "wording": journey.segment})


def research_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    activities = list(selectors.research_for_journey(organisation=organisation, journey=journey))
    return PackSection(key="research", title="The research done",
                       template_name="packs/sections/research.html",
                       context={"activities": activities})


@dataclass(frozen=True)
class MapFigure:
    """One map as the pack shows it. The pictures are drawn only when a template asks: the page
    shows the SVG as an image (its strict CSP refuses inline SVG's style attributes), the PDF
    holds it inline (WeasyPrint fetches nothing) and prints the map's own A3 pages, every word
    of the map on them."""

    document: schema.MapDocument

    @property
    def title(self) -> str:
        return self.document.map.title

    @property
    def kind(self) -> str:
        return self.document.map.kind.label

    @property
    def steps(self) -> list[schema.Step]:
        return self.document.map.steps

    @cached_property
    def picture_src(self) -> str:
        return svg_data_uri(render_svg(self.document))

    @cached_property
    def emotion_svg(self) -> str:
        """The emotion curve: the map's own heartbeat lane, drawn by the map renderer."""
        return render_svg(self.document, lanes=["heartbeat"])

    @property
    def emotion_src(self) -> str:
        return svg_data_uri(self.emotion_svg)

    @cached_property
    def print_pages(self) -> str:
        return render_print_pages(self.document)

    @cached_property
    def description(self) -> str:
        return text_alternative(self.document)


def maps_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    figures = [MapFigure(documents.document_for(journey_map))
               for journey_map in selectors.maps_for_journey(journey=journey)]
    return PackSection(key="maps", title="The maps: as it is and as it should be",
                       template_name="packs/sections/maps.html", context={"figures": figures})


@dataclass(frozen=True)
class MapFeedback:
    title: str
    summary: MapFeedbackSummary


def feedback_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    maps = [MapFeedback(journey_map.title, map_summary(journey_map=journey_map))
            for journey_map in selectors.maps_for_journey(journey=journey)]
    return PackSection(key="feedback", title="Citizens' ratings",
                       template_name="packs/sections/feedback.html",
                       context={"maps": [each for each in maps if each.summary.responses]})
