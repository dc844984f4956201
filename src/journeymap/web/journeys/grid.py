"""The map as the paper grid: a column per step, a row per kind of information (Edinburgh's rows).

One structure feeds the editor, the history view and the public share page, so the accessible
table view is the same everywhere and every value is already in words (emotion included).
"""

from dataclasses import dataclass, field, replace

from journeymap.core.maps import schema
from journeymap.core.maps.compare import compare_maps

# (step field, row heading). The order is the Edinburgh guide's, top to bottom.
GRID_ROWS: tuple[tuple[str, str], ...] = (
    ("customer_does", "What the customer does"),
    ("thoughts_feelings", "Thoughts and feelings"),
    ("emotion", "Emotion"),
    ("touchpoints", "Touchpoints"),
    ("avoidable", "Could this step have been avoided?"),
    ("pain_points", "Pain points"),
    ("customer_suggestions", "Customer suggestions"),
    ("improvement_ideas", "Learning and improvement ideas"),
    ("owner", "Owner"),
    ("responsible", "Department or organisation responsible"),
    ("importance", "Importance to the customer"),
    ("impact", "Impact on the experience"),
    ("time_taken_minutes", "Time taken"),
    ("contacts", "Number of contacts"),
    ("provenance", "How we know"),
    ("replaces", "Replaces"),
)
#: The service blueprint's lanes, below the customer's rows when some step fills them.
BLUEPRINT_ROWS: tuple[tuple[str, str], ...] = tuple(
    (key, schema.BUILT_IN_LANES[key]) for key in schema.BLUEPRINT_LANES)
#: A custom lane's value, as a form field and an in-place cell: "lane__" and the lane's id.
LANE_PREFIX = "lane__"
ROW_LABELS = dict(GRID_ROWS) | dict(BLUEPRINT_ROWS)
ROW_LABELS["name"] = "Step"
ROW_LABELS["avoidable_why"] = "Why it could (not) be avoided"

#: Fields an editor can change in place, one cell at a time (the name, in the column heading,
#: and touchpoints, several fields each, are changed with the whole step's form).
EDITABLE_IN_PLACE = frozenset({
    "customer_does", "thoughts_feelings", "emotion", "avoidable", "pain_points",
    "customer_suggestions", "improvement_ideas", "owner", "responsible", "importance", "impact",
    "time_taken_minutes", "contacts", "provenance", *schema.BLUEPRINT_LANES,
})


def lane_field(lane_id: str) -> str:
    return f"{LANE_PREFIX}{lane_id}"


def editable_in_place(field: str, custom_lanes: list[schema.CustomLane]) -> bool:
    """Whether one cell of `field` can be edited on its own (custom lanes by their field)."""
    return field in EDITABLE_IN_PLACE or field in {lane_field(lane.id) for lane in custom_lanes}


@dataclass(frozen=True)
class Cell:
    """One value in words: `lines` is a list for list fields, `text` otherwise."""

    field: str
    text: str = ""
    lines: tuple[str, ...] = ()
    emotion: int | None = None
    editable: bool = False
    step_id: int | None = None
    number: int = 0

    @property
    def face_mouth(self) -> str:
        """The smiley's mouth as an SVG path: the curve bends down (a smile) as the score rises."""
        return f"M7 15 Q12 {15 + 2.5 * (self.emotion or 0):g} 17 15"


@dataclass(frozen=True)
class Column:
    number: int
    step: schema.Step
    step_id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class Row:
    field: str
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class StageSpan:
    """A stage over `span` consecutive columns of the table (a gap has no stage)."""

    name: str
    span: int
    stage: schema.Stage | None = None


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    removed: tuple[schema.Step, ...] = field(default=())
    stage_spans: tuple[StageSpan, ...] = field(default=())


def stage_spans(steps: list[schema.Step], stages: list[schema.Stage]) -> tuple[StageSpan, ...]:
    """The stage heading row: consecutive steps of one stage share one heading cell."""
    if not stages:
        return ()
    by_id = {stage.id: stage for stage in stages}
    spans: list[StageSpan] = []
    for step in steps:
        stage = by_id.get(step.stage) if step.stage else None
        if spans and spans[-1].stage == stage:
            spans[-1] = replace(spans[-1], span=spans[-1].span + 1)
        else:
            spans.append(StageSpan(name=stage.name if stage else "No stage", span=1, stage=stage))
    return tuple(spans)


def _minutes(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g} minute{'' if value == 1 else 's'}"


def cell_for(step: schema.Step, name: str, *, names_by_id: dict[str, str],
             editable: bool = False, step_id: int | None = None, number: int = 0) -> Cell:
    """The value of one field of one step, in the words the table shows."""
    cell = _cell_value(step, name, names_by_id=names_by_id)
    return replace(cell, editable=editable and step_id is not None and (
        name in EDITABLE_IN_PLACE or name.startswith(LANE_PREFIX)), step_id=step_id,
        number=number)


def _cell_value(step: schema.Step, name: str, *, names_by_id: dict[str, str]) -> Cell:
    if name.startswith(LANE_PREFIX):
        value = step.lanes.get(name.removeprefix(LANE_PREFIX))
        return Cell(name, text="" if value is None else f"{value:g}" if isinstance(
            value, float | int) else value)
    value = getattr(step, name)
    if name == "emotion":
        return Cell(name, text=step.emotion_label, emotion=value)
    if name == "touchpoints":
        lines = tuple(
            (f"{point.channel.label}: {point.description}" if point.description.strip()
             else point.channel.label)
            + (" (moment of truth)" if point.moment_of_truth else "")
            for point in value)
        return Cell(name, lines=lines)
    if name == "replaces":
        return Cell(name, lines=tuple(names_by_id.get(ref, ref) for ref in value))
    if name == "avoidable":
        text = value.label if value else ""
        if step.avoidable_why:
            text = f"{text}: {step.avoidable_why}" if text else step.avoidable_why
        return Cell(name, text=text)
    if isinstance(value, list):
        return Cell(name, lines=tuple(value))
    if name == "time_taken_minutes":
        return Cell(name, text=_minutes(value))
    if hasattr(value, "label"):
        return Cell(name, text=value.label)
    return Cell(name, text="" if value is None else str(value))


def build_grid(*, steps: list[schema.Step], step_rows: list | None = None,
               earlier: schema.JourneyMap | None = None, editable: bool = False,
               stages: list[schema.Stage] = (),
               custom_lanes: list[schema.CustomLane] = ()) -> Grid:
    """The grid of `steps`; `step_rows` (the stored Step rows, same order) give ids to edit by.

    `earlier` is the map this one was based on: its steps that no step here replaces are the
    removed ones, and the "Replaces" row names them.
    """
    rows_by_index = step_rows or [None] * len(steps)
    columns = tuple(
        Column(number=index, step=step, step_id=row.pk if row else None,
               version=row.version if row else None)
        for index, (step, row) in enumerate(zip(steps, rows_by_index, strict=True), start=1))
    names_by_id = {step.id: step.name for step in earlier.steps} if earlier else {}
    # "Replaces" names steps of the earlier map; without it there are only ids, which mean
    # nothing to a reader, so the row is left out.
    fields = [(name, label) for name, label in GRID_ROWS
              if name != "replaces" or earlier is not None]
    # The blueprint rows where a step fills them, or where an editor may fill them.
    fields += [(name, label) for name, label in BLUEPRINT_ROWS
               if editable or any(getattr(step, name).strip() for step in steps)]
    fields += [(lane_field(lane.id), f"{lane.name} ({lane.unit})" if lane.unit else lane.name)
               for lane in custom_lanes]
    rows = tuple(
        Row(name, label, tuple(cell_for(column.step, name, names_by_id=names_by_id,
                                        editable=editable, step_id=column.step_id,
                                        number=column.number) for column in columns))
        for name, label in fields)
    removed: tuple[schema.Step, ...] = ()
    if earlier is not None:
        current = schema.JourneyMap(title="current", kind=schema.MapKind.TO_BE_GOLD, steps=steps)
        removed = compare_maps(before=earlier, after=current).removed
    return Grid(columns=columns, rows=rows, removed=removed,
                stage_spans=stage_spans(steps, list(stages)))
