"""Read a filled-in workbook back into a `MapDocument`, all or nothing.

Every cell is checked and every problem collected (sheet, cell, what was expected) before any
result is returned; then the schema validates the whole document and its errors are mapped
back to cells. openpyxl parses with defusedxml when it is installed (it is a dependency), so
entity expansion is off. Before openpyxl sees the workbook, its zip is held to the unpacking
limits (`journeymap.core.unpacking`), with an absolute cap sized for a map: openpyxl keeps a
whole workbook, and any run of whitespace in it, in memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from journeymap.core.maps.errors import MapFileError, Problem
from journeymap.core.maps.excel.layout import (
    JOURNEY_ROWS,
    JOURNEY_SHEET,
    LANE_COLUMNS,
    LANE_LABEL,
    LANES_SHEET,
    MAP_ROWS,
    MAP_SHEET,
    PERSONA_ROWS,
    PERSONA_SHEET,
    STAGE_COLUMNS,
    STAGES_SHEET,
    STEP_ROWS_AFTER_TOUCHPOINTS,
    STEP_ROWS_BEFORE_TOUCHPOINTS,
    STEPS_SHEET,
    TOUCHPOINT_LABEL,
    FieldRow,
    lane_row,
    touchpoint_rows,
)
from journeymap.core.maps.schema import SCHEMA_VERSION, MapDocument
from journeymap.core.maps.validation_errors import field_path
from journeymap.core.unpacking import MiB, UnpackLimits, check_zip

MAP_WORKBOOK_MAX_BYTES = 32 * MiB

_Where = tuple[str, int, str]  # sheet, row, column letter


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: _Where, message: str, field: str = "") -> None:
        sheet, row, column = where
        self.problems.append(Problem(sheet=sheet, row=row, column=column, field=field,
                                     message=message))


def _convert(value: Any, spec: FieldRow, where: _Where, errors: _Collector) -> Any:
    """A cell's value as the schema wants it, or None after recording what was expected."""
    if value is None or (isinstance(value, str) and spec.kind != "text" and not value.strip()):
        return None
    bad = f"expected {spec.expected}, got {value!r}"
    if spec.kind in ("text", "required"):
        if isinstance(value, bool | datetime | date):
            errors.add(where, bad, spec.field)
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return value if isinstance(value, str) else str(value)
    if spec.kind == "ids":
        # Ids hold no spaces or commas, so "a, b" and one id per line both work.
        return [part for part in re.split(r"[,\s]+", str(value)) if part]
    if spec.kind == "lines":
        text = value if isinstance(value, str) else str(value)
        return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    if spec.kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            errors.add(where, bad, spec.field)
            return None
    if spec.kind in ("number", "integer", "value"):
        number = value
        if isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if isinstance(number, bool) or not isinstance(number, int | float):
            errors.add(where, bad, spec.field)
            return None
        if spec.kind == "integer":
            if float(number).is_integer():
                return int(number)
            errors.add(where, bad, spec.field)
            return None
        return float(number)
    return _choice(value, spec, where, errors, bad)


def _choice(value: Any, spec: FieldRow, where: _Where, errors: _Collector, bad: str) -> Any:
    assert spec.choices is not None
    text = str(value).strip().casefold()
    for key, label in spec.choices.items():
        if text in (str(label).casefold(), str(key).casefold()):
            return key
    if spec.kind == "emotion" and isinstance(value, int | float) and value in spec.choices:
        return int(value)
    errors.add(where, bad, spec.field)
    return None


def _cell(sheet: Worksheet, row: int, column: int, errors: _Collector) -> Any:
    cell = sheet.cell(row=row, column=column)
    if cell.data_type == "f":
        errors.add((sheet.title, row, get_column_letter(column)),
                   "holds a formula; type the value itself (journeymap never runs formulas)")
        return None
    return cell.value


def _key_values(book: Any, title: str, rows: tuple[FieldRow, ...], errors: _Collector,
                places: dict[str, _Where]) -> dict[str, Any]:
    sheet = book[title]
    by_label = {spec.label.casefold(): spec for spec in rows}
    data: dict[str, Any] = {}
    for row in range(1, sheet.max_row + 1):
        label = sheet.cell(row=row, column=1).value
        if label is None or not str(label).strip():
            continue
        spec = by_label.get(str(label).strip().casefold())
        where = (title, row, "A")
        if spec is None:
            expected = ", ".join(repr(s.label) for s in rows)
            errors.add(where, f"unknown row label {label!r}; expected one of {expected}")
            continue
        if spec.field in data:
            errors.add(where, f"the row {spec.label!r} appears twice")
            continue
        value_where = (title, row, "B")
        places[spec.field] = value_where
        value = _convert(_cell(sheet, row, 2, errors), spec, value_where, errors)
        if value is not None:
            data[spec.field] = value
    return data


def _table(book: Any, title: str, columns: tuple[FieldRow, ...], errors: _Collector,
           places: dict[tuple[int, str], _Where]) -> list[dict[str, Any]]:
    """The rows of a Stages or Lanes sheet (none if the sheet is absent, as in version 1)."""
    if title not in book.sheetnames:
        return []
    sheet = book[title]
    by_label = {spec.label.casefold(): spec for spec in columns}
    specs: dict[int, FieldRow] = {}
    for column in range(1, sheet.max_column + 1):
        label = sheet.cell(row=1, column=column).value
        if label is None or not str(label).strip():
            continue
        spec = by_label.get(str(label).strip().casefold())
        if spec is None:
            expected = ", ".join(repr(s.label) for s in columns)
            errors.add((title, 1, get_column_letter(column)),
                       f"unknown column {label!r}; expected one of {expected}")
        else:
            specs[column] = spec
    rows: list[dict[str, Any]] = []
    for row in range(2, sheet.max_row + 1):
        raw = {column: _cell(sheet, row, column, errors) for column in specs}
        if all(value is None or value == "" for value in raw.values()):
            continue
        index = len(rows)
        values: dict[str, Any] = {}
        for column, spec in specs.items():
            where = (title, row, get_column_letter(column))
            places[(index, spec.field)] = where
            value = _convert(raw[column], spec, where, errors)
            if value is not None:
                values[spec.field] = value
        rows.append(values)
    return rows


def _step_row_specs(sheet: Worksheet, errors: _Collector,
                    lane_kinds: dict[str, str]) -> dict[int, tuple[FieldRow, int | None]]:
    """Row number -> (field spec, touchpoint index or None), from the labels in column A."""
    fixed = {spec.label.casefold(): spec for spec in
             (*STEP_ROWS_BEFORE_TOUCHPOINTS, *STEP_ROWS_AFTER_TOUCHPOINTS)}
    specs: dict[int, tuple[FieldRow, int | None]] = {}
    seen: set[str] = set()
    for row in range(2, sheet.max_row + 1):
        label = sheet.cell(row=row, column=1).value
        if label is None or not str(label).strip():
            continue
        text = str(label).strip()
        where = (STEPS_SHEET, row, "A")
        if text.casefold() in seen:
            errors.add(where, f"the row {text!r} appears twice")
            continue
        seen.add(text.casefold())
        match = TOUCHPOINT_LABEL.fullmatch(text)
        lane = LANE_LABEL.fullmatch(text)
        if lane and lane.group(1) in lane_kinds:
            specs[row] = (lane_row(lane.group(1), lane_kinds[lane.group(1)]), None)
        elif lane:
            known = ", ".join(repr(key) for key in lane_kinds) or "none (it is empty)"
            errors.add(where, f"the row {text!r} names no lane of the Lanes sheet; expected one "
                              f"of {known}")
        elif match:
            number = int(match.group(1))
            spec = next(s for s in touchpoint_rows(number) if s.label.casefold() == text.casefold())
            specs[row] = (spec, number - 1)
        elif text.casefold() in fixed:
            specs[row] = (fixed[text.casefold()], None)
        else:
            errors.add(where, f"unknown row label {text!r}; use the labels of the template "
                              "(see the Instructions sheet)")
    if not any(spec.field == "name" and tp is None for spec, tp in specs.values()):
        errors.add((STEPS_SHEET, 1, "A"), "no 'Key journey step' row: every map needs step names")
    return specs


def _steps(book: Any, errors: _Collector, places: dict[tuple[int, str], _Where],
           tp_places: dict[tuple[int, int, str], _Where],
           lane_kinds: dict[str, str]) -> list[dict[str, Any]]:
    sheet = book[STEPS_SHEET]
    specs = _step_row_specs(sheet, errors, lane_kinds)
    steps: list[dict[str, Any]] = []
    for column in range(2, sheet.max_column + 1):
        letter = get_column_letter(column)
        raw = {row: _cell(sheet, row, column, errors) for row in specs}
        if all(value is None or value == "" for value in raw.values()):
            continue  # an unused template column
        index = len(steps)
        step: dict[str, Any] = {}
        touchpoints: dict[int, dict[str, Any]] = {}
        broken: set[int] = set()
        for row, (spec, tp_index) in specs.items():
            where = (STEPS_SHEET, row, letter)
            value = _convert(raw[row], spec, where, errors)
            if spec.field.startswith("lane:"):
                places[(index, spec.field)] = where
                if value is not None:
                    step.setdefault("lanes", {})[spec.field.removeprefix("lane:")] = value
            elif tp_index is None:
                places[(index, spec.field)] = where
                if value is not None:
                    step[spec.field] = value
            else:
                tp_places[(index, tp_index, spec.field)] = where
                if value is not None:
                    touchpoints.setdefault(tp_index, {})[spec.field] = value
                elif raw[row] not in (None, ""):
                    broken.add(tp_index)  # already reported by _convert
        step.setdefault("id", f"step-{index + 1}")
        usable = {tp: values for tp, values in touchpoints.items() if tp not in broken}
        step["touchpoints"] = _touchpoint_list(usable, index, tp_places, errors)
        steps.append(step)
    return steps


def _touchpoint_list(touchpoints: dict[int, dict[str, Any]], step_index: int,
                     tp_places: dict[tuple[int, int, str], _Where],
                     errors: _Collector) -> list[dict[str, Any]]:
    result = []
    for tp_index in sorted(touchpoints):
        touchpoint = touchpoints[tp_index]
        if "channel" not in touchpoint:
            where = tp_places.get((step_index, tp_index, "channel"), (STEPS_SHEET, 1, ""))
            errors.add(where, f"touchpoint {tp_index + 1} has a description or moment of truth "
                              "but no channel; expected a channel from the list")
            continue
        result.append(touchpoint)
    return result


def _refuse(message: str) -> MapFileError:
    return MapFileError([Problem(message=message)])


def _open(data: bytes, limits: UnpackLimits) -> Any:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse("not an Excel .xlsx file (expected a workbook saved as Excel 2007-365 .xlsx)")
    try:
        check_zip(io.BytesIO(data), name="the workbook", limits=limits, error=_refuse)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as error:
        raise _refuse(f"not a readable .xlsx workbook: {error}") from error
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise MapFileError([Problem(message=f"not a readable .xlsx workbook: {error}")]) from error


def read_workbook(data: bytes, *, limits: UnpackLimits | None = None) -> MapDocument:
    """The map in a workbook made by `write_workbook` or filled in from `template_workbook`.

    `limits` defaults to `MAP_WORKBOOK_MAX_BYTES` unpacked and the environment's other limits.
    """
    chosen = limits or UnpackLimits.from_environment(max_unpacked_bytes=MAP_WORKBOOK_MAX_BYTES)
    book = _open(data, chosen)
    missing = [name for name in (JOURNEY_SHEET, MAP_SHEET, STEPS_SHEET)
               if name not in book.sheetnames]
    if missing:
        raise MapFileError([
            Problem(sheet=name, message=f"sheet missing; expected sheets {JOURNEY_SHEET!r}, "
                                        f"{MAP_SHEET!r} and {STEPS_SHEET!r} (found "
                                        f"{', '.join(map(repr, book.sheetnames))})")
            for name in missing
        ])
    errors = _Collector()
    journey_places: dict[str, _Where] = {}
    map_places: dict[str, _Where] = {}
    step_places: dict[tuple[int, str], _Where] = {}
    tp_places: dict[tuple[int, int, str], _Where] = {}
    persona_places: dict[str, _Where] = {}
    stage_places: dict[tuple[int, str], _Where] = {}
    lane_places: dict[tuple[int, str], _Where] = {}
    journey = _key_values(book, JOURNEY_SHEET, JOURNEY_ROWS, errors, journey_places)
    journey_map = _key_values(book, MAP_SHEET, MAP_ROWS, errors, map_places)
    if PERSONA_SHEET in book.sheetnames:
        persona = _key_values(book, PERSONA_SHEET, PERSONA_ROWS, errors, persona_places)
        if persona:
            journey_map["persona"] = persona
    journey_map["stages"] = _table(book, STAGES_SHEET, STAGE_COLUMNS, errors, stage_places)
    journey_map["lanes"] = _table(book, LANES_SHEET, LANE_COLUMNS, errors, lane_places)
    lane_kinds = {str(lane["id"]): str(lane.get("kind", "text"))
                  for lane in journey_map["lanes"] if "id" in lane}
    journey_map["steps"] = _steps(book, errors, step_places, tp_places, lane_kinds)
    if errors.problems:
        raise MapFileError(errors.problems)
    raw = {"schema": "journeymap.map", "schema_version": SCHEMA_VERSION, "journey": journey,
           "map": journey_map}
    try:
        return MapDocument.model_validate(raw)
    except ValidationError as error:
        places = (journey_places, map_places, step_places, tp_places, persona_places,
                  stage_places, lane_places)
        raise MapFileError(_cell_problems(error, places)) from error


def _cell_problems(error: ValidationError, places: tuple[dict, ...]) -> list[Problem]:
    (journey_places, map_places, step_places, tp_places, persona_places, stage_places,
     lane_places) = places
    problems = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        where: _Where | None = None
        if loc[:2] == ("map", "persona") and len(loc) > 2:
            where = persona_places.get(str(loc[2]))
        elif loc[:2] in (("map", "stages"), ("map", "lanes")) and len(loc) > 3:
            table = stage_places if loc[1] == "stages" else lane_places
            where = table.get((loc[2], str(loc[3])))
        elif loc[:2] == ("map", "steps") and len(loc) > 4 and loc[3] == "lanes":
            where = step_places.get((loc[2], f"lane:{loc[4]}"))
        elif loc[:1] == ("journey",) and len(loc) > 1:
            where = journey_places.get(str(loc[1]), (JOURNEY_SHEET, 0, "B"))
        elif loc[:2] == ("map", "steps") and len(loc) > 3 and loc[3] == "touchpoints":
            where = tp_places.get((loc[2], loc[4], str(loc[5]) if len(loc) > 5 else "channel"))
        elif loc[:2] == ("map", "steps") and len(loc) > 3:
            where = step_places.get((loc[2], str(loc[3])))
        elif loc[:2] == ("map", "steps") and len(loc) == 3:
            where = step_places.get((loc[2], "name"))
        elif loc[:1] == ("map",) and len(loc) > 1:
            where = map_places.get(str(loc[1]))
        message = str(item["msg"]).removeprefix("Value error, ")
        sheet, row, column = where if where else ("", None, "")
        if item["type"] == "missing" and where is None:
            sheet = {"journey": JOURNEY_SHEET, "map": MAP_SHEET}.get(str(loc[0]), "")
            message = f"missing: expected a row for {field_path(tuple(loc))}"
        problems.append(Problem(sheet=sheet, row=row or None, column=column,
                                field=field_path(tuple(loc)), message=message))
    return problems
