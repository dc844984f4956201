"""A linked dataset's figures as the map page shows them: a data lane in a picture of the map,
and the same figures in a table, in words.

The data lane is a custom lane made at render time (`schema.CustomLane`), never stored in the
map: it is the dataset's shared (suppressed) figures, so it changes with the data, and no user
can edit it as text. A contact figure the dataset cannot give (no contact definition) reads
"not known", never 0.
"""

from dataclasses import dataclass

from journeymap.core.analytics import StepFigures, StepFiguresResult, count_text, duration_text
from journeymap.core.maps import render_svg, schema
from journeymap.web.datasets import selectors
from journeymap.web.datasets.models import MapLink
from journeymap.web.journeys.map_pages import svg_data_uri
from journeymap.web.journeys.models import JourneyMap

NOT_KNOWN = "not known"
NOT_LINKED = "no activity linked"


def _contact_text(value) -> str:
    return NOT_KNOWN if value is None else count_text(value)


@dataclass(frozen=True)
class StepRow:
    number: int
    step_pk: int
    name: str
    activities: tuple[str, ...]
    cases_reaching: str
    contacts: str
    repeat_contacts: str
    avoidable_contacts: str
    time_to_next_step: str
    supported_by_data: bool

    @property
    def linked(self) -> bool:
        return bool(self.activities)


@dataclass(frozen=True)
class LinkedFigures:
    link: MapLink
    route: tuple[tuple[str, str], ...]
    contact_definition: str
    rows: tuple[StepRow, ...]
    picture_src: str
    picture_alt: str


def lane_text(step: StepFigures) -> str:
    """What the data lane says in one step's cell."""
    if not step.activities:
        return NOT_LINKED
    return "\n".join((
        f"{count_text(step.cases_reaching)} cases reached it",
        f"{_contact_text(step.contacts)} contacts",
        f"{_contact_text(step.repeat_contacts)} repeat, "
        f"{_contact_text(step.avoidable_contacts)} avoidable",
        f"{duration_text(step.median_seconds_to_next_step)} to the next step (median)",
    ))


def with_data_lane(document: schema.MapDocument, *, lane_id: str, lane_name: str,
                   figures: StepFiguresResult) -> schema.MapDocument:
    """A copy of the map with one more custom lane holding the figures of each step."""
    text_of = {step.id: lane_text(step) for step in figures.steps}
    data = document.model_dump(mode="json")
    data["map"]["lanes"] = [*data["map"]["lanes"],
                            {"id": lane_id, "name": lane_name, "kind": "text"}]
    for step in data["map"]["steps"]:
        step["lanes"] = {**step["lanes"], lane_id: text_of.get(step["id"], NOT_LINKED)}
    return schema.MapDocument.model_validate(data)


def _route(figures: StepFiguresResult) -> tuple[tuple[str, str], ...]:
    route = figures.route
    return (
        ("Cases in the dataset", count_text(route.cases)),
        ("Cases that reached a linked step", count_text(route.cases_mapped)),
        ("Followed the mapped order", count_text(route.cases_following_map)),
        ("Skipped one or more steps", count_text(route.cases_skipping_steps)),
        ("Went back to an earlier step", count_text(route.cases_going_back)),
    )


def linked_figures(*, journey_map: JourneyMap, document: schema.MapDocument
                   ) -> tuple[LinkedFigures, ...]:
    """The figures of every ready dataset linked to `journey_map` (fetched by `map_get`, whose
    schema document is `document`)."""
    steps = list(journey_map.steps.all())
    shown = []
    for link in selectors.map_links_of(journey_map=journey_map):
        figures = selectors.map_link_figures(link=link, journey_map=journey_map)
        if figures is None:
            continue
        lane_id = f"dataset-{link.dataset_id}"
        picture = with_data_lane(document, lane_id=lane_id, figures=figures,
                                 lane_name=f"From the data: {link.dataset.name}")
        rows = tuple(
            StepRow(number=index, step_pk=step.pk, name=figure.name,
                    activities=figure.activities,
                    cases_reaching=count_text(figure.cases_reaching),
                    contacts=_contact_text(figure.contacts),
                    repeat_contacts=_contact_text(figure.repeat_contacts),
                    avoidable_contacts=_contact_text(figure.avoidable_contacts),
                    time_to_next_step=duration_text(figure.median_seconds_to_next_step),
                    supported_by_data=(step.key in link.supported_steps
                                       and step.provenance == schema.Provenance.DATA.value))
            for index, (step, figure) in enumerate(zip(steps, figures.steps, strict=True),
                                                   start=1))
        shown.append(LinkedFigures(
            link=link, route=_route(figures), rows=rows,
            contact_definition=figures.contact_definition or (
                "The dataset does not say which events are citizen contacts, so contact "
                "figures are not known."),
            picture_src=svg_data_uri(render_svg(picture, lanes=[lane_id])),
            picture_alt=(f"The steps of {journey_map.title} with the figures of "
                         f"{link.dataset.name}; the table below gives them in words.")))
    return tuple(shown)
