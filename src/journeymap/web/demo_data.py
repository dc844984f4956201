"""Demo data for `journeymap demo`: two councils written from the seeds' case studies.

Loading is idempotent: running the demo again keeps what people did in it and only resets the
demo user's password (printed by the CLI), so the login always works.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from journeymap.core.maps.demo import load_demo_documents
from journeymap.web.accounts.actors import MemberActor, Permission, SystemActor
from journeymap.web.accounts.models import Membership, Organisation, Role
from journeymap.web.accounts.services import membership_create, organisation_create
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.demo_research import demo_segments_and_research_load
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import Journey, JourneyMap

DEMO_ORGANISATIONS = [
    ("City of Edinburgh Council", "edinburgh"),
    ("Stoke-on-Trent City Council", "stoke"),
]
DEMO_PEOPLE = [
    # username, organisation slug, role
    ("demo", "edinburgh", Role.ADMIN),
    ("analyst", "edinburgh", Role.EDITOR),
    ("frontline", "edinburgh", Role.VIEWER),
    ("stoke-admin", "stoke", Role.ADMIN),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    organisation_name: str


DEMO_SET_UP = SystemActor(task="demo", permissions=frozenset({Permission.SET_UP}))


@transaction.atomic
def demo_load() -> DemoLogin:
    user_model = get_user_model()
    organisations = {}
    for name, slug in DEMO_ORGANISATIONS:
        organisations[slug] = (
            Organisation.objects.filter(slug=slug).first()
            or organisation_create(actor=DEMO_SET_UP, context=NO_CLIENT, name=name, slug=slug))
    passwords = {}
    for username, slug, role in DEMO_PEOPLE:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username,
                                                  email=f"{username}@example.org")
        passwords[username] = secrets.token_urlsafe(12)
        user.set_password(passwords[username])
        user.save(update_fields=["password"])
        if not Membership.objects.filter(user=user, organisation=organisations[slug]).exists():
            membership_create(actor=DEMO_SET_UP, context=NO_CLIENT,
                              organisation=organisations[slug], user=user, role=role)
    demo_admin = Membership.objects.select_related("user", "organisation").get(
        user__username="demo", organisation=organisations["edinburgh"])
    demo_journeys_load(actor=MemberActor.of(demo_admin))
    demo_segments_and_research_load(actor=MemberActor.of(demo_admin),
                                    today=timezone.localdate())
    return DemoLogin(username="demo", password=passwords["demo"],
                     organisation_name=organisations["edinburgh"].name)


def demo_journeys_load(*, actor: MemberActor) -> None:
    """The seeds' two Edinburgh journeys, each with its as-is and to-be map, through the one
    write path (so they are audited and have a first revision like any other map)."""
    if Journey.objects.for_organisation(actor.organisation).exists():
        return
    journeys: dict[str, Journey] = {}
    maps_by_title: dict[str, JourneyMap] = {}
    for document in load_demo_documents():
        journey = journeys.get(document.journey.title)
        if journey is None:
            journey = journey_services.journey_create(
                actor=actor, context=NO_CLIENT, data=document.journey.model_dump(mode="json"))
            journeys[document.journey.title] = journey
        journey_map = journey_services.map_create(
            actor=actor, context=NO_CLIENT, journey=journey,
            data=document.map.model_dump(mode="json"),
            based_on=maps_by_title.get(document.map.based_on or ""))
        maps_by_title[journey_map.title] = journey_map
