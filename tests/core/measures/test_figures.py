"""Built-in indicator figures: computed where the data supports them, else "not known" why."""

import pytest
from tests.core.analytics.sample_results import sample_result, sample_without_contacts

from journeymap.core.analytics import suppress
from journeymap.core.maps.schema import JourneyMap
from journeymap.core.measures.figures import (
    CONTACTS_UNKNOWN,
    avoidable_share_of_dataset,
    contacts_of_dataset,
    duration_of_dataset,
    satisfaction_of_ratings,
    steps_of_map,
    time_of_map,
)


def a_map(*times) -> JourneyMap:
    return JourneyMap.model_validate({"title": "As is", "kind": "as_is", "steps": [
        {"id": f"s{number}", "name": f"Step {number}", "time_taken_minutes": time}
        for number, time in enumerate(times)]})


def test_steps_are_counted_on_the_map_and_an_empty_map_is_not_known():
    assert steps_of_map(a_map(5, None, 2)).value == 3
    assert not steps_of_map(a_map()).known


def test_time_is_the_sum_only_when_every_step_is_timed():
    # 5 + 2.5 + 12 = 19.5 minutes
    assert time_of_map(a_map(5, 2.5, 12)).value == 19.5
    partial = time_of_map(a_map(5, None, 12))
    assert partial.value is None
    assert partial.reason == "not known: only 2 of 3 steps of the map are timed"


def test_dataset_median_duration_in_minutes():
    # the sample's median case duration is 86,400 s = 1,440 min
    figure = duration_of_dataset(sample_result())
    assert figure.value == 1440
    assert figure.detail == "median over 40 cases"


def test_contacts_need_a_contact_definition():
    assert contacts_of_dataset(sample_result()).value == 200
    figure = contacts_of_dataset(sample_without_contacts())
    assert (figure.value, figure.reason) == (None, CONTACTS_UNKNOWN)
    assert avoidable_share_of_dataset(sample_without_contacts()).reason == CONTACTS_UNKNOWN


def test_ni14_share_is_a_percentage_of_contacts():
    # 63 avoidable of 200 contacts = 0.315 = 31.5 %
    figure = avoidable_share_of_dataset(sample_result())
    assert figure.value == pytest.approx(31.5)
    assert figure.detail == "63 avoidable of 200 contacts"


def test_a_withheld_figure_stays_not_known_never_zero():
    withheld = suppress(sample_result(cases=3), threshold=5)
    figure = duration_of_dataset(withheld)
    assert figure.value is None and "withheld" in figure.reason


def test_satisfaction_is_the_mean_rating_with_n_and_withheld_below_the_threshold():
    # ratings 2, 4, 4, 5, 5: mean 20 / 5 = 4.0, median 4
    figure = satisfaction_of_ratings({2: 1, 4: 2, 5: 2}, threshold=5)
    assert (figure.value, figure.detail) == (4.0, "n = 5, median 4")
    small = satisfaction_of_ratings({4: 2, 5: 2}, threshold=5)
    assert small.value is None and "fewer than 5" in small.reason
    assert not satisfaction_of_ratings({}, threshold=5).known
