"""The one error type every map file reader raises, so callers handle bad input in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the format allows.

    JSON problems fill `field` with a path such as ``map.steps[3].emotion``; spreadsheet
    problems also fill `sheet`, `row` (1-based) and `column` (a letter, as Excel shows it).
    """

    message: str
    field: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.column and self.row is not None:
            where.append(f"cell {self.column}{self.row}")
        elif self.row is not None:
            where.append(f"row {self.row}")
        elif self.column:
            where.append(f"column {self.column}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class MapFileError(ValueError):
    """A map file could not be read; `.problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        super().__init__(f"The map file has {len(self.problems)} problem(s):\n{lines}")
