"""Indicators, measurements, evaluations and contact costs through their services."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.feedback import services as feedback_services
from journeymap.web.feedback.actors import FeedbackLinkActor
from journeymap.web.indicators import selectors, services
from journeymap.web.indicators.models import Measurement
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import Step
from tests.web.indicators.builders import indicator_with_measurement, scheduled_evaluation
from tests.web.journeys.builders import actor_of, journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


@pytest.fixture
def actor(made):
    return made["actor"]


def test_a_ready_made_indicator_comes_with_its_definition_and_is_audited(made, actor):
    indicator = services.indicator_create(actor=actor, context=NO_CLIENT,
                                          journey=made["journey"], kind="digital_take_up")
    assert (indicator.name, indicator.unit, indicator.direction) == (
        "Digital take-up", "%", "higher")
    assert "GOV.UK Service Standard" in indicator.definition
    event = AuditEvent.objects.get(object_type="indicator", object_id=str(indicator.pk))
    assert (event.action, event.actor_label) == ("create", "erin")


def test_a_manual_indicator_must_be_named_and_a_baseline_needs_its_date(made, actor):
    with pytest.raises(ValidationError):
        services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                  kind="manual")
    with pytest.raises(ValidationError, match="both its value and its date"):
        services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                  kind="complaints", data={"baseline_value": 3})


def test_steps_and_time_computed_from_a_map_name_the_map(made, actor):
    steps = services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                      kind="steps")
    measurement = services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=steps,
                                               journey_map=made["as_is"])
    assert (measurement.value, measurement.source) == (3, "map")
    assert measurement.source_label == "map Joining – as is"
    time = services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                     kind="process_time")
    # three steps of 10 minutes each: 30 minutes
    assert services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=time,
                                        journey_map=made["as_is"]).value == 30


def test_time_with_an_untimed_step_is_refused_with_the_reason_and_nothing_stored(made, actor):
    step = Step.objects.filter(journey_map=made["as_is"]).order_by("position").first()
    journey_services.step_update(actor=actor, context=NO_CLIENT, step=step,
                                 data={"time_taken_minutes": None},
                                 expected_version=step.version)
    time = services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                     kind="process_time")
    with pytest.raises(ValidationError, match="only 2 of 3 steps of the map are timed"):
        services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=time,
                                     journey_map=made["as_is"])
    assert not Measurement.objects.filter(indicator=time).exists()


def test_a_manual_figure_names_who_entered_it(made, edinburgh, erin):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"], value=7)
    measurement = indicator.measurements.get()
    assert measurement.source == "manual"
    assert measurement.source_label.startswith("entered by erin on ")
    assert measurement.entered_by == erin


def test_a_figure_deleted_leaves_the_others_and_the_audit_keeps_it(made, edinburgh, erin):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"], value=7)
    kept = services.measurement_record(actor=made["actor"], context=NO_CLIENT,
                                       indicator=indicator, value=5,
                                       measured_on=datetime.date(2025, 9, 30))
    wrong = indicator.measurements.exclude(pk=kept.pk).get()
    services.measurement_delete(actor=made["actor"], context=NO_CLIENT, measurement=wrong)
    assert list(indicator.measurements.values_list("value", flat=True)) == [5.0]
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="measurement")
    assert event.before == {"indicator": indicator.pk, "value": 7.0, "measured_on": "2025-06-30",
                            "source": "manual", "source_label": wrong.source_label}


def test_an_indicator_deleted_takes_its_figures_and_the_audit_keeps_them(made, edinburgh, erin):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"], value=7)
    services.indicator_delete(actor=made["actor"], context=NO_CLIENT, indicator=indicator)
    assert not Measurement.objects.filter(organisation=edinburgh).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="indicator")
    assert event.before["name"] == "Complaints"
    assert [figure["value"] for figure in event.before["measurements"]] == [7.0]
    assert event.before["baseline_value"] == 20.0 and event.before["target_value"] == 5.0


def _rate(link, *ratings):
    for rating in ratings:
        feedback_services.feedback_submit(
            actor=FeedbackLinkActor(link=link), context=NO_CLIENT, link=link,
            submission_id=uuid.uuid4(),
            answers={"steps": {}, "overall_rating": rating})


def test_satisfaction_from_the_periods_ratings_withheld_below_the_threshold(made, actor):
    satisfaction = services.indicator_create(actor=actor, context=NO_CLIENT,
                                             journey=made["journey"], kind="satisfaction")
    today = timezone.localdate()
    period = {"period_from": today - datetime.timedelta(days=7), "period_to": today}
    _rate(made["feedback_link"], 5, 4, 4)
    with pytest.raises(ValidationError, match="fewer than 5 people rated"):
        services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=satisfaction,
                                     **period)
    _rate(made["feedback_link"], 2, 5)
    # ratings 5, 4, 4, 2, 5: mean 20 / 5 = 4.0
    measurement = services.measurement_compute(actor=actor, context=NO_CLIENT,
                                               indicator=satisfaction, **period)
    assert (measurement.value, measurement.detail) == (4.0, "n = 5, median 4")
    assert measurement.measured_on == today
    assert "citizens' overall ratings" in measurement.source_label


def test_an_indicator_that_cannot_be_computed_from_the_source_says_enter_it(made, actor):
    complaints = services.indicator_create(actor=actor, context=NO_CLIENT,
                                           journey=made["journey"], kind="complaints")
    with pytest.raises(ValidationError, match="enter its figure by hand"):
        services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=complaints,
                                     journey_map=made["as_is"])


@pytest.mark.parametrize("months", [5, 25])
def test_an_evaluation_is_due_six_to_twenty_four_months_after(made, actor, months):
    with pytest.raises(ValidationError, match="6 to 24 months"):
        services.evaluation_schedule(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                     actions_taken_on=datetime.date(2025, 1, 31), months=months)


def test_evaluations_coming_due_and_overdue(made, edinburgh, erin):
    today = timezone.localdate()
    overdue = scheduled_evaluation(organisation=edinburgh, user=erin, journey=made["journey"],
                                   taken=today - datetime.timedelta(days=400), months=12)
    coming = scheduled_evaluation(organisation=edinburgh, user=erin, journey=made["journey"],
                                  taken=today - datetime.timedelta(days=170), months=6)
    scheduled_evaluation(organisation=edinburgh, user=erin, journey=made["journey"],
                         taken=today, months=24)
    due = selectors.evaluations_due(organisation=edinburgh)
    assert (due["overdue"], due["coming"]) == ([overdue], [coming])


def test_performing_an_evaluation_compares_the_maps_and_prices_contacts(made, actor, edinburgh,
                                                                       alice):
    services.contact_costs_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                               costs={"telephone": Decimal("2.50")})
    removed = Step.objects.filter(journey_map=made["to_be"]).order_by("position").last()
    journey_services.step_delete(actor=actor, context=NO_CLIENT, step=removed)
    evaluation = scheduled_evaluation(organisation=edinburgh, user=actor.user,
                                      journey=made["journey"])
    services.evaluation_perform(actor=actor, context=NO_CLIENT, evaluation=evaluation,
                                baseline_map=made["as_is"], remap=made["to_be"])
    evaluation.refresh_from_db()
    findings = evaluation.findings
    # one step of 10 minutes and 1 telephone contact removed: 10 minutes saved, 1 contact
    # avoided, priced at 1 x 2.50 = 2.50
    assert (findings["steps_removed"], findings["time_saved_minutes"],
            findings["contacts_avoided"]) == (1, 10, 1)
    assert findings["savings"]["total_text"] == "£2.50"
    assert "Costs per contact set by the organisation: telephone £2.50." in findings[
        "assumptions"]
    assert evaluation.performed_by_label == "erin"
    event = AuditEvent.objects.filter(object_type="evaluation").latest("pk")
    assert event.action == "change" and event.after["remap"] == made["to_be"].pk


def test_the_same_map_on_both_sides_is_refused(made, actor, edinburgh):
    evaluation = scheduled_evaluation(organisation=edinburgh, user=actor.user,
                                      journey=made["journey"])
    with pytest.raises(ValidationError, match="other than the baseline"):
        services.evaluation_perform(actor=actor, context=NO_CLIENT, evaluation=evaluation,
                                    baseline_map=made["as_is"], remap=made["as_is"])


def test_contact_costs_are_audited_and_a_blank_removes_the_cost(edinburgh, alice):
    admin = actor_of(alice, edinburgh)
    services.contact_costs_set(actor=admin, context=NO_CLIENT,
                               costs={"telephone": Decimal("2.83"), "post": Decimal("0.85")})
    assert services.contact_costs_set(actor=admin, context=NO_CLIENT,
                                      costs={"post": None}) == {"telephone": Decimal("2.83")}
    events = AuditEvent.objects.filter(object_type="contact costs").order_by("pk")
    assert [event.after for event in events] == [{"post": "0.85", "telephone": "2.83"},
                                                 {"post": None}]


def test_the_evidence_pack_reads_each_indicator_with_baseline_latest_target_and_source(
        made, edinburgh, stoke, erin):
    indicator_with_measurement(organisation=edinburgh, user=erin, journey=made["journey"])
    [summary] = selectors.indicators_for_journey(organisation=edinburgh,
                                                 journey=made["journey"])
    assert (summary.baseline, summary.target, summary.latest.value) == (20.0, 5.0, 12.0)
    assert summary.latest_source.startswith("entered by erin")
    assert selectors.indicators_for_journey(organisation=stoke, journey=made["journey"]) == []


def test_a_figure_has_one_source_and_a_missing_one_is_asked_for(made, actor):
    time = services.indicator_create(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                     kind="process_time")
    with pytest.raises(ValidationError, match="Choose the map or the dataset and period"):
        services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=time)
