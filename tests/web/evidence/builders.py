"""Research evidence made through the real write path (the services), for the web tests."""

import datetime

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.evidence import services
from journeymap.web.journeys.models import Step
from tests.web.journeys.builders import actor_of


def interview_with_observations(*, organisation, user, journey_map, retain_until=None) -> dict:
    """An interview of six participants with one observation on each of the map's first three
    steps."""
    actor = actor_of(user, organisation)
    activity = services.activity_create(actor=actor, context=NO_CLIENT, data={
        "title": "Interviews with new claimants", "kind": "interview",
        "objectives": "Why do claims stall after the form?",
        "critical_questions": "What happened next? How did you feel?",
        "held_on": datetime.date(2026, 3, 4), "participants": 6,
        "sample_make_up": "6 claimants, 3 women and 3 men", "consent_recorded": True,
        "retain_until": retain_until or datetime.date(2028, 3, 4)})
    steps = list(Step.objects.filter(journey_map=journey_map).order_by("position")[:3])
    observations = [
        services.observation_add(actor=actor, context=NO_CLIENT, activity=activity, step=step,
                                 data={"participant": number, "note": f"Quote {number}",
                                       "feeling": -1, "channel": "telephone",
                                       "pain_point": number == 2})
        for number, step in enumerate(steps, start=1)]
    proposal = services.proposed_step_add(
        actor=actor, context=NO_CLIENT, activity=activity, journey_map=journey_map,
        after_step=steps[0], data={"name": "Ring to check the form arrived",
                                   "description": "Four of six rang to check"})
    return {"activity": activity, "observations": observations, "steps": steps,
            "proposal": proposal}
