"""The evaluation of a re-map against its baseline, on maps and figures worked out by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from tests.core.analytics.sample_results import sample_data, sample_result, sample_without_contacts

from journeymap.core.maps.schema import JourneyMap
from journeymap.core.measures.evaluation import DatasetPeriods, due_date, evaluate

COSTS = {"telephone": Decimal("2.50"), "post": Decimal("1.20")}


def step(step_id, name, *, minutes=None, contacts=None, channels=("telephone",), emotion=None,
         replaces=()):
    return {"id": step_id, "name": name, "time_taken_minutes": minutes, "contacts": contacts,
            "emotion": emotion, "replaces": list(replaces),
            "touchpoints": [{"channel": channel} for channel in channels]}


BASELINE = JourneyMap.model_validate({"title": "As is", "kind": "as_is", "steps": [
    step("apply", "Apply", minutes=20, contacts=1, channels=("post",), emotion=-1),
    step("chase", "Chase by phone", minutes=15, contacts=3, emotion=-2),
    step("wait", "Wait", minutes=None, contacts=0, channels=(), emotion=None),
    step("decide", "Decision letter", minutes=5, contacts=1, channels=("post",), emotion=0),
]})
REMAP = JourneyMap.model_validate({"title": "Re-map", "kind": "remap", "steps": [
    step("apply", "Apply online", minutes=10, contacts=1, channels=("post",), emotion=1),
    step("wait", "Wait", minutes=30, contacts=0, channels=(), emotion=0),
    step("decide", "Decision letter", minutes=5, contacts=1, channels=("post",), emotion=0),
]})


def test_maps_steps_time_contacts_and_savings_worked_by_hand():
    findings = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={},
                        remap_ratings={}, rating_threshold=5, costs=COSTS)
    # steps: 4 -> 3, "chase" removed: 1 fewer
    assert findings.steps_removed == 1
    # time known on both sides: apply 20 -> 10, chase 15 -> (removed, 0), decide 5 -> 5;
    # "wait" is untimed before, so not compared: saved (20 + 15 + 5) - (10 + 5) = 25 minutes
    assert findings.time_saved_minutes == 25
    # contacts: apply 1 -> 1, chase 3 -> removed, wait 0 -> 0, decide 1 -> 1: 3 avoided
    assert findings.contacts_avoided == 3
    # the 3 avoided were all telephone (chase): 3 x 2.50 = 7.50
    assert [(line.channel, line.contacts_avoided, line.saving)
            for line in findings.savings.priced] == [("telephone", 3, Decimal("7.50"))]
    assert findings.savings.total == Decimal("7.50")
    record = findings.as_record()
    assert record["savings"]["total_text"] == "£7.50"
    assert "telephone: 3 contacts avoided × £2.50 = £7.50" in " ".join(record["assumptions"])


def test_emotion_per_step_only_where_known_on_both_sides():
    findings = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={},
                        remap_ratings={}, rating_threshold=5, costs=COSTS)
    assert [(change.before_step, change.before, change.after)
            for change in findings.emotion_changes] == [("Apply", -1, 1),
                                                        ("Decision letter", 0, 0)]
    assert findings.emotion_not_compared == 1  # "wait" had no feeling recorded before


def test_satisfaction_change_only_when_both_maps_have_enough_ratings():
    # before: 2,2,3,3,5 -> mean 15/5 = 3.0; after: 4,4,4,5,5 -> 22/5 = 4.4; change +1.4
    findings = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={2: 2, 3: 2, 5: 1},
                        remap_ratings={4: 3, 5: 2}, rating_threshold=5, costs=COSTS)
    assert findings.satisfaction_change == pytest.approx(1.4)
    fewer = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={2: 2, 3: 2, 5: 1},
                     remap_ratings={4: 3}, rating_threshold=5, costs=COSTS)
    assert fewer.satisfaction_change is None


def test_contacts_on_several_channels_are_not_priced_and_are_named():
    remap = JourneyMap.model_validate({"title": "Re-map", "kind": "remap", "steps": [
        step("chase", "Chase", contacts=1, channels=("telephone", "web"))]})
    baseline = JourneyMap.model_validate({"title": "As is", "kind": "as_is", "steps": [
        step("chase", "Chase", contacts=3)]})
    findings = evaluate(baseline=baseline, remap=remap, baseline_ratings={}, remap_ratings={},
                        rating_threshold=5, costs=COSTS)
    assert findings.contacts_avoided == 2
    assert findings.savings.total is None
    assert any("Chase are on several channels" in line for line in findings.assumptions)


def test_a_dataset_before_and_after_prices_its_channel_mix():
    after = sample_data()
    after["channels"] = {**after["channels"], "mix": [
        {"value": "phone", "events": 100, "cases": 30},
        {"value": "web", "events": 60, "cases": 25},
        {"value": "letter", "events": 3, "cases": 2}]}
    periods = DatasetPeriods(before=sample_result(), after=sample_result(**after),
                             before_label="Contacts, 2024", after_label="Contacts, 2025")
    findings = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={}, remap_ratings={},
                        rating_threshold=5, datasets=periods,
                        costs={"phone": Decimal("3.00")})
    # phone 150 -> 100: 50 avoided x 3.00 = 150.00; web 47 -> 60: 13 more, no cost set
    assert findings.savings.total == Decimal("150.00")
    assert [(line.channel, line.contacts_avoided) for line in findings.savings.unpriced] == [
        ("web", -13)]
    assert findings.savings_source == "Contacts, 2024 and Contacts, 2025"


def test_a_dataset_without_contacts_prices_nothing_and_says_why():
    periods = DatasetPeriods(before=sample_without_contacts(), after=sample_without_contacts(),
                             before_label="a", after_label="b")
    findings = evaluate(baseline=BASELINE, remap=REMAP, baseline_ratings={}, remap_ratings={},
                        rating_threshold=5, datasets=periods, costs=COSTS)
    assert findings.savings.total is None
    assert ("Not attributed to a channel: the log does not say which events are contacts."
            in findings.assumptions)
    contacts_line = next(line for line in findings.lines if line.label == "Contacts in the dataset")
    assert "not known: the log does not say which events are contacts" in contacts_line.value


@pytest.mark.parametrize(("taken", "months", "due"), [
    (dt.date(2025, 3, 15), 12, dt.date(2026, 3, 15)),
    (dt.date(2025, 8, 31), 6, dt.date(2026, 2, 28)),   # no 31 February: the month's last day
    (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),   # a leap year
    (dt.date(2025, 11, 1), 24, dt.date(2027, 11, 1)),
])
def test_due_date_months_after_the_actions(taken, months, due):
    assert due_date(taken, months) == due


@pytest.mark.parametrize("months", [5, 25, 0])
def test_due_date_refuses_outside_six_to_twenty_four_months(months):
    with pytest.raises(ValueError, match="6 to 24 months"):
        due_date(dt.date(2025, 1, 1), months)
