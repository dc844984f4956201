"""Turn pydantic's errors into problems a council officer can act on.

Pydantic locates an error as a tuple such as ``("map", "steps", 3, "emotion")``; people need
``map.steps[3].emotion`` and the step's name, because step numbers shift while a map is edited.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from journeymap.core.maps.errors import Problem


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("map", "steps", 3, "emotion")`` -> ``"map.steps[3].emotion"``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def step_name(raw: Any, loc: tuple[int | str, ...]) -> str | None:
    """The name of the step an error is in, read from the raw input, if there is one."""
    try:
        index = loc.index("steps")
        step = raw["map"]["steps"][loc[index + 1]] if loc[0] == "map" else None
    except (ValueError, IndexError, KeyError, TypeError):
        return None
    name = step.get("name") if isinstance(step, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def _message(error: Any) -> str:
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def problems_from_validation_error(error: ValidationError, raw: Any) -> list[Problem]:
    """One `Problem` per pydantic error, naming the field path and the step's name."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not str(part).startswith("function-"))
        loc = tuple(part for part in loc if part not in ("int", "float", "str"))
        message = _message(item)
        name = step_name(raw, loc)
        if name is not None:
            message = f"step {name!r}: {message}"
        if item["type"] != "missing" and "input" in item and _short(item["input"]):
            message = f"{message} (got {_short(item['input'])})"
        problems.append(Problem(message=message, field=field_path(loc)))
    return problems


def _short(value: Any) -> str:
    if isinstance(value, dict | list):
        return ""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
