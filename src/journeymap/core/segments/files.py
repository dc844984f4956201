"""The register as CSV or Excel, both ways, with the same safety rules as map files.

Out: a text cell that a spreadsheet would take for a formula (it starts with = + - @, a tab or a
carriage return) is neutralised. In Excel the cell is stored as text with the quote prefix set;
in CSV, which has no cell types, a `'` is put before it, and before any text that already starts
with `'` so that reading the file back gives exactly the text written.
In: the header row names the columns (in any order); every cell is checked and every problem
collected with its row and column before anything is returned, so an import is all or nothing.
A formula cell in a workbook is refused rather than evaluated. Workbooks are held to the
unpacking limits (`journeymap.core.unpacking`) before openpyxl parses them, and openpyxl parses
XML with defusedxml (a dependency), so entity expansion is off.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from journeymap.core.maps.errors import Problem
from journeymap.core.segments.register import COLUMNS, LEVELS, Column, SegmentRow
from journeymap.core.unpacking import MiB, UnpackLimits, check_zip

REGISTER_SHEET = "Segments"
REGISTER_MAX_ROWS = 5_000
REGISTER_MAX_BYTES = 16 * MiB
NOT_KNOWN = "not known"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_BY_HEADER = {column.header.casefold(): column for column in COLUMNS}


class SegmentFileError(ValueError):
    """A register file could not be read; `.problems` lists every problem, each with its place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        super().__init__(f"The segment register has {len(self.problems)} problem(s):\n{lines}")


# Writing ------------------------------------------------------------------------------------

def _cell_value(row: SegmentRow, column: Column) -> Any:
    value = getattr(row, column.field)
    if column.kind == "level":
        return LEVELS.get(value, "")
    return value


def csv_escape(text: str) -> str:
    """Text as a CSV cell a spreadsheet will not run; `csv_unescape` gives it back exactly."""
    return "'" + text if text.startswith((*_FORMULA_STARTS, "'")) else text


def csv_unescape(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in (*_FORMULA_STARTS, "'"):
        return text[1:]
    return text


def write_register_csv(rows: list[SegmentRow]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the £ sign), one row per segment."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = _cell_value(row, column)
            cells.append("" if value is None else
                         csv_escape(value) if isinstance(value, str) else str(value))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8-sig")


def write_register_xlsx(rows: list[SegmentRow]) -> bytes:
    """One sheet, a header row, one row per segment; unknown figures are empty cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = REGISTER_SHEET
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = (
            30 if column.kind in ("text", "required") else 16)
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS, start=1):
            value = _cell_value(row, column)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=index)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.quotePrefix = True
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
    sheet.freeze_panes = "C2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Reading ------------------------------------------------------------------------------------

class _Problems:
    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.found: list[Problem] = []

    def add(self, message: str, *, row: int | None = None, column: str = "",
            field: str = "") -> None:
        self.found.append(Problem(message=message, sheet=self.sheet, row=row, column=column,
                                  field=field))


def _number(value: Any, column: Column) -> Decimal:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(",", "").removeprefix("£")
        if column.kind == "percent":
            text = text.removesuffix("%").strip()
        number = Decimal(text)
    if not number.is_finite() or number < 0:
        raise ValueError
    return number


def _convert(value: Any, column: Column) -> Any:
    """A cell as the field wants it; raises ValueError when it is not what the column holds."""
    blank = value is None or (isinstance(value, str) and (
        not value.strip() or value.strip().casefold() == NOT_KNOWN))
    if column.kind in ("text", "required"):
        if isinstance(value, bool):
            raise ValueError
        if value is None:
            text = ""
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = value if isinstance(value, str) else str(value)
        if column.kind == "required" and not text.strip():
            raise ValueError
        return text.strip() if column.kind == "required" else text
    if blank:
        return "" if column.kind == "level" else None
    if column.kind == "level":
        wanted = str(value).strip().casefold()
        if wanted not in LEVELS:
            raise ValueError
        return wanted
    try:
        number = _number(value, column)
    except (InvalidOperation, ValueError):
        raise ValueError from None
    if column.kind == "count":
        if number != number.to_integral_value():
            raise ValueError
        return int(number)
    if column.kind == "percent" and number > 100:
        raise ValueError
    return number.quantize(Decimal("0.01"))


def _rows_from_table(table: list[list[Any]], problems: _Problems) -> list[SegmentRow]:
    if not table or all(cell in (None, "") for cell in table[0]):
        problems.add("the first row must name the columns, e.g. " + ", ".join(
            repr(column.header) for column in COLUMNS[:3]), row=1)
        return []
    columns: list[Column | None] = []
    for index, header in enumerate(table[0]):
        letter = get_column_letter(index + 1)
        text = "" if header is None else str(header).strip()
        column = _BY_HEADER.get(text.casefold())
        if text and column is None:
            problems.add(f"unknown column {text!r}; expected one of "
                         + ", ".join(repr(known.header) for known in COLUMNS), row=1,
                         column=letter)
        if column is not None and column in columns:
            problems.add(f"column {text!r} appears twice", row=1, column=letter)
            column = None
        columns.append(column)
    if not any(column is not None and column.field == "name" for column in columns):
        problems.add("no 'Segment' column: every row needs the segment's name", row=1)
        return []
    body = [(number, cells) for number, cells in enumerate(table[1:], start=2)
            if any(cell not in (None, "") for cell in cells)]
    if len(body) > REGISTER_MAX_ROWS:
        problems.add(f"{len(body):,} segments is more than the {REGISTER_MAX_ROWS:,} a register "
                     "may hold")
        return []
    rows, seen = [], {}
    for number, cells in body:
        values: dict[str, Any] = {}
        for index, column in enumerate(columns):
            if column is None:
                continue
            cell = cells[index] if index < len(cells) else None
            try:
                values[column.field] = _convert(cell, column)
            except ValueError:
                problems.add(f"expected {column.expected}, got {cell!r}", row=number,
                             column=get_column_letter(index + 1), field=column.header)
        name = values.get("name")
        if name:
            key = name.casefold()
            if key in seen:
                problems.add(f"segment {name!r} is already on row {seen[key]}",
                             row=number, field="Segment")
            seen[key] = number
            rows.append(SegmentRow(**values))
    return rows


def _csv_table(data: bytes, problems: _Problems) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add(f"not UTF-8 text (byte {error.start + 1}); save the file as CSV UTF-8")
        return []
    if "\x00" in text:
        problems.add("holds NUL bytes: not a CSV file")
        return []
    try:
        return [[csv_unescape(cell) for cell in row]
                for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        problems.add(f"not a readable CSV file: {error}")
        return []


def _refusal(message: str) -> SegmentFileError:
    return SegmentFileError([Problem(message=message)])


def _xlsx_table(data: bytes, limits: UnpackLimits, problems: _Problems) -> list[list[Any]]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refusal("not an Excel .xlsx file (expected a workbook saved as .xlsx)")
    try:
        check_zip(io.BytesIO(data), name="the workbook", limits=limits, error=_refusal)
        book = load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except SegmentFileError:
        raise
    except Exception as error:  # openpyxl raises many types for damaged files
        raise _refusal(f"not a readable .xlsx workbook: {error}") from error
    sheet = book[REGISTER_SHEET] if REGISTER_SHEET in book.sheetnames else book.worksheets[0]
    problems.sheet = sheet.title
    table = []
    for row in sheet.iter_rows():
        cells = []
        for cell in row:
            if cell.data_type == "f":
                problems.add("a formula; type the value itself (formulas are not imported)",
                             row=cell.row, column=cell.column_letter)
                cells.append(None)
            elif isinstance(cell.value, float | int) and not isinstance(cell.value, bool) and (
                    "%" in (cell.number_format or "")):
                # A cell formatted as a percentage holds 0.35 for 35%.
                cells.append(Decimal(str(cell.value)) * 100)
            else:
                cells.append(cell.value)
        table.append(cells)
    return table


def read_register(*, name: str, data: bytes,
                  limits: UnpackLimits | None = None) -> list[SegmentRow]:
    """The segments in a .csv or .xlsx register file, or SegmentFileError listing every problem.

    `limits` defaults to `REGISTER_MAX_BYTES` unpacked and the environment's other limits.
    """
    lowered = name.lower()
    if lowered.endswith(".csv"):
        problems = _Problems("")
        table = _csv_table(data, problems)
    elif lowered.endswith(".xlsx"):
        problems = _Problems(REGISTER_SHEET)
        chosen = limits or UnpackLimits.from_environment(max_unpacked_bytes=REGISTER_MAX_BYTES)
        table = _xlsx_table(data, chosen, problems)
    else:
        raise _refusal(f"{name!r}: expected a .csv or .xlsx file")
    rows = _rows_from_table(table, problems) if table else []
    if problems.found:
        raise SegmentFileError(problems.found)
    if not rows:
        raise _refusal("the file holds no segments below its header row")
    return rows
