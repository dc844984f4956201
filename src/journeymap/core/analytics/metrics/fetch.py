"""Bringing a metric's (small) result back into Python as plain rows.

Results come back through Arrow rather than pandas: the figures are a few rows each, and not
importing pandas keeps a command-line analysis about half a second and 100 MB lighter.
"""

from __future__ import annotations

from typing import Any

from ibis.expr.types import Table


def rows(expression: Table) -> list[dict[str, Any]]:
    """Every row of `expression` as a dict (NULL as None)."""
    return expression.to_pyarrow().to_pylist()


def one(expression: Table) -> dict[str, Any]:
    """The single row of an aggregate."""
    return rows(expression)[0]
