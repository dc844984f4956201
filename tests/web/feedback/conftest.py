"""Fixtures for the feedback tests: a map with a feedback link, and no minimum time (tests
answer faster than a person; the check itself is tested with it set). The rate limits' counts
are a model's table, so each test starts with none."""

import pytest

from tests.web.journeys.builders import journey_with_maps


@pytest.fixture(autouse=True)
def _feedback_settings(settings):
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def made(edinburgh, erin):
    """Edinburgh's journey: an as-is map of three steps and a feedback link to it."""
    return journey_with_maps(organisation=edinburgh, user=erin)
