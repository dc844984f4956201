"""Fixtures for the feedback tests: a map with a feedback link, a clean rate-limit cache, no
minimum time (tests answer faster than a person; the check itself is tested with it set)."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from tests.web.journeys.builders import journey_with_maps


@pytest.fixture(autouse=True)
def _feedback_settings(settings, request):
    settings.FEEDBACK_MIN_SECONDS = 0
    # The rate limits' cache is a database table: cleared where the test has a database
    # (a transactional test's flush leaves it, as it is no model's table).
    uses_database = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if uses_database:
        request.getfixturevalue("transactional_db" if uses_database - {"db"} else "db")
    rate_limits = caches[django_settings.RATE_LIMIT_CACHE]
    if uses_database:
        rate_limits.clear()
    yield
    if uses_database:
        rate_limits.clear()


@pytest.fixture
def made(edinburgh, erin):
    """Edinburgh's journey: an as-is map of three steps and a feedback link to it."""
    return journey_with_maps(organisation=edinburgh, user=erin)
