"""The register's columns, as the guide's table names them plus the figures used to prioritise.

Every figure may be unknown (None): a council rarely knows every segment's size or complaints,
and an unknown must never be read, ranked or written as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: Levels used for a segment's priority and its vulnerability or equality impact; "" is not known.
LEVELS = {"high": "High", "medium": "Medium", "low": "Low"}


@dataclass(frozen=True)
class SegmentRow:
    """One segment as the register's files hold it (the web model has the same field names)."""

    name: str
    group: str = ""
    current_service: str = ""
    needs: str = ""
    characteristics: str = ""
    consultations: str = ""
    priority: str = ""
    size: int | None = None
    dissatisfied_percent: Decimal | None = None
    complaints: int | None = None
    journeys_per_year: int | None = None
    cost_to_serve: Decimal | None = None
    vulnerability: str = ""
    greatest_need_notes: str = ""


@dataclass(frozen=True)
class Column:
    """A column of the register file: its header, the field it fills, and what it holds.

    `kind` is "text", "required" (text that must be there), "level" (one of LEVELS),
    "count" (a whole number, 0 or more), "percent" (0 to 100) or "money" (0 or more, in pounds).
    """

    header: str
    field: str
    kind: str

    @property
    def expected(self) -> str:
        return {
            "text": "text",
            "required": "the segment's name (it cannot be blank)",
            "level": "High, Medium, Low or blank (not known)",
            "count": "a whole number, 0 or more, or blank (not known)",
            "percent": "a percentage from 0 to 100, or blank (not known)",
            "money": "an amount in pounds, 0 or more, or blank (not known)",
        }[self.kind]


COLUMNS: tuple[Column, ...] = (
    Column("Segment group", "group", "text"),
    Column("Segment", "name", "required"),
    Column("Current service", "current_service", "text"),
    Column("Description of needs", "needs", "text"),
    Column("Characteristics to overcome", "characteristics", "text"),
    Column("Consultations and changes made", "consultations", "text"),
    Column("Priority", "priority", "level"),
    Column("Number of customers", "size", "count"),
    Column("Dissatisfied (%)", "dissatisfied_percent", "percent"),
    Column("Complaints a year", "complaints", "count"),
    Column("Journeys a year", "journeys_per_year", "count"),
    Column("Cost to serve a year (£)", "cost_to_serve", "money"),
    Column("Vulnerability or equality impact", "vulnerability", "level"),
    Column("Who has the greatest need", "greatest_need_notes", "text"),
)
