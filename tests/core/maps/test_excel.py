import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from tests.core.maps.maps_strategies import documents

from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.errors import MapFileError
from journeymap.core.maps.excel import read_workbook, template_workbook, write_workbook
from journeymap.core.maps.schema import MapDocument


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_any_map_round_trips_through_excel(doc: MapDocument) -> None:
    assert read_workbook(write_workbook(doc)) == doc


def _demo() -> MapDocument:
    return load_demo_documents()[0]


def _edit(data: bytes, sheet: str, cell: str, value: object) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _problems(data: bytes) -> list:
    with pytest.raises(MapFileError) as caught:
        read_workbook(data)
    return caught.value.problems


def test_formula_like_text_is_stored_as_text_never_a_formula() -> None:
    doc = _demo()
    step = doc.map.steps[0].model_copy(update={"name": '=HYPERLINK("http://x","y")',
                                               "owner": "@SUM(A1)", "responsible": "-2"})
    doc = doc.model_copy(update={"map": doc.map.model_copy(update={"steps": [step]})})
    data = write_workbook(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert all(b"<f>" not in xml and b"<f " not in xml for xml in sheets)
    assert read_workbook(data).map.steps[0] == step


def test_template_has_drop_downs_and_instructions() -> None:
    book = load_workbook(io.BytesIO(template_workbook()))
    assert book.sheetnames == ["Instructions", "Journey", "Map", "Steps", "Persona", "Stages",
                               "Lanes"]
    lists = [v.formula1 for v in book["Steps"].data_validations.dataValidation]
    assert any("Very unhappy" in f for f in lists)
    assert any("Third party or intermediary" in f for f in lists)
    assert any("Reported by customers" in f for f in lists)
    assert any("Partly" in f for f in lists)
    assert any("Medium" in f for f in lists)
    assert "Touchpoint" in " ".join(str(c.value) for c in book["Instructions"]["A"])


def test_filled_template_imports() -> None:
    data = template_workbook()
    for sheet, cell, value in [("Journey", "B1", "Council tax"), ("Journey", "B2", "Paying"),
                               ("Map", "B1", "First map"), ("Map", "B2", "As is"),
                               ("Steps", "C3", "Get the bill"), ("Steps", "C6", "Unhappy"),
                               ("Steps", "C7", "Post or paper"), ("Steps", "C9", "yes")]:
        data = _edit(data, sheet, cell, value)
    doc = read_workbook(data)
    (step,) = doc.map.steps
    assert (step.id, step.name, step.emotion) == ("step-1", "Get the bill", -1)
    assert step.touchpoints[0].moment_of_truth is True


def test_not_an_xlsx_at_all() -> None:
    assert "not an Excel .xlsx file" in _problems(b"name,emotion\nCall,-2\n")[0].message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not a readable .xlsx" in _problems(buffer.getvalue())[0].message


def test_wrong_sheet() -> None:
    book = load_workbook(io.BytesIO(write_workbook(_demo())))
    book["Steps"].title = "Stages"
    out = io.BytesIO()
    book.save(out)
    (problem,) = _problems(out.getvalue())
    assert problem.sheet == "Steps"
    assert "sheet missing" in problem.message


def test_missing_step_name_names_the_cell() -> None:
    (problem,) = _problems(_edit(write_workbook(_demo()), "Steps", "D3", None))
    assert (problem.sheet, problem.column, problem.row) == ("Steps", "D", 3)
    assert problem.field == "map.steps[2].name"


def test_bad_emotion_and_bad_channel_are_both_reported() -> None:
    data = _edit(write_workbook(_demo()), "Steps", "B6", "Ecstatic")
    data = _edit(data, "Steps", "C7", "Carrier pigeon")
    problems = _problems(data)
    assert [(p.column, p.row) for p in problems] == [("B", 6), ("C", 7)]
    assert "Very unhappy" in problems[0].message
    assert "Face to face" in problems[1].message


def test_unknown_row_label() -> None:
    (problem,) = _problems(_edit(write_workbook(_demo()), "Steps", "A4", "Mood"))
    assert (problem.sheet, problem.column, problem.row) == ("Steps", "A", 4)
    assert "unknown row label 'Mood'" in problem.message


def test_duplicate_step_id() -> None:
    (problem,) = _problems(_edit(write_workbook(_demo()), "Steps", "C2", "start-job"))
    assert "repeats the id 'start-job'" in problem.message


def _replace_in_zip(data: bytes, old: bytes, new: bytes) -> bytes:
    """Edit the workbook's XML directly: openpyxl itself truncates text to Excel's limit."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name).replace(old, new))
    return out.getvalue()


def test_text_over_the_cell_limit_is_rejected() -> None:
    data = _edit(write_workbook(_demo()), "Steps", "B4", "MARKER")
    (problem,) = _problems(_replace_in_zip(data, b"MARKER", b"x" * 33_000))
    assert (problem.sheet, problem.column, problem.row) == ("Steps", "B", 4)
    assert "32,767" in problem.message


def test_formula_cell_is_rejected() -> None:
    (problem,) = _problems(_edit(write_workbook(_demo()), "Steps", "B4", "=1+1"))
    assert "formula" in problem.message


def test_bad_number_and_date() -> None:
    data = _edit(write_workbook(_demo()), "Steps", "B25", "an hour")
    data = _edit(data, "Map", "B3", "last Tuesday")
    problems = _problems(data)
    assert {(p.sheet, p.row) for p in problems} == {("Steps", 25), ("Map", 3)}


def test_touchpoint_without_channel() -> None:
    data = _edit(write_workbook(_demo()), "Steps", "B7", None)
    (problem,) = _problems(data)
    assert "no channel" in problem.message


def test_replaces_accepts_commas_or_lines_and_labels_any_case() -> None:
    data = _edit(write_workbook(_demo()), "Steps", "B28", "start-job, payslip\nam-i-in")
    data = _edit(data, "Steps", "A7", "TOUCHPOINT 1: CHANNEL")
    doc = read_workbook(data)
    assert doc.map.steps[0].replaces == ["start-job", "payslip", "am-i-in"]
    assert doc.map.steps[0].touchpoints == _demo().map.steps[0].touchpoints


def test_drop_downs_stay_inside_excel_limits() -> None:
    book = load_workbook(io.BytesIO(write_workbook(_demo())))
    validations = [v for sheet in book.worksheets for v in sheet.data_validations.dataValidation]
    assert validations
    for validation in validations:
        assert len(validation.formula1 or "") <= 257  # 255 plus the quotes
        assert len(validation.errorTitle or "") <= 32
        assert len(validation.error or "") <= 225
