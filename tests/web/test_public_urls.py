"""Deny by default: a page needs a signed-in person unless its view is marked public
(`login_not_required`), and the public ones are exactly these."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.url_walk import ARGUMENT_FILLERS, all_routes

PUBLIC = {
    "dashboard:landing": "what journeymap is, and the way to sign in",
    "accounts:login": "signing in, with the two-factor code on the same form",
    "journeys:shared_map": "a read-only map behind an unguessable, expiring, revocable token",
    "feedback:form": "citizens tell their journey through an unguessable, closable link; "
                     "it can only add a response to its one map",
}


def _url(route, organisation) -> str:
    kwargs = {name: (organisation.slug if name == "organisation_slug"
                     else ARGUMENT_FILLERS[name](organisation)) for name in route.arguments}
    return reverse(route.name, kwargs=kwargs)


def test_the_views_marked_public_are_exactly_the_listed_ones():
    marked = {route.name for route in all_routes()
              if not getattr(route.view, "login_required", True)}
    assert marked == set(PUBLIC)


def test_the_sign_in_requirement_is_switched_on():
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


@pytest.fixture
def populated(edinburgh, erin, settings, tmp_path):
    from tests.web.actions.builders import action_on
    from tests.web.datasets.builders import private_data_dir, uploaded
    from tests.web.evidence.builders import interview_with_observations
    from tests.web.indicators.builders import indicator_with_measurement, scheduled_evaluation
    from tests.web.journeys.builders import journey_with_maps
    from tests.web.segments.builders import pension_segments

    pension_segments(organisation=edinburgh, user=erin)
    made = journey_with_maps(organisation=edinburgh, user=erin)
    interview_with_observations(organisation=edinburgh, user=erin, journey_map=made["as_is"])
    private_data_dir(settings, tmp_path)
    uploaded(organisation=edinburgh, user=erin)  # a dataset, for the dataset URLs
    indicator_with_measurement(organisation=edinburgh, user=erin, journey=made["journey"])
    scheduled_evaluation(organisation=edinburgh, user=erin, journey=made["journey"])
    action_on(organisation=edinburgh, user=erin, journey=made["journey"])  # the action URLs
    return made


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_other_url_sends_an_anonymous_visitor_to_sign_in(client, edinburgh, populated,
                                                               method):
    checked = 0
    for route in all_routes():
        if route.name in PUBLIC:
            continue
        url = _url(route, edinburgh)
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"{method.upper()} {url} ({route.name})"
        assert response.url == f"{reverse('accounts:login')}?next={url}", route.name
        checked += 1
    assert checked == len(all_routes()) - len(PUBLIC)


def test_the_public_pages_answer_an_anonymous_visitor(client, populated):
    assert client.get(reverse("dashboard:landing")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
    shared = reverse("journeys:shared_map", kwargs={"token": populated["token"]})
    assert client.get(shared).status_code == 200
    form = reverse("feedback:form", kwargs={"token": populated["feedback_token"]})
    assert client.get(form).status_code == 200
