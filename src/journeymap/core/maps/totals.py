"""Totals of figures that some steps leave unknown, which say how much of the map they cover.

An unknown time is not zero minutes: a total names how many steps it counts ("35 min (5 of 10
steps timed)"), and where no step is known it says so rather than showing 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def number_text(value: float) -> str:
    """A number in full (no exponent, no rounding beyond the schema's), thousands separated."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10f}".rstrip("0")


@dataclass(frozen=True)
class KnownTotal:
    """The sum of the known values, with how many of how many steps were known."""

    total: float | None
    known: int
    steps: int

    def text(self, unit: str, *, verb: str = "timed") -> str:
        """E.g. "35 min (5 of 10 steps timed)"; "not known (no step timed)" when none is."""
        if self.total is None:
            return f"not known (no step {verb})"
        amount = f"{number_text(self.total)} {unit}".strip()
        coverage = ("every step" if self.known == self.steps
                    else f"{self.known} of {self.steps} steps")
        return f"{amount} ({coverage} {verb})"


def known_total(values: Sequence[float | None]) -> KnownTotal:
    """The total of the values that are known (None is unknown, 0 is zero)."""
    known = [value for value in values if value is not None]
    return KnownTotal(total=sum(known) if known else None, known=len(known), steps=len(values))
