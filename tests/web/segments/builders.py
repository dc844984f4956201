"""Segments made through the real write path (the services), for the web tests."""

from decimal import Decimal

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.segments import services
from tests.web.journeys.builders import actor_of

# Edinburgh pension fund's three scheme-member segments (Step 1 of the guide), with figures
# made up for the tests; the last has some not known.
PENSION_SEGMENTS = [
    {"group": "Scheme members", "name": "New scheme members", "size": 4000,
     "dissatisfied_percent": Decimal("20"), "complaints": 10, "journeys_per_year": 8000,
     "vulnerability": "low", "needs": "To understand what the scheme gives them"},
    {"group": "Scheme members", "name": "Members", "size": 40000,
     "dissatisfied_percent": Decimal("10"), "complaints": 40, "journeys_per_year": 20000,
     "vulnerability": "medium"},
    {"group": "Scheme members", "name": "Members approaching retirement", "size": 2000,
     "dissatisfied_percent": Decimal("50"), "complaints": 20, "journeys_per_year": None,
     "vulnerability": "high", "greatest_need_notes": "Those retiring on ill-health grounds"},
]


def pension_segments(*, organisation, user) -> list:
    actor = actor_of(user, organisation)
    return [services.segment_create(actor=actor, context=NO_CLIENT, data=data)
            for data in PENSION_SEGMENTS]
