"""Indicators and evaluations from an imported contact dataset and a period: always the
suppressed figures, and contacts only where the dataset says which events are contacts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.indicators import services
from tests.web.datasets.builders import contact_csv, imported, private_data_dir
from tests.web.indicators.builders import scheduled_evaluation
from tests.web.journeys.builders import journey_with_maps

MARCH = {"period_from": datetime.date(2024, 3, 1), "period_to": datetime.date(2024, 3, 31)}
NO_CONTACTS = {"case": "Case ID", "time": "Timestamp", "activity": "Activity", "channel": None,
               "service": None, "organisation": None, "reason": None, "outcome": None}


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    return private_data_dir(settings, tmp_path)


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def test_contacts_and_duration_of_a_period(made, edinburgh, erin):
    # 22 cases from 1 to 22 March, each one phone contact then, 2.5 hours later, back-office work
    dataset = imported(organisation=edinburgh, user=erin, content=contact_csv(cases=20))
    actor = made["actor"]
    contacts = services.indicator_create(actor=actor, context=NO_CLIENT,
                                         journey=made["journey"], kind="contacts")
    measurement = services.measurement_compute(actor=actor, context=NO_CLIENT,
                                               indicator=contacts, dataset=dataset, **MARCH)
    assert (measurement.value, measurement.measured_on) == (22, datetime.date(2024, 3, 31))
    assert measurement.source_label == ("dataset Council Tax contacts, cases started 1 March "
                                        "2024 to 31 March 2024")
    duration = services.indicator_create(actor=actor, context=NO_CLIENT,
                                         journey=made["journey"], kind="process_time")
    assert services.measurement_compute(actor=actor, context=NO_CLIENT, indicator=duration,
                                        dataset=dataset, **MARCH).value == 150


def test_contacts_are_not_known_when_the_log_does_not_say_which_events_are(made, edinburgh,
                                                                           erin):
    dataset = imported(organisation=edinburgh, user=erin, mapping=NO_CONTACTS, contacts=None)
    contacts = services.indicator_create(actor=made["actor"], context=NO_CLIENT,
                                         journey=made["journey"], kind="contacts")
    with pytest.raises(ValidationError,
                       match="the log does not say which events are contacts"):
        services.measurement_compute(actor=made["actor"], context=NO_CLIENT,
                                     indicator=contacts, dataset=dataset, **MARCH)
    assert not contacts.measurements.exists()


def test_an_evaluation_with_a_dataset_before_and_after(made, edinburgh, erin):
    dataset = imported(organisation=edinburgh, user=erin, content=contact_csv(cases=20))
    evaluation = scheduled_evaluation(organisation=edinburgh, user=erin,
                                      journey=made["journey"])
    services.evaluation_perform(
        actor=made["actor"], context=NO_CLIENT, evaluation=evaluation,
        baseline_map=made["as_is"], remap=made["to_be"], dataset=dataset,
        before=(datetime.date(2024, 3, 1), datetime.date(2024, 3, 15)),
        after=(datetime.date(2024, 3, 16), datetime.date(2024, 3, 31)))
    evaluation.refresh_from_db()
    lines = {line["label"]: line["value"] for line in evaluation.findings["lines"]}
    # 15 cases (and phone contacts) started 1-15 March, 7 started 16-22 March
    assert lines["Contacts in the dataset"].startswith("15 (contacts as the log defines them")
    assert "→ 7 (" in lines["Contacts in the dataset"]
    # 8 phone contacts avoided; "phone" is the log's own channel name, with no cost set
    assert evaluation.findings["savings"]["unpriced"] == [{"channel": "phone",
                                                           "contacts_avoided": 8}]
    assert evaluation.findings["savings"]["total"] is None


def test_a_contact_logs_own_channel_can_be_priced(made, edinburgh, erin, alice):
    """The log calls its channel "phone", not the maps' "telephone": the costs page offers the
    log's own name, and the evaluation prices the contacts avoided with it."""
    from decimal import Decimal

    from journeymap.web.indicators import selectors
    from tests.web.journeys.builders import actor_of

    dataset = imported(organisation=edinburgh, user=erin, content=contact_csv(cases=20))
    assert selectors.log_channels(organisation_id=edinburgh.pk) == ["phone"]
    services.contact_costs_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                               costs={"phone": Decimal("2.50")})
    with pytest.raises(ValidationError, match="Not a channel of the maps or of a contact log"):
        services.contact_costs_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                                   costs={"pigeon": Decimal("1")})
    evaluation = scheduled_evaluation(organisation=edinburgh, user=erin,
                                      journey=made["journey"])
    services.evaluation_perform(
        actor=made["actor"], context=NO_CLIENT, evaluation=evaluation,
        baseline_map=made["as_is"], remap=made["to_be"], dataset=dataset,
        before=(datetime.date(2024, 3, 1), datetime.date(2024, 3, 15)),
        after=(datetime.date(2024, 3, 16), datetime.date(2024, 3, 31)))
    evaluation.refresh_from_db()
    # 15 phone contacts before, 7 after: 8 avoided at £2.50 each = £20.00
    assert evaluation.findings["savings"]["unpriced"] == []
    assert Decimal(evaluation.findings["savings"]["total"]) == Decimal("20.00")
