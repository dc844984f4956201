"""The portfolio's heartbeat line: an unrecorded feeling is a gap, never a point at 0."""

from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.maps.sparkline import sparkline


def test_an_unknown_feeling_cuts_the_line_and_is_said_in_words():
    line = sparkline([-2, None, 1, 2], width=100, height=20, pad=0)
    assert line.runs == (((0.0, 20.0),), ((66.7, 5.0), (100.0, 0.0)))
    assert line.dots() == [(0.0, 20.0)]
    assert line.polyline_points() == ["66.7,5 100,0"]
    assert line.description == ("Emotion across 4 steps (1 not recorded): Very unhappy, "
                                "not recorded, Happy, Very happy.")


@given(st.lists(st.one_of(st.none(), st.integers(-2, 2)), max_size=40))
def test_every_known_feeling_is_one_point_inside_the_box_and_no_unknown_is(emotions):
    line = sparkline(emotions, width=120, height=28)
    points = [point for run in line.runs for point in run]
    assert len(points) == sum(emotion is not None for emotion in emotions)
    assert all(0 <= x <= 120 and 0 <= y <= 28 for x, y in points)
    # Happier is higher: the points' heights follow the known feelings' order.
    known = [emotion for emotion in emotions if emotion is not None]
    for (_x1, y1), (_x2, y2), a, b in zip(points, points[1:], known, known[1:], strict=False):
        assert (y1 > y2) == (a < b) and (y1 == y2) == (a == b)
