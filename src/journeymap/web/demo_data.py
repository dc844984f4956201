"""Demo data for `journeymap demo`: two councils written from the seeds' case studies.

Loading is idempotent: running the demo again keeps what people did in it and only resets the
demo user's password (printed by the CLI), so the login always works.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from journeymap.web.accounts.models import Membership, Organisation, Role
from journeymap.web.accounts.services import membership_create, organisation_create

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


@transaction.atomic
def demo_load() -> DemoLogin:
    user_model = get_user_model()
    organisations = {}
    for name, slug in DEMO_ORGANISATIONS:
        organisations[slug] = (Organisation.objects.filter(slug=slug).first()
                               or organisation_create(name=name, slug=slug))
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
            membership_create(organisation=organisations[slug], user=user, role=role)
    return DemoLogin(username="demo", password=passwords["demo"],
                     organisation_name=organisations["edinburgh"].name)
