"""Indicators and evaluations made through the real write path (the services)."""

import datetime

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.indicators import services
from tests.web.journeys.builders import actor_of


def indicator_with_measurement(*, organisation, user, journey, kind: str = "complaints",
                               value: float = 12.0):
    actor = actor_of(user, organisation)
    indicator = services.indicator_create(actor=actor, context=NO_CLIENT, journey=journey,
                                          kind=kind, data={"baseline_value": 20.0,
                                                           "baseline_on": datetime.date(2025, 1, 1),
                                                           "target_value": 5.0})
    services.measurement_record(actor=actor, context=NO_CLIENT, indicator=indicator,
                                value=value, measured_on=datetime.date(2025, 6, 30))
    return indicator


def scheduled_evaluation(*, organisation, user, journey,
                         taken: datetime.date = datetime.date(2025, 1, 15), months: int = 12):
    return services.evaluation_schedule(actor=actor_of(user, organisation), context=NO_CLIENT,
                                        journey=journey, actions_taken_on=taken, months=months)
