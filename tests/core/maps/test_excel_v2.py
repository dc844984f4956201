"""Excel carries stages, persona and lanes; imports stay all or nothing with cell errors."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from tests.core.maps.maps_strategies import documents_v2

from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.errors import MapFileError
from journeymap.core.maps.excel import read_workbook, write_workbook
from journeymap.core.maps.schema import CustomLane, LaneKind, MapDocument, Persona, Stage


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents_v2())
def test_any_v2_map_round_trips_through_excel(doc: MapDocument) -> None:
    assert read_workbook(write_workbook(doc)) == doc


def _doc() -> MapDocument:
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.stages = [Stage(id="start", name="=Starting"), Stage(id="learn", name="Learn")]
    for step, stage in zip(doc.map.steps, ["start", "start", "learn", "learn", "learn"],
                           strict=True):
        step.stage = stage
    doc.map.persona = Persona(name="Aisha", needs=["+44 helpline"], goals=["Be covered"])
    doc.map.lanes = [CustomLane(id="cost", name="Cost", kind=LaneKind.NUMBER, unit="GBP"),
                     CustomLane(id="ideas", name="@Opportunities")]
    doc.map.steps[0].lanes = {"cost": 12.5, "ideas": "-Pre-fill"}
    doc.map.steps[1].backstage = "Keys the member"
    return doc


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(sheet, label: str) -> int:
    return next(row for row in range(1, sheet.max_row + 1)
                if sheet.cell(row=row, column=1).value == label)


def test_stages_persona_and_lanes_are_in_their_sheets_and_formula_like_text_stays_text() -> None:
    book = _book(write_workbook(_doc()))
    assert book["Stages"]["B2"].value == "=Starting" and book["Stages"]["B2"].data_type == "s"
    assert book["Persona"]["B1"].value == "Aisha"
    assert book["Persona"][f"B{_row(book['Persona'], 'Needs (one per line)')}"].data_type == "s"
    steps = book["Steps"]
    assert steps.cell(row=_row(steps, "Lane: cost"), column=2).value == 12.5
    ideas = steps.cell(row=_row(steps, "Lane: ideas"), column=2)
    assert ideas.value == "-Pre-fill" and ideas.data_type == "s"
    assert steps.cell(row=_row(steps, "Stage (a stage id from the Stages sheet)"),
                      column=3).value == "start"


def test_a_bad_lane_value_and_an_unknown_lane_row_name_their_cells() -> None:
    book = _book(write_workbook(_doc()))
    steps = book["Steps"]
    steps.cell(row=_row(steps, "Lane: cost"), column=3, value="a lot")
    steps.cell(row=steps.max_row + 1, column=1, value="Lane: nope")
    with pytest.raises(MapFileError) as caught:
        read_workbook(_save(book))
    found = {(problem.sheet, problem.column, problem.row): problem.message
             for problem in caught.value.problems}
    cost_row = _row(steps, "Lane: cost")
    assert "expected a number, got 'a lot'" in found[("Steps", "C", cost_row)]
    assert "names no lane of the Lanes sheet" in found[("Steps", "A", steps.max_row)]


def test_stages_that_are_not_consecutive_are_refused_whole() -> None:
    book = _book(write_workbook(_doc()))
    steps = book["Steps"]
    steps.cell(row=_row(steps, "Stage (a stage id from the Stages sheet)"), column=5,
               value="start")
    with pytest.raises(MapFileError, match="consecutive"):
        read_workbook(_save(book))


def test_a_bad_lane_kind_names_its_cell() -> None:
    book = _book(write_workbook(_doc()))
    book["Lanes"]["C2"] = "Colour"
    with pytest.raises(MapFileError) as caught:
        read_workbook(_save(book))
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.column, problem.row) == ("Lanes", "C", 2)
    assert "Text, Number" in problem.message


def test_a_version_1_workbook_still_reads() -> None:
    doc = load_demo_documents()[0]
    book = _book(write_workbook(doc))
    for title in ("Persona", "Stages", "Lanes"):
        del book[title]
    steps = book["Steps"]
    for label in ("Stage (a stage id from the Stages sheet)", "Frontstage: what staff do",
                  "Backstage: what happens out of sight", "Support systems and policies"):
        steps.delete_rows(_row(steps, label))
    book["Map"].delete_rows(_row(book["Map"], "Lanes hidden in pictures (lane keys or ids, one "
                                               "per line)"))
    assert read_workbook(_save(book)) == doc
