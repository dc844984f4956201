"""Small-number suppression: what a report may reveal of a count."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.disclosure import CountDisclosure


@given(count=st.integers(min_value=0, max_value=10**9), threshold=st.integers(0, 100))
def test_a_count_is_revealed_exactly_when_zero_or_at_least_the_threshold(count, threshold):
    rule = CountDisclosure(threshold=threshold)
    revealed = count == 0 or count >= threshold
    assert rule.hidden(count) is not revealed
    assert (rule.text(count) == f"{count:,}") is revealed
    assert rule.shown(count) == (count if revealed else 0)
    if not revealed:
        assert str(count) not in rule.text(count).replace(str(threshold), "")


def test_a_negative_threshold_is_refused():
    with pytest.raises(ValueError, match="0 or more"):
        CountDisclosure(threshold=-1)
