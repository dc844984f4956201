"""What goes where in the workbook: sheet names, row labels and the drop-down lists.

Writer and reader both follow these tables, so a label changed here changes both. Touchpoints
take three rows each ("Touchpoint 1: channel", ": description", ": moment of truth") so that the
channel can be a real drop-down list; a workbook has as many touchpoint rows as it needs.
Schema version 2 adds the Persona sheet (labelled rows, like Journey), the Stages and Lanes
sheets (a row per stage or custom lane), and on the Steps sheet a Stage row, the blueprint's
rows and a "Lane: <id>" row per custom lane. A workbook without them (version 1) still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeymap.core.maps.schema import (
    AVOIDABLE_LABELS,
    CHANNEL_LABELS,
    EMOTION_LABELS,
    LEVEL_LABELS,
    MAP_KIND_LABELS,
    PROVENANCE_LABELS,
)

INSTRUCTIONS_SHEET = "Instructions"
JOURNEY_SHEET = "Journey"
MAP_SHEET = "Map"
STEPS_SHEET = "Steps"
PERSONA_SHEET = "Persona"
STAGES_SHEET = "Stages"
LANES_SHEET = "Lanes"
TEMPLATE_STEP_COLUMNS = 12
TEMPLATE_TOUCHPOINTS = 3
YES_NO = {True: "Yes", False: "No"}


@dataclass(frozen=True)
class FieldRow:
    """One labelled row: the schema field it holds and how its cell is written and read."""

    field: str
    label: str
    kind: str  # text, required, lines, date, choice, integer, number, value, emotion, ids
    choices: dict | None = None

    @property
    def expected(self) -> str:
        if self.choices is not None:
            return "one of: " + ", ".join(str(v) for v in self.choices.values())
        return {
            "text": "text",
            "required": "text (required)",
            "lines": "text, one item per line",
            "date": "a date (YYYY-MM-DD)",
            "integer": "a whole number, 0 or more",
            "number": "a number of minutes, 0 or more",
            "value": "a number",
            "ids": "step ids (letters, digits, - or _), one per line",
        }[self.kind]


JOURNEY_ROWS = (
    FieldRow("service", "Service", "required"),
    FieldRow("title", "Journey title", "required"),
    FieldRow("segment", "Customer segment", "text"),
    FieldRow("trigger", "Trigger (what starts the journey)", "text"),
    FieldRow("outcome", "End outcome for the customer", "text"),
    FieldRow("organisations", "Organisations (one per line)", "lines"),
    FieldRow("departments", "Departments (one per line)", "lines"),
    FieldRow("description", "Description", "text"),
)

MAP_ROWS = (
    FieldRow("title", "Map title", "required"),
    FieldRow("kind", "Kind of map", "choice", dict(MAP_KIND_LABELS)),
    FieldRow("mapped_on", "Mapped on", "date"),
    FieldRow("made_by", "Made by", "text"),
    FieldRow("owner", "Owner", "text"),
    FieldRow("review_by", "Review by", "date"),
    FieldRow("based_on", "Based on (the map this one was copied from or evaluates)", "text"),
    FieldRow("notes", "Notes", "text"),
    FieldRow("hidden_lanes", "Lanes hidden in pictures (lane keys or ids, one per line)", "ids"),
)

PERSONA_ROWS = (
    FieldRow("name", "Persona name", "required"),
    FieldRow("description", "Who they are", "text"),
    FieldRow("needs", "Needs (one per line)", "lines"),
    FieldRow("goals", "Goals (one per line)", "lines"),
    FieldRow("frustrations", "Frustrations (one per line)", "lines"),
    FieldRow("segment_ref", "Segment reference", "text"),
)

#: The columns of the Stages and Lanes sheets, left to right, under a header row.
STAGE_COLUMNS = (
    FieldRow("id", "Stage id", "text"),
    FieldRow("name", "Stage name", "required"),
    FieldRow("description", "Description", "text"),
)
LANE_COLUMNS = (
    FieldRow("id", "Lane id", "text"),
    FieldRow("name", "Lane name", "required"),
    FieldRow("kind", "Kind", "choice", {"text": "Text", "number": "Number"}),
    FieldRow("unit", "Unit", "text"),
)
LANE_LABEL = re.compile(r"Lane: ([A-Za-z0-9_-]{1,64})")

STEP_ROWS_BEFORE_TOUCHPOINTS = (
    FieldRow("id", "Step id", "text"),
    FieldRow("name", "Key journey step", "required"),
    FieldRow("customer_does", "Actions: what the customer does", "text"),
    FieldRow("thoughts_feelings", "Thoughts and feelings", "text"),
    FieldRow("emotion", "Customer experience (heartbeat)", "emotion", dict(EMOTION_LABELS)),
)
STEP_ROWS_AFTER_TOUCHPOINTS = (
    FieldRow("avoidable", "Could this step have been avoided?", "choice", dict(AVOIDABLE_LABELS)),
    FieldRow("avoidable_why", "Why it could have been avoided", "text"),
    FieldRow("pain_points", "Pain points (one per line)", "lines"),
    FieldRow("customer_suggestions", "Customer suggestions (one per line)", "lines"),
    FieldRow("improvement_ideas", "Learning and improvements (one per line)", "lines"),
    FieldRow("owner", "Owner (a person with authority to change it)", "text"),
    FieldRow("responsible", "Department or organisation responsible", "text"),
    FieldRow("importance", "Importance to the customer", "choice", dict(LEVEL_LABELS)),
    FieldRow("impact", "Impact on the experience", "choice", dict(LEVEL_LABELS)),
    FieldRow("time_taken_minutes", "Time taken (minutes)", "number"),
    FieldRow("contacts", "Number of contacts", "integer"),
    FieldRow("provenance", "Provenance (how we know)", "choice", dict(PROVENANCE_LABELS)),
    FieldRow("replaces", "Replaces (ids of steps in the earlier map, one per line)", "ids"),
    # Version 2's rows come last, so a version 1 workbook's rows keep their places.
    FieldRow("stage", "Stage (a stage id from the Stages sheet)", "text"),
    FieldRow("frontstage", "Frontstage: what staff do", "text"),
    FieldRow("backstage", "Backstage: what happens out of sight", "text"),
    FieldRow("support", "Support systems and policies", "text"),
)

TOUCHPOINT_LABEL = re.compile(
    r"Touchpoint (\d{1,3}): (channel|description|moment of truth)", re.IGNORECASE
)


def touchpoint_rows(number: int) -> tuple[FieldRow, FieldRow, FieldRow]:
    """The three rows of touchpoint `number` (1-based)."""
    return (
        FieldRow("channel", f"Touchpoint {number}: channel", "choice", dict(CHANNEL_LABELS)),
        FieldRow("description", f"Touchpoint {number}: description", "text"),
        FieldRow("moment_of_truth", f"Touchpoint {number}: moment of truth", "choice",
                 dict(YES_NO)),
    )


def lane_row(lane_id: str, kind: str) -> FieldRow:
    """The Steps sheet row of the custom lane `lane_id` ("text" or "number")."""
    return FieldRow(f"lane:{lane_id}", f"Lane: {lane_id}", "value" if kind == "number" else "text")


def step_rows(touchpoints: int, lanes: tuple[tuple[str, str], ...] = ()) -> list[FieldRow]:
    """Every row of the Steps sheet, top to bottom, with `touchpoints` touchpoint triples and a
    row per custom lane ((id, kind) pairs)."""
    rows = list(STEP_ROWS_BEFORE_TOUCHPOINTS)
    for number in range(1, touchpoints + 1):
        rows.extend(touchpoint_rows(number))
    rows.extend(STEP_ROWS_AFTER_TOUCHPOINTS)
    rows.extend(lane_row(lane_id, kind) for lane_id, kind in lanes)
    return rows


INSTRUCTIONS = (
    "How to fill in this journey map",
    "",
    "1. Journey sheet: what is mapped - the service, the customer segment, what starts the "
    "journey and its end outcome, and the organisations and departments it crosses.",
    "2. Map sheet: this version of the map - its title, kind (as is, to be, re-map), when and "
    "by whom it was made, its owner and when to review it.",
    "3. Steps sheet: one column per key journey step, in the order the customer goes through "
    "them (column B is the first step). The rows down column A are the rows of the map; do not "
    "rename, reorder or delete them.",
    "Step id: a short code for the step (letters, digits, - or _), unique in this map. Leave it "
    "blank and journeymap makes one (step-1, step-2 ...).",
    "Drop-down rows (emotion, avoidable, channel, importance, impact, provenance, moment of "
    "truth): pick from the list.",
    "Touchpoints: each touchpoint has three rows - its channel, a description, and whether it "
    "is a moment of truth (Yes or No). Leave unused touchpoints blank. For more touchpoints, "
    "add rows named 'Touchpoint 4: channel', 'Touchpoint 4: description' and "
    "'Touchpoint 4: moment of truth' (and so on).",
    "Pain points, suggestions, improvements, organisations and departments: one item per line "
    "in the cell (Alt+Enter in Excel, Ctrl+Enter in LibreOffice).",
    "Provenance: how the step is known - Observed, Reported by customers, Supported by data, "
    "Inferred, or Assumed. Be honest: a map of assumptions needs checking with customers.",
    "Stages sheet: one row per stage (a named phase such as Aware, Apply, Wait), in journey "
    "order; put its id in each of its steps' Stage row. A stage's steps must be next to each "
    "other.",
    "Persona sheet: the customer this map follows - name, who they are, needs, goals and "
    "frustrations. Leave it blank for no persona.",
    "Lanes sheet: rows of your own (e.g. Cost per step, Opportunities): an id, a name, a kind "
    "(Text or Number) and a unit. Each lane has a row 'Lane: <id>' on the Steps sheet.",
    "Text is kept exactly as typed. Text that starts with = + - or @ stays text: it never "
    "becomes a formula. A cell holds at most 32,767 characters.",
    "If the import finds problems it lists each one (sheet, cell, what was expected) and "
    "imports nothing, so fix them all and import again.",
)
