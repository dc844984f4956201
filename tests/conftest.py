"""Shared fixtures: two organisations and named people in each (after Healthchecks' alice/bob).

- alice: admin of Edinburgh; charlie: viewer of Edinburgh; erin: editor of Edinburgh
- bob: admin of Stoke (the other organisation, used to prove cross-tenant denial)
"""

import os
import secrets
from pathlib import Path

# Settings refuse to load without a key; scripts/test.sh sets one, this covers a bare `pytest`.
os.environ.setdefault("JOURNEYMAP_SECRET_KEY", "test-only-" + secrets.token_urlsafe(32))

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


def pytest_collection_modifyitems(config, items):
    """With JOURNEYMAP_TESTS_DATABASE_ONLY=1 (scripts/test.sh's second run, on SQLite), keep only
    the tests that use the test database, less the browser tests (see scripts/test.sh)."""
    if os.environ.get("JOURNEYMAP_TESTS_DATABASE_ONLY") != "1":
        return
    kept, dropped = [], []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        uses_database = bool(fixtures & {"db", "transactional_db"}) or item.get_closest_marker(
            "django_db")
        (kept if uses_database and "live_server" not in fixtures else dropped).append(item)
    config.hook.pytest_deselected(items=dropped)
    items[:] = kept


def shared_data_dir() -> Path:
    return Path(os.environ.get("JOURNEYMAP_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture
def edinburgh(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="City of Edinburgh Council", slug="edinburgh")


@pytest.fixture
def stoke(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Stoke-on-Trent City Council", slug="stoke")


def _member(organisation, username, role):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username=username)
    MembershipFactory(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def alice(edinburgh):
    return _member(edinburgh, "alice", "admin")


@pytest.fixture
def charlie(edinburgh):
    return _member(edinburgh, "charlie", "viewer")


@pytest.fixture
def erin(edinburgh):
    return _member(edinburgh, "erin", "editor")


@pytest.fixture
def bob(stoke):
    return _member(stoke, "bob", "admin")
