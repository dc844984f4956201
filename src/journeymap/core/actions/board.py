"""How a board reads a plan of actions: which are overdue, and where each sits on the impact and
effort matrix.

Impact and effort are a three-point scale (1 low, 2 medium, 3 high). An action nobody has rated
is not low: it goes in its own "not rated" row or column, so the matrix never places it by guess.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")

SCALE = {1: "Low", 2: "Medium", 3: "High"}
NOT_RATED = "Not rated"


def is_overdue(*, due_on: datetime.date | None, finished: bool, today: datetime.date) -> bool:
    """Past its due date and neither done nor dropped; an action with no due date never is."""
    return due_on is not None and not finished and due_on < today


@dataclass(frozen=True)
class MatrixCell(Generic[Item]):
    impact: int | None
    effort: int | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class MatrixRow(Generic[Item]):
    label: str
    cells: tuple[MatrixCell[Item], ...]


@dataclass(frozen=True)
class Matrix(Generic[Item]):
    """Rows of impact (high first), columns of effort (low first): quick wins top left."""

    column_labels: tuple[str, ...]
    rows: tuple[MatrixRow[Item], ...]


def _rows(present: Sequence[int | None]) -> list[int | None]:
    # The "not rated" row (and column) appears only when some action needs it.
    return [3, 2, 1, *([None] if None in present else [])]


def impact_effort_matrix(items: Iterable[Item], *, impact: Callable[[Item], int | None],
                         effort: Callable[[Item], int | None]) -> Matrix[Item]:
    """Each item in the cell of its impact and effort, keeping the order they were given in."""
    items = list(items)
    impacts = [impact(item) for item in items]
    efforts = [effort(item) for item in items]
    for value in (*impacts, *efforts):
        if value is not None and value not in SCALE:
            raise ValueError(f"impact and effort are 1 to 3, got {value!r}")
    columns = [1, 2, 3, *([None] if None in efforts else [])]
    rows = []
    for row_level in _rows(impacts):
        cells = tuple(
            MatrixCell(impact=row_level, effort=column_level, items=tuple(
                item for item, i, e in zip(items, impacts, efforts, strict=True)
                if i == row_level and e == column_level))
            for column_level in columns)
        rows.append(MatrixRow(label=SCALE.get(row_level, NOT_RATED), cells=cells))
    return Matrix(column_labels=tuple(SCALE.get(level, NOT_RATED) for level in columns),
                  rows=tuple(rows))
