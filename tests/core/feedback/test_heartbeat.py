"""The heartbeat chart: citizens' ratings pooled with researchers' feelings (hand-checked),
suppression per step and per segment line, an escaped SVG and its text alternative."""

import math

import pytest
from defusedxml import ElementTree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.core.feedback.heartbeat import (
    chart_svg,
    feelings_as_ratings,
    pooled_step,
    segment_line,
    text_alternative,
)


def test_pooled_figures_worked_by_hand():
    # Citizens rated 1, 4, 4, 5; researchers recorded feelings -2 and +1 (ratings 1 and 4).
    # Pooled: 1, 1, 4, 4, 4, 5 -> n 6, median (4 + 4) / 2 = 4, mean 19 / 6,
    # squares about the mean: 2 * (13/6)^2 + 3 * (5/6)^2 + (11/6)^2 = 89/6, over 5 -> 89/30.
    step = pooled_step(name="Apply", citizens={1: 1, 4: 2, 5: 1}, feelings={-2: 1, 1: 1},
                       threshold=5)
    assert (step.citizens, step.researchers) == (4, 2)
    assert (step.summary.n, step.summary.median) == (6, 4.0)
    assert step.summary.mean == pytest.approx(19 / 6)
    assert step.summary.standard_deviation == pytest.approx(math.sqrt(89 / 30))


def test_below_the_threshold_a_step_is_withheld_and_says_so():
    step = pooled_step(name="Apply", citizens={2: 3}, feelings={0: 1}, threshold=5)
    assert (step.summary, step.withheld) == (None, True)
    empty = pooled_step(name="Wait", citizens={}, feelings={}, threshold=5)
    assert (empty.summary, empty.withheld) == (None, False)
    svg = chart_svg([step, empty], title="t")
    assert "fewer than 5: withheld" in svg and "no scores yet" in svg and "n = " not in svg
    assert text_alternative([step, empty]) == ["Apply: withheld, fewer than 5 scores.",
                                               "Wait: no scores yet."]


def test_a_segment_line_breaks_where_the_segment_is_below_the_threshold():
    line = segment_line(label="Under 25", threshold=2,
                        histograms=[{1: 1, 3: 1}, {5: 1}, {4: 2}, {2: 1, 4: 1}])
    assert line.means == (2.0, None, 4.0, 3.0)
    steps = [pooled_step(name=f"S{i}", citizens={3: 5}, feelings={}, threshold=2)
             for i in range(4)]
    svg = chart_svg(steps, [line], title="t")
    # Two stretches: step 1 alone is no line; steps 3 and 4 are joined.
    assert svg.count("<polyline") == 1
    assert text_alternative(steps, [line])[-1] == (
        "Under 25: mean by step: S0 2.00, S1 not shown, S2 4.00, S3 3.00.")


def test_the_text_alternative_names_the_sources_and_their_counts():
    step = pooled_step(name="Apply", citizens={4: 6}, feelings={1: 2}, threshold=5)
    assert text_alternative([step]) == [
        "Apply: n = 8 (citizens' ratings: 6; researchers' observations: fewer than 5); "
        "median 4, mean 4.00, standard deviation 0.00."]


def test_every_name_is_escaped_and_the_svg_is_well_formed():
    hostile = '<script>alert("x")</script>&'
    step = pooled_step(name=hostile, citizens={3: 5}, feelings={}, threshold=5)
    line = segment_line(label=hostile, histograms=[{3: 5}], threshold=5)
    svg = chart_svg([step], [line], title=hostile)
    assert "<script>" not in svg
    ElementTree.fromstring(svg)


def test_a_feeling_off_the_scale_is_refused():
    with pytest.raises(ValueError, match="-2 to 2"):
        feelings_as_ratings({3: 1})


@settings(suppress_health_check=[HealthCheck.too_slow])  # a busy shared machine
@given(st.dictionaries(st.integers(1, 5), st.integers(0, 50)),
       st.dictionaries(st.integers(-2, 2), st.integers(0, 50)))
def test_pooling_counts_every_score_once(citizens, feelings):
    step = pooled_step(name="S", citizens=citizens, feelings=feelings, threshold=1)
    total = sum(citizens.values()) + sum(feelings.values())
    assert step.total == total
    assert (step.summary is None) == (total == 0)
    if step.summary is not None:
        assert 1 <= step.summary.median <= 5 and 1 <= step.summary.mean <= 5
