"""Fixtures for the feedback tests: a map with a feedback link, a clean rate-limit cache, no
minimum time (tests answer faster than a person; the check itself is tested with it set)."""

import pytest
from django.core.cache import cache

from tests.web.journeys.builders import journey_with_maps


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_MIN_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def made(edinburgh, erin):
    """Edinburgh's journey: an as-is map of three steps and a feedback link to it."""
    return journey_with_maps(organisation=edinburgh, user=erin)
