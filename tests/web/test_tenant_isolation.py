"""A member of one organisation can reach nothing of another, by any URL, with any method."""

import pytest
from django.apps import apps
from django.urls import reverse

from tests.web.url_walk import ARGUMENT_FILLERS, NOT_ORGANISATION_SCOPED, all_routes

# Everything a form on the site could ask for, so a missing gate would let the change through.
HOSTILE_POST = {
    "role": "admin", "username": "mallory", "email": "mallory@example.org",
    "require_admin_two_factor": "on", "action": "remove", "name": "Mallory was here",
    "title": "Mallory", "service": "Mallory", "kind": "as_is", "position": "0",
}
UNTRACKED_MODELS = {"sessions.session", "axes.accessattempt", "axes.accesslog",
                    "axes.accessfailurelog"}


def database_snapshot() -> dict:
    snapshot = {}
    for model in apps.get_models():
        if model._meta.label_lower in UNTRACKED_MODELS:
            continue
        snapshot[model._meta.label_lower] = list(model.objects.order_by("pk").values())
    return snapshot


def organisation_routes():
    return [route for route in all_routes() if route.name not in NOT_ORGANISATION_SCOPED]


def test_every_route_is_classified():
    for route in all_routes():
        if route.name in NOT_ORGANISATION_SCOPED:
            continue
        assert "organisation_slug" in route.arguments, (
            f"{route.name} takes no organisation: scope it or list it in NOT_ORGANISATION_SCOPED")
        for argument in route.arguments:
            assert argument == "organisation_slug" or argument in ARGUMENT_FILLERS, (
                f"{route.name}: add a filler for URL argument {argument!r} in url_walk.py")


@pytest.fixture
def populated(alice, charlie, erin, bob, edinburgh, stoke, settings, tmp_path):
    """Both organisations with members and journey data: a journey with an as-is map of steps,
    a to-be map started from it, revisions and a share link (in each, so ids interleave)."""
    from tests.web.actions.builders import action_on
    from tests.web.datasets.builders import imported, private_data_dir
    from tests.web.evidence.builders import interview_with_observations
    from tests.web.indicators.builders import indicator_with_measurement, scheduled_evaluation
    from tests.web.journeys.builders import journey_with_maps
    from tests.web.segments.builders import pension_segments

    private_data_dir(settings, tmp_path)
    for organisation, user in ((edinburgh, erin), (stoke, bob)):
        made = journey_with_maps(organisation=organisation, user=user)
        indicator_with_measurement(organisation=organisation, user=user,
                                   journey=made["journey"])
        scheduled_evaluation(organisation=organisation, user=user, journey=made["journey"])
        research = interview_with_observations(organisation=organisation, user=user,
                                               journey_map=made["as_is"])
        # An action in each, on the first step, that a to-be map would remove.
        action_on(organisation=organisation, user=user, journey=made["journey"],
                  steps=research["steps"][:1], observations=research["observations"][:1],
                  effect="remove", status="accepted")
        # A contact dataset in each, imported with its files, which the walk must not reach.
        imported(organisation=organisation, user=user)
    pension_segments(organisation=edinburgh, user=erin)
    pension_segments(organisation=stoke, user=bob)
    return {"victim": edinburgh, "intruder_org": stoke}


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_organisations_urls_answer_404_or_403_and_change_nothing(client, bob, populated,
                                                                        method):
    victim, own = populated["victim"], populated["intruder_org"]
    client.force_login(bob)
    before = database_snapshot()
    checked = 0
    for route in organisation_routes():
        kwargs = {name: ARGUMENT_FILLERS[name](victim) for name in route.arguments
                  if name != "organisation_slug"}
        # The victim's slug, and the intruder's own slug with the victim's object ids.
        slugs = [victim.slug] + ([own.slug] if kwargs else [])
        for slug in slugs:
            url = reverse(route.name, kwargs={"organisation_slug": slug, **kwargs})
            response = getattr(client, method)(url, HOSTILE_POST if method == "post" else None)
            assert response.status_code in (403, 404), (
                f"{method.upper()} {url} ({route.name}) answered {response.status_code}")
            checked += 1
    assert checked >= len(organisation_routes())
    assert database_snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in(client, populated):
    victim = populated["victim"]
    for route in organisation_routes():
        kwargs = {name: ARGUMENT_FILLERS[name](victim) for name in route.arguments
                  if name != "organisation_slug"}
        url = reverse(route.name, kwargs={"organisation_slug": victim.slug, **kwargs})
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_views_never_query_models_directly():
    """Tenant data is read only through selectors that take the organisation."""
    import pathlib

    import journeymap.web as web

    offenders = []
    for path in pathlib.Path(web.__file__).parent.rglob("*views*.py"):
        text = path.read_text()
        if ".objects." in text or "get_object_or_404(" in text:
            offenders.append(str(path))
    assert offenders == []
