"""Write a map (or a blank template) to .xlsx bytes that open cleanly in Excel and LibreOffice.

Every text cell is written as a string cell with the quote prefix set, whatever it starts with:
openpyxl would otherwise store text beginning with '=' as a formula, and a spreadsheet user
editing a cell that begins '+', '-' or '@' would have it turned into one.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from journeymap.core.maps.excel.layout import (
    INSTRUCTIONS,
    INSTRUCTIONS_SHEET,
    JOURNEY_ROWS,
    JOURNEY_SHEET,
    LANE_COLUMNS,
    LANES_SHEET,
    MAP_ROWS,
    MAP_SHEET,
    PERSONA_ROWS,
    PERSONA_SHEET,
    STAGE_COLUMNS,
    STAGES_SHEET,
    STEPS_SHEET,
    TEMPLATE_STEP_COLUMNS,
    TEMPLATE_TOUCHPOINTS,
    YES_NO,
    FieldRow,
    step_rows,
)
from journeymap.core.maps.schema import EMOTION_LABELS, MapDocument, Step

_HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put_text(sheet: Worksheet, row: int, column: int, text: str) -> None:
    if text == "":
        return
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"  # never a formula, whatever the text starts with
    cell.quotePrefix = True
    cell.alignment = _WRAP


def _put(sheet: Worksheet, row: int, column: int, spec: FieldRow, value: Any) -> None:
    if value is None:
        return
    if spec.kind == "lines" or spec.kind == "ids":
        _put_text(sheet, row, column, "\n".join(value))
    elif spec.kind == "emotion":
        _put_text(sheet, row, column, EMOTION_LABELS[value])
    elif spec.kind == "choice" and spec.choices is not None:
        _put_text(sheet, row, column, spec.choices[value])
    elif spec.kind == "date":
        cell = sheet.cell(row=row, column=column, value=value)
        cell.number_format = "yyyy-mm-dd"
    elif spec.kind in ("number", "integer", "value"):
        sheet.cell(row=row, column=column, value=value)
    else:
        _put_text(sheet, row, column, value)


def _drop_down(sheet: Worksheet, spec: FieldRow, cells: str) -> None:
    if spec.choices is None:
        return
    options = ",".join(str(label) for label in spec.choices.values())
    # Excel refuses a workbook whose list is over 255 characters, or whose error title is over
    # 32 or message over 225 ("We found a problem with some content"), so keep inside them.
    assert len(options) <= 255, spec.label
    validation = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True,
                                showErrorMessage=True, error=f"Expected {spec.expected}"[:225],
                                errorTitle=spec.label[:32])
    sheet.add_data_validation(validation)
    validation.add(cells)


def _labels(sheet: Worksheet, rows: list[FieldRow] | tuple[FieldRow, ...], first_row: int) -> None:
    for offset, spec in enumerate(rows):
        cell = sheet.cell(row=first_row + offset, column=1, value=spec.label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
    sheet.column_dimensions["A"].width = 42


def _key_value_sheet(book: Workbook, title: str, rows: tuple[FieldRow, ...], model: Any) -> None:
    sheet = book.create_sheet(title)
    _labels(sheet, rows, 1)
    sheet.column_dimensions["B"].width = 70
    for index, spec in enumerate(rows, start=1):
        if model is not None:
            _put(sheet, index, 2, spec, getattr(model, spec.field))
        _drop_down(sheet, spec, f"B{index}")
        if spec.kind == "date":
            validation = DataValidation(type="date", operator="greaterThan", formula1="1",
                                        allow_blank=True, error="Expected a date")
            sheet.add_data_validation(validation)
            validation.add(f"B{index}")


def _step_value(step: Step, spec: FieldRow, touchpoint: int | None) -> Any:
    if spec.field.startswith("lane:"):
        return step.lanes.get(spec.field.removeprefix("lane:"))
    if touchpoint is None:
        return getattr(step, spec.field)
    if touchpoint >= len(step.touchpoints):
        return None
    value = getattr(step.touchpoints[touchpoint], spec.field)
    if spec.field == "moment_of_truth":
        return value if value else None  # blank means No; keeps unused touchpoints blank
    return value


def _touchpoint_index(label: str) -> int | None:
    return int(label.split(":")[0].split()[1]) - 1 if label.startswith("Touchpoint ") else None


def _table_sheet(book: Workbook, title: str, columns: tuple[FieldRow, ...],
                 models: list[Any]) -> None:
    """A sheet with a header row and one row per stage or lane."""
    sheet = book.create_sheet(title)
    for column, spec in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=column, value=spec.label)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = 40
        _drop_down(sheet, spec, f"{letter}2:{letter}200")
        for row, model in enumerate(models, start=2):
            _put(sheet, row, column, spec, getattr(model, spec.field))
    sheet.freeze_panes = "A2"


def _steps_sheet(book: Workbook, steps: list[Step], columns: int, touchpoints: int,
                 lanes: tuple[tuple[str, str], ...]) -> None:
    sheet = book.create_sheet(STEPS_SHEET)
    rows = step_rows(touchpoints, lanes)
    header = sheet.cell(row=1, column=1, value="Row")
    header.font = Font(bold=True)
    _labels(sheet, rows, 2)
    for column in range(2, columns + 2):
        cell = sheet.cell(row=1, column=column, value=f"Step {column - 1}")
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = 32
    last = get_column_letter(columns + 1)
    for offset, spec in enumerate(rows):
        row = offset + 2
        tp_index = _touchpoint_index(spec.label)
        _drop_down(sheet, spec, f"B{row}:{last}{row}")
        for index, step in enumerate(steps):
            value = _step_value(step, spec, tp_index)
            if spec.field == "moment_of_truth" and value is not None:
                _put_text(sheet, row, index + 2, YES_NO[value])
            else:
                _put(sheet, row, index + 2, spec, value)
    sheet.freeze_panes = "B2"


def _instructions(book: Workbook) -> None:
    sheet = book.active
    sheet.title = INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(INSTRUCTIONS, start=1):
        cell = sheet.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)


def _workbook(doc: MapDocument | None) -> bytes:
    book = Workbook()
    _instructions(book)
    _key_value_sheet(book, JOURNEY_SHEET, JOURNEY_ROWS, doc.journey if doc else None)
    _key_value_sheet(book, MAP_SHEET, MAP_ROWS, doc.map if doc else None)
    steps = doc.map.steps if doc else []
    touchpoints = max([TEMPLATE_TOUCHPOINTS, *(len(step.touchpoints) for step in steps)])
    lanes = tuple((lane.id, lane.kind.value) for lane in doc.map.lanes) if doc else ()
    _steps_sheet(book, steps, max(len(steps), TEMPLATE_STEP_COLUMNS), touchpoints, lanes)
    _key_value_sheet(book, PERSONA_SHEET, PERSONA_ROWS, doc.map.persona if doc else None)
    _table_sheet(book, STAGES_SHEET, STAGE_COLUMNS, doc.map.stages if doc else [])
    _table_sheet(book, LANES_SHEET, LANE_COLUMNS, doc.map.lanes if doc else [])
    book.active = 2 if doc is None else 3
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(doc: MapDocument) -> bytes:
    """The map as .xlsx bytes; `read_workbook` gives back the same document."""
    return _workbook(doc)


def template_workbook() -> bytes:
    """A blank workbook with the rows, drop-down lists and instructions, ready to fill in."""
    return _workbook(None)

