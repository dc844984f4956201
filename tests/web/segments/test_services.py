"""Segment services: audited writes, unknowns kept unknown, names unique, imports all or nothing,
and a journey naming a segment only of its own organisation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from journeymap.core.segments import SegmentRow
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import services as journey_services
from journeymap.web.segments import selectors, services
from journeymap.web.segments.models import Segment
from tests.web.journeys.builders import actor_of, journey_with_maps
from tests.web.segments.builders import pension_segments


def test_a_segment_is_created_with_its_unknowns_as_null_and_audited(erin, edinburgh):
    segment = services.segment_create(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                      data={"name": "  Carers ", "complaints": 0})
    segment.refresh_from_db()
    assert (segment.name, segment.size, segment.complaints, segment.vulnerability) == (
        "Carers", None, 0, "")
    event = AuditEvent.objects.get(object_type="segment")
    assert (event.action, event.actor_label, event.after["size"], event.after["complaints"]) == (
        "create", "erin", None, 0)


def test_an_update_records_only_what_changed(erin, edinburgh):
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    services.segment_update(actor=actor_of(erin, edinburgh), context=NO_CLIENT, segment=segment,
                            data={"dissatisfied_percent": Decimal("25.5"), "size": None})
    event = AuditEvent.objects.filter(object_type="segment", action="change").get()
    assert (event.before, event.after) == (
        {"size": 4000, "dissatisfied_percent": "20.00"},
        {"size": None, "dissatisfied_percent": "25.50"})


def test_names_are_unique_in_an_organisation_ignoring_case_but_not_across(erin, edinburgh, bob,
                                                                          stoke):
    pension_segments(organisation=edinburgh, user=erin)
    with pytest.raises(ValidationError, match="already a segment called"):
        services.segment_create(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                data={"name": "MEMBERS"})
    services.segment_create(actor=actor_of(bob, stoke), context=NO_CLIENT,
                            data={"name": "Members"})


def test_out_of_range_figures_are_refused_by_field(erin, edinburgh):
    with pytest.raises(ValidationError) as caught:
        services.segment_create(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                data={"name": "X", "dissatisfied_percent": Decimal("101"),
                                      "vulnerability": "severe"})
    assert set(caught.value.error_dict) == {"dissatisfied_percent", "vulnerability"}
    assert not Segment.objects.exists()


def test_an_import_adds_and_updates_and_a_bad_row_changes_nothing(erin, edinburgh):
    pension_segments(organisation=edinburgh, user=erin)
    actor = actor_of(erin, edinburgh)
    added, updated = services.register_import(actor=actor, context=NO_CLIENT, rows=[
        SegmentRow(name="members", complaints=41), SegmentRow(name="Carers")])
    assert (added, updated) == (1, 1)
    assert Segment.objects.get(name="Members").complaints == 41
    before = list(Segment.objects.order_by("pk").values())
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match=r"Row 3 \(Students\)"):
        services.register_import(actor=actor, context=NO_CLIENT, rows=[
            SegmentRow(name="Lodgers"), SegmentRow(name="Students", priority="urgent")])
    assert list(Segment.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.count() == events


def test_a_journey_names_its_segment_and_the_segment_lists_it_with_staleness(erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    actor = actor_of(erin, edinburgh)
    services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                 segment=segment)
    [listed] = selectors.journeys_of_segment(segment=segment)
    # Mapped, but no map records when: not called stale (unknown is not old).
    assert (listed.pk, listed.last_mapped, listed.stale) == (made["journey"].pk, None, False)
    journey_services.map_update_details(actor=actor, context=NO_CLIENT,
                                        journey_map=made["as_is"],
                                        data={"mapped_on": "2025-03-01"})
    today = datetime.date(2027, 2, 28)
    [listed] = selectors.journeys_of_segment(segment=segment, today=today)
    assert (listed.last_mapped, listed.stale) == (datetime.date(2025, 3, 1), False)
    [listed] = selectors.journeys_of_segment(segment=segment, today=datetime.date(2027, 3, 2))
    assert listed.stale
    event = AuditEvent.objects.filter(object_type="journey", action="change").latest("pk")
    assert event.after == {"mapped_segment": segment.pk}


def test_a_journey_never_mapped_is_stale(erin, edinburgh):
    from journeymap.web.journeys import services as journeys

    actor = actor_of(erin, edinburgh)
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    journey = journeys.journey_create(actor=actor, context=NO_CLIENT,
                                      data={"title": "Transfers in", "service": "Pensions"})
    services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=journey,
                                 segment=segment)
    [listed] = selectors.journeys_of_segment(segment=segment)
    assert (listed.map_count, listed.stale) == (0, True)


def test_stale_line_is_two_years_back_even_from_a_leap_day():
    assert selectors.stale_before(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)
    assert selectors.stale_before(datetime.date(2027, 6, 15)) == datetime.date(2025, 6, 15)


def test_a_journey_cannot_name_another_organisations_segment(erin, edinburgh, bob, stoke):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    stoke_segment = pension_segments(organisation=stoke, user=bob)[0]
    with pytest.raises(PermissionDenied):
        services.journey_set_segment(actor=actor_of(erin, edinburgh), context=NO_CLIENT,
                                     journey=made["journey"], segment=stoke_segment)
    made["journey"].refresh_from_db()
    assert made["journey"].mapped_segment_id is None


def test_removing_a_segment_keeps_its_journeys(erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    actor = actor_of(erin, edinburgh)
    services.journey_set_segment(actor=actor, context=NO_CLIENT, journey=made["journey"],
                                 segment=segment)
    services.segment_delete(actor=actor, context=NO_CLIENT, segment=segment)
    made["journey"].refresh_from_db()
    assert made["journey"].mapped_segment_id is None
    assert AuditEvent.objects.filter(object_type="segment", action="delete").exists()
