"""Journey data made through the real write path (the services), for the web tests."""

import datetime

from django.utils import timezone

from journeymap.web.accounts.actors import MemberActor
from journeymap.web.accounts.selectors import member_actor_get
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services


def step_data(name: str, **fields) -> dict:
    return {"name": name, **fields}


def actor_of(user, organisation) -> MemberActor:
    return member_actor_get(user=user, organisation_slug=organisation.slug)


def journey_with_maps(*, organisation, user, steps: int = 3) -> dict:
    """A journey, an as-is map with `steps` steps, a to-be map started from it, a share link and
    a feedback link to the as-is map."""
    from journeymap.web.feedback import services as feedback_services

    actor = actor_of(user, organisation)
    journey = services.journey_create(actor=actor, context=NO_CLIENT, data={
        "title": f"Joining the pension scheme ({organisation.slug})",
        "service": "Pension scheme membership", "segment": "New scheme members"})
    as_is = services.map_create(actor=actor, context=NO_CLIENT, journey=journey, data={
        "title": "Joining – as is", "kind": "as_is",
        "steps": [{"id": f"s{number}", "name": f"Step {number}", "emotion": (number % 5) - 2,
                   "time_taken_minutes": 10.0, "contacts": 1,
                   "touchpoints": [{"channel": "telephone", "description": "Call"}]}
                  for number in range(1, steps + 1)]})
    to_be = services.map_copy(actor=actor, context=NO_CLIENT, source=as_is, kind="to_be_gold",
                              title="Joining – to be")
    link, token = services.share_create(
        actor=actor, context=NO_CLIENT, journey_map=as_is,
        expires_at=timezone.now() + datetime.timedelta(days=7), label="Board")
    feedback_link, feedback_token = feedback_services.feedback_link_create(
        actor=actor, context=NO_CLIENT, journey_map=as_is, label="Reception")
    return {"actor": actor, "journey": journey, "as_is": as_is, "to_be": to_be,
            "share_link": link, "token": token, "feedback_link": feedback_link,
            "feedback_token": feedback_token}
