"""Demo data for `journeymap demo`: two councils written from the seeds' case studies.

Loading is idempotent: running the demo again keeps what people did in it and only resets the
demo user's password (printed by the CLI), so the login always works.
"""

import datetime
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from journeymap.core.analytics import write_synth
from journeymap.core.maps.demo import load_demo_documents
from journeymap.web.accounts.actors import MemberActor, Permission, SystemActor
from journeymap.web.accounts.models import Membership, Organisation, Role
from journeymap.web.accounts.services import membership_create, organisation_create
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.datasets import services as dataset_services
from journeymap.web.datasets.models import Dataset
from journeymap.web.datasets.tasks import system_for
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
    analyst = Membership.objects.select_related("user", "organisation").get(
        user__username="analyst", organisation=organisations["edinburgh"])
    demo_dataset_load(actor=MemberActor.of(analyst))
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



DEMO_DATASET = "Benefit claims and repairs contact log (synthetic)"
DEMO_CASES = 600
#: The synthetic log's benefit-claim activities at the steps of "Claiming benefits – as is".
DEMO_LINKS = {"General enquiry": "find-out", "Submit claim": "apply",
              "Request evidence": "evidence", "Scan evidence": "evidence",
              "Decide claim": "decision", "Correct award": "query-errors"}
DEMO_MAP = "Claiming benefits – as is"


def demo_dataset_load(*, actor: MemberActor) -> Dataset | None:
    """A synthetic contact log (`core.analytics.synth`), uploaded, confirmed and imported
    through the same services as a real one, and linked to the benefits claim map, so a new
    user sees figures on a map at once. The import runs here rather than in the worker, so
    the figures are there before the server starts; the queued task then finds it done."""
    organisation = actor.organisation
    if Dataset.objects.for_organisation(organisation).filter(name=DEMO_DATASET).exists():
        return None
    journey_map = JourneyMap.objects.for_organisation(organisation).filter(
        title=DEMO_MAP).first()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "contacts.csv"
        write_synth(cases=DEMO_CASES, out=source)
        dataset = dataset_services.dataset_upload(
            actor=actor, context=NO_CLIENT, name=DEMO_DATASET,
            upload=SimpleUploadedFile("benefit-and-repair-contacts.csv", source.read_bytes()))
    dataset = dataset_services.dataset_import_request(
        actor=actor, context=NO_CLIENT, dataset=dataset,
        mapping={"case": "case_id", "time": "timestamp", "activity": "activity",
                 "channel": "channel", "service": "service", "organisation": None,
                 "reason": "reason", "outcome": "outcome"},
        contacts={"kind": "channel"}, timezone_name="UTC", day_first=True,
        retain_until=timezone.localdate() + datetime.timedelta(days=365),
        small_number_threshold=5)
    dataset = dataset_services.dataset_import_run(
        actor=system_for(organisation.pk, "demo import"), context=NO_CLIENT, dataset=dataset)
    if dataset.status == Dataset.Status.READY and journey_map is not None:
        dataset_services.map_link_save(actor=actor, context=NO_CLIENT, dataset=dataset,
                                       journey_map=journey_map, links=DEMO_LINKS)
    return dataset
