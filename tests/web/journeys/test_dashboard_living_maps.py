"""The dashboard lists living maps needing attention (overdue review, no owner) and journeys."""

import datetime

from django.urls import reverse
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services
from tests.web.journeys.builders import journey_with_maps


def test_overdue_and_unowned_maps_are_listed_for_the_organisation_only(client, charlie, erin,
                                                                       bob, edinburgh, stoke):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    journey_with_maps(organisation=stoke, user=bob)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    next_year = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    services.map_update_details(actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
                                data={"review_by": yesterday, "owner": "Pat"})
    services.map_update_details(actor=made["actor"], context=NO_CLIENT, journey_map=made["to_be"],
                                data={"review_by": next_year, "owner": ""})
    client.force_login(charlie)
    page = client.get(reverse("dashboard:organisation", args=["edinburgh"])).content.decode()
    overdue = page[page.index('id="overdue-maps"'):page.index('id="unowned-maps"')]
    unowned = page[page.index('id="unowned-maps"'):page.index("People")]
    assert "Joining – as is" in overdue and "Joining – to be" not in overdue
    assert "owner Pat" in overdue
    assert "Joining – to be" in unowned and "Joining – as is" not in unowned
    assert "(edinburgh)" in page and "(stoke)" not in page
    assert ">1 journey</a>" in page
