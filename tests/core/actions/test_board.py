"""The board's reading of a plan: overdue, and the impact and effort matrix."""

import datetime

import pytest

from journeymap.core.actions.board import impact_effort_matrix, is_overdue

TODAY = datetime.date(2026, 11, 29)


@pytest.mark.parametrize(("due_on", "finished", "expected"), [
    (datetime.date(2026, 11, 28), False, True),
    (TODAY, False, False),  # due today is not yet late
    (datetime.date(2026, 11, 28), True, False),
    (None, False, False),
])
def test_overdue_is_past_due_and_not_finished(due_on, finished, expected):
    assert is_overdue(due_on=due_on, finished=finished, today=TODAY) is expected


def test_the_matrix_places_each_action_by_impact_and_effort_and_unrated_ones_apart():
    actions = [("quick win", 3, 1), ("big bet", 3, 3), ("unrated", None, 2), ("filler", 1, 1)]
    matrix = impact_effort_matrix(actions, impact=lambda a: a[1], effort=lambda a: a[2])
    assert matrix.column_labels == ("Low", "Medium", "High")
    assert [row.label for row in matrix.rows] == ["High", "Medium", "Low", "Not rated"]
    grid = [[[item[0] for item in cell.items] for cell in row.cells] for row in matrix.rows]
    assert grid == [[["quick win"], [], ["big bet"]], [[], [], []], [["filler"], [], []],
                    [[], ["unrated"], []]]


def test_the_matrix_refuses_a_rating_off_the_scale():
    with pytest.raises(ValueError, match="1 to 3, got 5"):
        impact_effort_matrix([5], impact=lambda a: a, effort=lambda a: 1)
