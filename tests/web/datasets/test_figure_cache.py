"""The map page's figures come from the cache on a second view, and are worked out again when
anything they depend on changes: the links, the avoidable-contact rules."""

import re
from unittest import mock

from django.urls import reverse

from journeymap.core.analytics import step_figures
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.datasets import selectors, services
from tests.web.datasets.builders import linked
from tests.web.journeys.builders import actor_of


def map_url(journey_map):
    return reverse("journeys:map", args=[journey_map.organisation.slug,
                                         journey_map.journey_id, journey_map.pk])


def figures_of(page) -> str:
    """The map page's data section, without the per-request CSRF tokens of its forms."""
    section = page.content.decode()
    section = section[section.index('id="data-figures"'):]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", section)


def test_a_second_view_does_not_run_the_engine_and_a_change_does(client, alice, erin,
                                                                 edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    client.force_login(erin)
    with mock.patch.object(selectors, "step_figures", wraps=step_figures) as engine:
        first = figures_of(client.get(map_url(link.journey_map)))
        assert engine.call_count == 1
        assert figures_of(client.get(map_url(link.journey_map))) == first
        assert engine.call_count == 1
        services.map_link_save(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                               dataset=link.dataset, journey_map=link.journey_map,
                               links={"Phone call": "call"})
        relinked = figures_of(client.get(map_url(link.journey_map)))
        assert engine.call_count == 2
        assert relinked != first
        services.avoidable_rules_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                                     rules={"activity_patterns": {"progress_chasing": "phone"}})
        client.get(map_url(link.journey_map))
        assert engine.call_count == 3
        client.get(map_url(link.journey_map))
        assert engine.call_count == 3


def test_a_report_with_the_organisations_rules_is_analysed_once(client, alice, erin,
                                                               edinburgh):
    from journeymap.core.analytics import analyse

    link = linked(organisation=edinburgh, user=erin)
    services.avoidable_rules_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                                 rules={"activity_patterns": {"progress_chasing": "phone"}})
    url = reverse("datasets:detail", args=[edinburgh.slug, link.dataset.pk])
    client.force_login(erin)
    with mock.patch.object(selectors, "analyse", wraps=analyse) as engine:
        client.get(url)
        client.get(url)
        assert engine.call_count == 1
        client.get(url, {"started_from": "2024-03-10"})
        assert engine.call_count == 2
