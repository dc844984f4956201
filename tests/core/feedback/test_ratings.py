"""Rating statistics from a histogram, against hand-worked figures and against the standard
library's statistics on the expanded list of ratings (an independent oracle)."""

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.feedback.ratings import RatingSummary, as_emotion, summarise


def test_hand_checked_figures():
    # Ratings 1, 4, 4, 5, 5: median 4, mean 19/5 = 3.8,
    # sample variance ((2.8)^2 + 2*(0.2)^2 + 2*(1.2)^2) / 4 = (7.84 + 0.08 + 2.88) / 4 = 2.7.
    summary = summarise({1: 1, 4: 2, 5: 2})
    assert summary.n == 5
    assert summary.median == 4
    assert summary.mean == pytest.approx(3.8)
    assert summary.standard_deviation == pytest.approx(2.7 ** 0.5)


def test_an_even_count_takes_the_mean_of_the_two_middle_ratings():
    assert summarise({2: 1, 3: 1, 5: 2}).median == 4.0  # 2, 3, 5, 5
    assert summarise({1: 1, 5: 1}).median == 3.0


def test_one_rating_has_an_unknown_spread_not_zero():
    assert summarise({3: 1}) == RatingSummary(n=1, median=3, mean=3, standard_deviation=None)


def test_nobody_rated_is_no_summary():
    assert summarise({}) is None
    assert summarise({2: 0}) is None


@pytest.mark.parametrize("bad", [{0: 1}, {6: 1}, {3: -1}])
def test_a_rating_outside_one_to_five_or_a_negative_count_is_refused(bad):
    with pytest.raises(ValueError, match="rating"):
        summarise(bad)


def test_ratings_map_onto_the_maps_emotion_scale():
    assert [as_emotion(rating) for rating in (1, 2, 3, 4, 5)] == [-2, -1, 0, 1, 2]
    with pytest.raises(ValueError, match="1 to 5"):
        as_emotion(0)


@given(st.dictionaries(st.integers(1, 5), st.integers(0, 40), min_size=1))
def test_the_summary_agrees_with_the_statistics_module(histogram):
    ratings = [rating for rating, count in histogram.items() for _ in range(count)]
    summary = summarise(histogram)
    if not ratings:
        assert summary is None
        return
    assert summary.n == len(ratings)
    assert summary.median == statistics.median(ratings)
    assert summary.mean == pytest.approx(statistics.fmean(ratings))
    if len(ratings) > 1:
        assert summary.standard_deviation == pytest.approx(statistics.stdev(ratings))
