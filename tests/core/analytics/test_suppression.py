"""Small-number suppression: nothing small shown, nothing withheld recoverable, exact at 0."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.core.analytics.sample_results import sample_result

from journeymap.core.analytics import Suppressed, hidden_cells, suppress


def _recoverable(values: list[int], hidden: set[int]) -> bool:
    """Whether any withheld cell follows from the shown cells and the column's total.

    The reader knows the total, the shown cells, and that every withheld cell is a whole number,
    at least 1 unless some withheld cell is 0 (zeros are otherwise shown): with k withheld cells
    adding up to R, each ranges over [low, R - (k - 1) * low], a single value when R == k * low.
    """
    if not hidden:
        return False
    remainder = sum(values[index] for index in hidden)
    low = 0 if any(values[index] == 0 for index in hidden) else 1
    return remainder == len(hidden) * low


columns = st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=12)
thresholds = st.integers(min_value=2, max_value=12)


@given(values=columns, threshold=thresholds)
def test_no_withheld_cell_can_be_worked_out_from_the_total(values, threshold):
    hidden = hidden_cells(values, threshold=threshold)
    shown = [value for index, value in enumerate(values) if index not in hidden]
    assert all(value == 0 or value >= threshold for value in shown)
    assert len(hidden) != 1 or sum(values) < threshold
    # Known limit: when every non-zero cell is a 1 and there is nothing else to hide, only
    # withholding the total itself would protect them (see ADR 0006).
    all_ones = all(value in (0, 1) for value in values) and 0 not in values
    assert not _recoverable(values, hidden) or sum(values) < threshold or all_ones
    withheld = sum(values[index] for index in hidden)
    nonzero_shown = any(value for value in shown)
    # What the withheld cells add up to is itself never a small number, unless nothing is left
    # to hide it with (then the total is below N, and is withheld where it is shown).
    assert withheld == 0 or withheld >= threshold or not nonzero_shown


@given(values=columns, threshold=thresholds)
def test_without_a_known_total_only_small_counts_are_withheld(values, threshold):
    hidden = hidden_cells(values, threshold=threshold, total_known=False)
    assert hidden == {i for i, value in enumerate(values) if 0 < value < threshold}


def test_one_small_cell_takes_the_smallest_shown_one_with_it():
    assert hidden_cells([20, 14, 3], threshold=5) == {1, 2}
    assert hidden_cells([1, 1, 1, 1, 1, 9], threshold=5) == {0, 1, 2, 3, 4, 5}


def _markers(value, path=""):
    if isinstance(value, dict):
        if value.get("suppressed") is True:
            yield path
        for key, inner in value.items():
            yield from _markers(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _markers(inner, f"{path}[{index}]")


def _numbers(value):
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("rows", "threshold", "schema_version", "activity_count",
                           "variant_count"):
                yield from _numbers(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _numbers(inner)


@pytest.mark.parametrize("threshold", [0, 1])
def test_threshold_zero_or_one_keeps_the_result_exact(threshold):
    result = sample_result()
    assert suppress(result, threshold=threshold) is result


def test_suppressed_report_shows_no_small_count_and_says_so():
    data = suppress(sample_result(), threshold=5).to_dict()
    assert all(n == 0 or n >= 5 for n in _numbers(data))
    assert data["histograms"]["case_duration_seconds"][0]["cases"] == {
        "suppressed": True, "threshold": 5,
    }
    assert list(_markers(data)), "a withheld figure is marked, never 0"
    assert data["suppression"]["threshold"] == 5


def test_rare_paths_are_pooled_into_one_row():
    result = suppress(sample_result(), threshold=5)
    assert [v.activities for v in result.variants] == [["Report", "Chase", "Inspect"],
                                                      ["Report", "Chase"]]
    pooled = result.suppression.pooled
    assert (pooled.variants.rows, pooled.variants.cases) == (3, 6)  # 3 + 2 + 1 cases
    assert [(p.from_, p.to) for p in result.handoffs.service.pairs] == [
        ("Benefits", "Housing"), ("Housing", "Benefits"),
    ]
    assert pooled.service_pairs.rows == 2
    assert isinstance(pooled.service_pairs.cases, Suppressed)  # 2 + 1 cases: itself small
    assert [row.activity for row in result.handoffs.service.rework] == ["Scan evidence"]
    assert pooled.dfg.rows == 1 and isinstance(pooled.dfg.count, Suppressed)


def test_secondary_suppression_protects_a_pooled_row():
    result = suppress(sample_result(), threshold=5)
    # 40 cases: 37 start with Report, 3 with rarer activities; showing 37 would reveal the 3.
    assert isinstance(result.start_activities["Report"], Suppressed)
    assert isinstance(result.suppression.pooled.start_activities.cases, Suppressed)
    # Paths add up to a known total too: the smallest shown path goes with the pooled one.
    assert isinstance(result.dfg[-1].count, Suppressed)


def test_statistics_over_few_cases_are_withheld_not_zeroed():
    few = sample_result(cases=4)
    result = suppress(few, threshold=5)
    assert isinstance(result.cases, Suppressed)
    assert all(isinstance(getattr(result.case_duration_seconds, name), Suppressed)
               for name in ("min", "median", "mean", "p90", "max"))
    for summary in (result.events_per_case, result.contacts.per_case):
        assert all(isinstance(getattr(summary, name), Suppressed)
                   for name in ("min", "median", "mean", "p90", "max"))
    step = suppress(sample_result(), threshold=5).conformance.steps[1]
    assert isinstance(step.median_seconds_to_next_step, Suppressed)  # over 3 cases
    assert isinstance(step.repeat_contacts, Suppressed)  # 40 - 3 would give the 3 back


def test_hand_off_tables_pool_rare_rows_and_protect_them():
    result = suppress(sample_result(), threshold=5)
    service = result.handoffs.service
    pooled = result.suppression.pooled
    # 2 + 1 pooled hand-offs are few, and would follow from the total of 31 and the 20 and 8
    # shown: the smallest shown pair goes with them; its cases (6) and median stay.
    assert isinstance(pooled.service_pairs.handoffs, Suppressed)
    assert service.pairs[0].handoffs == 20
    assert isinstance(service.pairs[1].handoffs, Suppressed)
    assert (service.pairs[1].cases, service.pairs[1].median_seconds) == (6, 3600.0)
    # Re-work that 2 cases showed is pooled, its counts withheld.
    assert [(row.activity, row.cases, row.handoffs) for row in service.rework] == [
        ("Scan evidence", 9, 9),
    ]
    assert pooled.service_rework.rows == 1
    assert isinstance(pooled.service_rework.cases, Suppressed)
    assert isinstance(pooled.service_rework.handoffs, Suppressed)


def test_cases_with_something_are_withheld_when_few_cases_lack_it():
    result = suppress(sample_result(), threshold=5)
    # 38 of 40 cases had a contact (by channel): showing 38 gives the 2 without one back.
    assert isinstance(result.contacts.cases_with_contacts, Suppressed)
    assert isinstance(result.channels.cases_with_value, Suppressed)
    assert result.channels.distinct_per_case.median == 2.0  # still over 38 cases
    assert result.handoffs.service.cases_with_handoffs == 22  # 18 without: not few
    assert result.contacts.events == 200


def test_shares_go_with_their_counts():
    avoidable = suppress(sample_result(), threshold=5).avoidable
    repeat = next(row for row in avoidable.categories if row.category == "repeat_contact")
    assert isinstance(repeat.contacts, Suppressed) and isinstance(repeat.share, Suppressed)
    other = next(row for row in avoidable.categories if row.category == "other")
    assert other.contacts == 0  # nobody reveals no one


def test_brute_force_agrees_on_small_columns():
    """Every column of up to four cells below 8: no withheld cell has a single possible value."""
    for values in itertools.product(range(8), repeat=4):
        hidden = hidden_cells(list(values), threshold=3)
        if not hidden or sum(values) < 3 or set(values) == {1}:
            continue  # nothing withheld, a total that is itself small, or the known limit
        remainder = sum(values[i] for i in hidden)
        low = 0 if any(values[i] == 0 for i in hidden) else 1
        possible = {
            assignment[0]
            for assignment in itertools.product(range(low, remainder + 1), repeat=len(hidden))
            if sum(assignment) == remainder
        }
        assert len(possible) > 1, values
