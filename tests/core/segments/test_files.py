"""The register as CSV and Excel: round trips (hypothesis), formulas neutralised on the way
out, every bad cell named on the way in, hostile workbooks refused."""

import csv
import io
import zipfile
from dataclasses import fields
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from journeymap.core.segments import (
    COLUMNS,
    SegmentFileError,
    SegmentRow,
    read_register,
    write_register_csv,
    write_register_xlsx,
)
from journeymap.core.segments.files import csv_escape, csv_unescape
from journeymap.core.unpacking import UnpackLimits

# Text a spreadsheet can hold: no NUL or other C0 controls but tab and newline, which Excel
# and the map schema refuse too.
cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"
                                  + "".join(chr(c) for c in range(1, 32) if c not in (9, 10))),
                    max_size=40)
counts = st.none() | st.integers(min_value=0, max_value=10**9)
money = st.none() | st.decimals(min_value=0, max_value=10**9, places=2)
percents = st.none() | st.decimals(min_value=0, max_value=100, places=2)
levels = st.sampled_from(["", "high", "medium", "low"])
names = cell_text.map(str.strip).filter(lambda text: text and text.casefold() != "not known")

segment_rows = st.builds(
    SegmentRow, name=names, group=cell_text, current_service=cell_text, needs=cell_text,
    characteristics=cell_text, consultations=cell_text, priority=levels, size=counts,
    dissatisfied_percent=percents, complaints=counts, journeys_per_year=counts,
    cost_to_serve=money, vulnerability=levels, greatest_need_notes=cell_text)
registers = st.lists(segment_rows, min_size=1, max_size=5,
                     unique_by=lambda row: row.name.casefold())


def test_every_field_has_one_column():
    assert sorted(column.field for column in COLUMNS) == sorted(
        field.name for field in fields(SegmentRow))


@settings(max_examples=60, deadline=None)
@given(registers)
def test_csv_round_trip_gives_back_exactly_what_was_written(rows):
    assert read_register(name="r.csv", data=write_register_csv(rows)) == rows


@settings(max_examples=30, deadline=None)
@given(registers)
def test_excel_round_trip_gives_back_exactly_what_was_written(rows):
    assert read_register(name="r.xlsx", data=write_register_xlsx(rows)) == rows


@given(cell_text)
def test_csv_escape_is_undone_exactly_and_leaves_no_formula_start(text):
    escaped = csv_escape(text)
    assert csv_unescape(escaped) == text
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


HOSTILE = SegmentRow(name="=HYPERLINK(\"http://evil\")", group="+1", needs="-2",
                     consultations="@SUM(A1)", greatest_need_notes="'quoted")


def test_csv_export_neutralises_formulas():
    text = write_register_csv([HOSTILE]).decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text)))[1]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert read_register(name="r.csv", data=text.encode()) == [HOSTILE]


def test_excel_export_writes_text_never_formulas():
    sheet = load_workbook(io.BytesIO(write_register_xlsx([HOSTILE]))).active
    written = [cell for cell in sheet[2] if cell.value is not None]
    assert written and all(cell.data_type == "s" for cell in written)


def test_unknown_figures_are_written_blank_and_read_back_as_unknown():
    row = SegmentRow(name="Carers")
    text = write_register_csv([row]).decode("utf-8-sig")
    assert text.splitlines()[1].count(",") == len(COLUMNS) - 1
    assert "0" not in text.splitlines()[1]
    assert read_register(name="r.csv", data=text.encode())[0].size is None


def _csv(*lines: str) -> bytes:
    return "\r\n".join(lines).encode()


def test_headers_in_any_order_and_not_known_read_as_unknown():
    rows = read_register(name="r.CSV", data=_csv(
        "Complaints a year,Segment,Dissatisfied (%),Priority",
        "not known,Carers,35%,High", "12,Students,,low"))
    assert [(r.name, r.complaints, r.dissatisfied_percent, r.priority) for r in rows] == [
        ("Carers", None, Decimal("35.00"), "high"), ("Students", 12, None, "low")]


def test_every_bad_cell_is_named_by_row_and_column_and_nothing_is_returned():
    with pytest.raises(SegmentFileError) as caught:
        read_register(name="r.csv", data=_csv(
            "Segment,Number of customers,Dissatisfied (%),Priority,Colour",
            "Carers,-3,120,urgent,red", ",5,,,", "carers,1.5,,,"))
    messages = [str(problem) for problem in caught.value.problems]
    assert messages == [
        "cell E1: unknown column 'Colour'; expected one of " + ", ".join(
            repr(column.header) for column in COLUMNS),
        "cell B2, Number of customers: expected a whole number, 0 or more, or blank (not "
        "known), got '-3'",
        "cell C2, Dissatisfied (%): expected a percentage from 0 to 100, or blank (not known), "
        "got '120'",
        "cell D2, Priority: expected High, Medium, Low or blank (not known), got 'urgent'",
        "cell A3, Segment: expected the segment's name (it cannot be blank), got ''",
        "cell B4, Number of customers: expected a whole number, 0 or more, or blank (not "
        "known), got '1.5'",
        "row 4, Segment: segment 'carers' is already on row 2",
    ]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("r.txt", b"Segment\nA", "expected a .csv or .xlsx file"),
    ("r.csv", b"Segment\n", "holds no segments"),
    ("r.csv", b"Segment\n\xff", "not UTF-8"),
    ("r.csv", b"Size\nA", "no 'Segment' column"),
    ("r.xlsx", b"Segment\nA", "not an Excel .xlsx file"),
])
def test_unreadable_files_get_one_clear_problem(name, data, message):
    with pytest.raises(SegmentFileError, match=message):
        read_register(name=name, data=data)


def _workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_in_a_workbook_is_refused_not_evaluated():
    data = _workbook(["Segment", "Number of customers"], ["Carers", "=1+1"])
    with pytest.raises(SegmentFileError, match=r"cell B2: a formula"):
        read_register(name="r.xlsx", data=data)


def test_a_percentage_formatted_cell_reads_as_its_percentage():
    book = Workbook()
    book.active.append(["Segment", "Dissatisfied (%)"])
    book.active.append(["Carers", 0.35])
    book.active["B2"].number_format = "0%"
    out = io.BytesIO()
    book.save(out)
    assert read_register(name="r.xlsx", data=out.getvalue())[0].dissatisfied_percent == (
        Decimal("35.00"))


def test_a_workbook_that_unpacks_past_the_limit_is_refused():
    data = _workbook(["Segment", "Description of needs"],
                     *([f"Segment {n}", "x" * 30_000] for n in range(10)))
    with pytest.raises(SegmentFileError, match="the workbook"):
        read_register(name="r.xlsx", data=data,
                      limits=UnpackLimits(max_unpacked_bytes=100_000))


def test_a_workbook_with_entity_expansion_is_refused():
    source = zipfile.ZipFile(io.BytesIO(_workbook(["Segment"], ["Carers"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
                           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + content)
            target.writestr(name, content)
    with pytest.raises(SegmentFileError, match=r"not a readable \.xlsx workbook"):
        read_register(name="r.xlsx", data=out.getvalue())
