"""Improvement actions made through the real write path (the services), for the web tests."""

from journeymap.web.actions import services
from journeymap.web.audit.context import NO_CLIENT
from tests.web.journeys.builders import actor_of


def action_on(*, organisation, user, journey, steps=(), observations=(), **data):
    """An action on `journey` answering `steps`; `data` overrides the defaults."""
    return services.action_create(
        actor=actor_of(user, organisation), context=NO_CLIENT, journey=journey,
        steps=list(steps), observations=list(observations),
        data={"title": "Check claim forms at reception", "category": "process", **data})
