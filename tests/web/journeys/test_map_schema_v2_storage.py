"""Map schema v2 (stages, persona, blueprint and custom lanes) is stored whole by the web."""

import pytest
from hypothesis import HealthCheck, given, settings

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import documents, selectors, services
from tests.core.maps.maps_strategies import documents_v2
from tests.web.journeys.builders import actor_of, journey_with_maps

pytestmark = pytest.mark.django_db


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=documents_v2())
def test_a_v2_map_created_through_the_services_reads_back_equal(edinburgh, erin, doc):
    made = journey_with_maps(organisation=edinburgh, user=erin, steps=1)
    # The stored title has its own length limit (the map form's), not under test here.
    expected = doc.map.model_copy(update={"title": "A map", "based_on": None})
    data = expected.model_dump(mode="json", by_alias=True)
    created = services.map_create(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                  journey=made["journey"], data=data)
    stored = selectors.map_get(organisation=edinburgh, journey_id=made["journey"].pk,
                               map_id=created.pk)
    read_back = documents.map_to_schema(stored)
    assert read_back == expected
