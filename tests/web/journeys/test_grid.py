"""The grid behind the table view: every step a column, every row a cell per step, in words."""

from hypothesis import given, settings

from journeymap.core.maps import schema
from journeymap.web.journeys.grid import GRID_ROWS, build_grid
from tests.core.maps.maps_strategies import documents


@settings(max_examples=50, deadline=None)
@given(documents())
def test_every_step_has_a_cell_in_every_row_and_its_emotion_in_words(document):
    steps = document.map.steps
    grid = build_grid(steps=steps)
    assert [column.step.id for column in grid.columns] == [step.id for step in steps]
    assert [column.number for column in grid.columns] == list(range(1, len(steps) + 1))
    for row in grid.rows:
        assert len(row.cells) == len(steps)
    emotion = next(row for row in grid.rows if row.field == "emotion")
    for cell, step in zip(emotion.cells, steps, strict=True):
        expected = "Not recorded" if step.emotion is None else schema.EMOTION_LABELS[step.emotion]
        assert cell.text == expected
    assert not any(cell.editable for row in grid.rows for cell in row.cells)  # no ids, no edits


def _step(step_id, name, **fields):
    return schema.Step(id=step_id, name=name, **fields)


def test_earlier_steps_nothing_replaces_are_removed_and_replacements_are_named():
    earlier = schema.JourneyMap(title="As is", kind="as_is", steps=[
        _step("a", "Letter"), _step("b", "Form"), _step("c", "Phone call")])
    later = [_step("x", "Online form", replaces=["a", "b"]), _step("d", "Welcome pack")]
    grid = build_grid(steps=later, earlier=earlier)
    assert [step.name for step in grid.removed] == ["Phone call"]
    replaces = next(row for row in grid.rows if row.field == "replaces")
    assert replaces.cells[0].lines == ("Letter", "Form")
    assert replaces.cells[1].lines == ()


def test_the_replaces_row_is_shown_only_with_the_earlier_map_to_name_its_steps():
    grid = build_grid(steps=[_step("a", "Letter", replaces=["a"])])
    assert "replaces" not in [row.field for row in grid.rows]
    assert len(grid.rows) == len(GRID_ROWS) - 1


def test_cells_say_times_touchpoints_and_avoidable_in_words():
    step = _step("a", "Call", time_taken_minutes=1.0, avoidable="partly",
                 avoidable_why="Letter was unclear",
                 touchpoints=[{"channel": "telephone", "description": "Helpline:",
                               "moment_of_truth": True}, {"channel": "post"}])
    cells = {row.field: row.cells[0] for row in build_grid(steps=[step]).rows}
    assert cells["time_taken_minutes"].text == "1 minute"
    assert cells["avoidable"].text == "Partly: Letter was unclear"
    assert cells["touchpoints"].lines == ("Telephone: Helpline: (moment of truth)",
                                          "Post or paper")
    assert cells["provenance"].text == "Assumed"
