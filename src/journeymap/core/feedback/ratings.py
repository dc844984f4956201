"""The five-face rating a citizen gives a step, and the statistics of many such ratings.

Ratings run 1 (very unhappy) to 5 (very happy), so a person reads the faces left to right as on
a paper form; `as_emotion` turns one into the map's own emotion scale (-2 to 2). Statistics are
computed from a histogram (how many people gave each rating), which a database answers in one
grouped query whatever the number of responses, so the cost of a summary does not grow with them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

RATINGS = (1, 2, 3, 4, 5)
RATING_LABELS = {1: "Very unhappy", 2: "Unhappy", 3: "Neither happy nor unhappy", 4: "Happy",
                 5: "Very happy"}


def as_emotion(rating: int) -> int:
    """The map's emotion (-2 to 2) for a rating (1 to 5)."""
    if rating not in RATING_LABELS:
        raise ValueError(f"a rating is a whole number from 1 to 5, not {rating!r}")
    return rating - 3


@dataclass(frozen=True)
class RatingSummary:
    """What `n` ratings say together. `standard_deviation` is None for a single rating (a spread
    of one value is unknown, not 0)."""

    n: int
    median: float
    mean: float
    standard_deviation: float | None


def summarise(histogram: Mapping[int, int]) -> RatingSummary | None:
    """Summary of ratings given as {rating: how many}; None when nobody rated.

    >>> summarise({1: 1, 4: 2, 5: 1})
    RatingSummary(n=4, median=4.0, mean=3.5, standard_deviation=1.7320508075688772)
    """
    for rating, count in histogram.items():
        if rating not in RATING_LABELS:
            raise ValueError(f"a rating is a whole number from 1 to 5, not {rating!r}")
        if count < 0:
            raise ValueError(f"rating {rating} has a negative count ({count})")
    n = sum(histogram.values())
    if n == 0:
        return None
    mean = sum(rating * count for rating, count in histogram.items()) / n
    spread = None
    if n > 1:
        squares = sum(count * (rating - mean) ** 2 for rating, count in histogram.items())
        spread = math.sqrt(squares / (n - 1))
    return RatingSummary(n=n, median=_median(histogram, n), mean=mean, standard_deviation=spread)


def _median(histogram: Mapping[int, int], n: int) -> float:
    """The middle rating (the mean of the two middle ones when n is even), walking the counts."""

    def value_at(index: int) -> int:  # the index-th smallest rating, counting from 0
        seen = 0
        for rating in RATINGS:
            seen += histogram.get(rating, 0)
            if index < seen:
                return rating
        raise AssertionError("index beyond the histogram")

    return (value_at((n - 1) // 2) + value_at(n // 2)) / 2
