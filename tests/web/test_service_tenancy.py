"""Every write service checks, itself, who may act and on what: called directly (no view, no
gate in front) with another organisation's object, or by an actor whose role or kind does not
allow the change, it refuses with PermissionDenied and changes nothing, not even the audit log.

The services are found by walking the services modules, so a new one fails
`test_every_write_service_is_covered` until it is added to `CALLS` below.
"""

import datetime
import inspect
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from journeymap.core.segments import SegmentRow
from journeymap.web.accounts import services as accounts_services
from journeymap.web.accounts.actors import (
    AnonymousActor,
    MemberActor,
    Permission,
    PersonActor,
    SystemActor,
)
from journeymap.web.accounts.models import Membership
from journeymap.web.actions import services as action_services
from journeymap.web.audit.context import AuditContext
from journeymap.web.datasets import services as dataset_services
from journeymap.web.datasets.models import MapLink
from journeymap.web.evidence import services as evidence_services
from journeymap.web.feedback import services as feedback_services
from journeymap.web.indicators import services as indicator_services
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys import services as journey_services
from journeymap.web.journeys.models import MapRevision, Step
from journeymap.web.packs import services as pack_services
from journeymap.web.segments import services as segment_services
from journeymap.web.segments.models import Segment
from tests.web.actions.builders import action_on
from tests.web.datasets.builders import contact_csv, private_data_dir, upload, uploaded
from tests.web.evidence.builders import interview_with_observations
from tests.web.indicators.builders import indicator_with_measurement, scheduled_evaluation
from tests.web.journeys.builders import actor_of, journey_with_maps
from tests.web.segments.builders import pension_segments
from tests.web.test_tenant_isolation import database_snapshot

SERVICE_MODULES = (accounts_services, journey_services, segment_services, evidence_services,
                   feedback_services, dataset_services, pack_services, indicator_services,
                   action_services)
NOT_WRITE_SERVICES = {"journeys.share_token_hash": "hashes a token, writes nothing",
                      "segments.snapshot": "reads a segment's fields for the audit log",
                      "evidence.activity_snapshot": "reads an activity's fields",
                      "feedback.feedback_token_hash": "hashes a token, writes nothing",
                      "actions.action_snapshot": "reads an action's fields and links"}
PASSWORD = "a long pass phrase 7"


def write_services() -> dict:
    found = {}
    for module in SERVICE_MODULES:
        app = module.__name__.split(".")[-2]
        for name, function in inspect.getmembers(module, inspect.isfunction):
            key = f"{app}.{name}"
            if (function.__module__ == module.__name__ and not name.startswith("_")
                    and key not in NOT_WRITE_SERVICES):
                found[key] = function
    return found


# How to call each service on the victim organisation's objects (`v`, built below).
CALLS = {
    "accounts.organisation_create": lambda v: {"name": "Mallory Council"},
    "accounts.user_create": lambda v: {"username": "mallory", "password": PASSWORD},
    "accounts.admin_create": lambda v: {"organisation_name": v["organisation"].name,
                                        "username": "mallory", "email": "",
                                        "password": PASSWORD},
    "accounts.membership_create": lambda v: {"organisation": v["organisation"],
                                             "user": v["outsider"], "role": "admin"},
    "accounts.member_invite": lambda v: {"username": "mallory", "email": "", "role": "admin"},
    "accounts.membership_change_role": lambda v: {"membership": v["membership"],
                                                  "role": "admin"},
    "accounts.membership_remove": lambda v: {"membership": v["membership"]},
    "accounts.organisation_settings_update": lambda v: {"organisation": v["organisation"],
                                                        "require_admin_two_factor": True},
    "journeys.journey_create": lambda v: {"data": {"title": "Mallory", "service": "Mallory"}},
    "journeys.journey_update": lambda v: {"journey": v["journey"], "data": {"title": "Mallory"}},
    "journeys.map_create": lambda v: {"journey": v["journey"],
                                      "data": {"title": "Mallory", "kind": "as_is"}},
    "journeys.document_import": lambda v: {"journey": v["journey"],
                                           "document": documents.document_for(v["as_is"])},
    "journeys.map_copy": lambda v: {"source": v["as_is"], "kind": "to_be_gold",
                                    "title": "Mallory"},
    "journeys.map_update_details": lambda v: {"journey_map": v["as_is"],
                                              "data": {"title": "Mallory"}},
    "journeys.map_delete": lambda v: {"journey_map": v["as_is"]},
    "journeys.map_set_persona": lambda v: {"journey_map": v["as_is"],
                                           "data": {"name": "Mallory"}},
    "journeys.map_set_stages": lambda v: {"journey_map": v["as_is"],
                                          "stages": [{"id": "m", "name": "Mallory"}],
                                          "step_stages": {}},
    "journeys.map_set_lanes": lambda v: {"journey_map": v["as_is"],
                                         "lanes": [{"id": "m", "name": "Mallory"}],
                                         "hidden_lanes": []},
    "journeys.map_restore": lambda v: {"journey_map": v["as_is"], "revision": v["revision"]},
    "journeys.step_add": lambda v: {"journey_map": v["as_is"], "data": {"name": "Mallory"}},
    "journeys.step_update": lambda v: {"step": v["step"], "data": {"name": "Mallory"},
                                       "expected_version": v["step"].version},
    "journeys.steps_update": lambda v: {"journey_map": v["as_is"], "changes": [
        (v["step"], {"name": "Mallory"}, v["step"].version)]},
    "journeys.step_move": lambda v: {"step": v["step"], "position": 2},
    "journeys.step_delete": lambda v: {"step": v["step"]},
    "journeys.share_create": lambda v: {
        "journey_map": v["as_is"], "label": "Mallory",
        "expires_at": timezone.now() + datetime.timedelta(days=3)},
    "journeys.share_revoke": lambda v: {"link": v["share_link"]},
    "segments.segment_create": lambda v: {"data": {"name": "Mallory"}},
    "segments.segment_update": lambda v: {"segment": v["segment"], "data": {"name": "Mallory"}},
    "segments.segment_delete": lambda v: {"segment": v["segment"]},
    "segments.register_import": lambda v: {"rows": [SegmentRow(name="Mallory")]},
    "segments.journey_set_segment": lambda v: {"journey": v["journey"],
                                               "segment": v["segment"]},
    "segments.segment_set_persona": lambda v: {"segment": v["segment"],
                                               "persona": {"name": "Mallory"}},
    "segments.map_take_segment_persona": lambda v: {"journey_map": v["as_is"]},
    "evidence.activity_create": lambda v: {"data": {
        "title": "Mallory", "kind": "interview", "objectives": "x",
        "retain_until": datetime.date(2030, 1, 1)}},
    "evidence.activity_update": lambda v: {"activity": v["activity"],
                                           "data": {"title": "Mallory"}},
    "evidence.activity_delete": lambda v: {"activity": v["activity"]},
    "evidence.observation_add": lambda v: {"activity": v["activity"], "step": v["step"],
                                           "data": {"note": "Mallory"}},
    "evidence.observation_delete": lambda v: {"observation": v["observation"]},
    "evidence.retention_sweep": lambda v: {"today": datetime.date(2100, 1, 1)},
    "evidence.proposed_step_add": lambda v: {"activity": v["activity"], "journey_map": v["as_is"],
                                             "after_step": v["step"],
                                             "data": {"name": "Mallory"}},
    "evidence.proposed_step_accept": lambda v: {"proposal": v["proposal"], "into": v["as_is"]},
    "evidence.proposed_step_decline": lambda v: {"proposal": v["proposal"]},
    "feedback.feedback_link_create": lambda v: {"journey_map": v["as_is"], "label": "Mallory"},
    "feedback.feedback_link_close": lambda v: {"link": v["feedback_link"]},
    "feedback.feedback_link_reopen": lambda v: {"link": v["closed_feedback_link"]},
    "feedback.map_translation_save": lambda v: {
        "journey_map": v["as_is"], "language": "cy", "journey_title": "Mallory",
        "steps": {step.pk: feedback_services.StepWords("Mallory")
                  for step in v["as_is"].steps.all()}},
    # Only a feedback link may submit, and only to its own map (tests/web/feedback).
    "feedback.feedback_submit": lambda v: {
        "link": v["feedback_link"], "submission_id": uuid.UUID(int=66),
        "answers": {"steps": {}, "overall_rating": 1}},
    "datasets.dataset_upload": lambda v: {"name": "Mallory", "upload": upload(contact_csv())},
    "datasets.dataset_import_request": lambda v: {
        "dataset": v["dataset"], "mapping": {"case": "Case ID"}, "contacts": None,
        "timezone_name": "UTC", "day_first": True,
        "retain_until": timezone.localdate() + datetime.timedelta(days=9),
        "small_number_threshold": 2},
    "datasets.dataset_import_run": lambda v: {"dataset": v["dataset"]},
    "datasets.dataset_expire": lambda v: {
        "dataset": v["dataset"], "today": v["dataset"].retain_until + datetime.timedelta(days=1)},
    "packs.pack_generate": lambda v: {"journey": v["journey"], "pack_format": "html"},
    "indicators.indicator_create": lambda v: {"journey": v["journey"], "kind": "complaints"},
    "indicators.indicator_update": lambda v: {"indicator": v["indicator"],
                                              "data": {"target_value": 1.0}},
    "indicators.indicator_delete": lambda v: {"indicator": v["indicator"]},
    "indicators.measurement_delete": lambda v: {"measurement": v["indicator"].measurements.get()},
    "indicators.measurement_record": lambda v: {"indicator": v["indicator"], "value": 1.0,
                                                "measured_on": datetime.date(2025, 1, 1)},
    "indicators.measurement_compute": lambda v: {"indicator": v["steps_indicator"],
                                                 "journey_map": v["as_is"]},
    "indicators.contact_costs_set": lambda v: {"costs": {"telephone": 1}},
    "indicators.evaluation_schedule": lambda v: {"journey": v["journey"],
                                                 "actions_taken_on": datetime.date(2025, 1, 1)},
    "indicators.evaluation_perform": lambda v: {"evaluation": v["evaluation"],
                                                "baseline_map": v["as_is"],
                                                "remap": v["to_be"]},
    "actions.action_create": lambda v: {"journey": v["journey"], "steps": [v["step"]],
                                        "data": {"title": "Mallory", "category": "policy"}},
    "actions.action_update": lambda v: {"action": v["action"], "data": {"title": "Mallory"},
                                        "steps": [], "observations": []},
    "actions.action_set_status": lambda v: {"action": v["action"], "status": "done"},
    "actions.action_delete": lambda v: {"action": v["action"]},
    "actions.to_be_generate": lambda v: {"source": v["as_is"], "title": "Mallory"},
    "datasets.dataset_fail_stale_import": lambda v: {"dataset": v["dataset"],
                                                     "now": timezone.now()},
    "datasets.map_link_save": lambda v: {"dataset": v["dataset"], "journey_map": v["as_is"],
                                         "links": {"Phone call": v["step"].key}},
    "datasets.step_fill_from_data": lambda v: {"link": v["map_link"], "step": v["step"]},
    "datasets.avoidable_rules_set": lambda v: {"rules": {"resolved_pattern": "done"}},
}
# Services a viewer may call: they change nothing but the audit log, which records that a
# viewer read (exported) something.
VIEWER_MAY = {"packs.pack_generate"}
# Services handed no object of an organisation: they create in the actor's own organisation, or
# set up the installation (a new organisation, an account). Another organisation's object cannot
# be passed to them; their refusals by role and kind of actor are tested below.
NO_ORGANISATION_OBJECT = {
    "accounts.organisation_create", "accounts.user_create", "accounts.admin_create",
    "accounts.member_invite", "journeys.journey_create", "segments.segment_create",
    "segments.register_import", "evidence.activity_create", "evidence.retention_sweep",
    "datasets.dataset_upload", "indicators.contact_costs_set", "datasets.avoidable_rules_set",
}
SET_UP_SERVICES = {"accounts.organisation_create", "accounts.user_create",
                   "accounts.admin_create", "accounts.membership_create"}
CONTEXT = AuditContext(client_address="192.0.2.66")


@pytest.fixture
def victim(edinburgh, stoke, alice, charlie, erin, bob, settings, tmp_path):
    """Edinburgh's objects of every kind; Stoke has its own, so ids interleave."""
    made = journey_with_maps(organisation=edinburgh, user=erin)
    journey_with_maps(organisation=stoke, user=bob)
    pension_segments(organisation=edinburgh, user=erin)
    pension_segments(organisation=stoke, user=bob)
    research = interview_with_observations(organisation=edinburgh, user=erin,
                                           journey_map=made["as_is"])
    private_data_dir(settings, tmp_path)
    uploaded(organisation=stoke, user=bob)
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    dataset = uploaded(organisation=edinburgh, user=erin)
    return {
        "indicator": indicator, "to_be": made["to_be"],
        "steps_indicator": indicator_services.indicator_create(
            actor=made["actor"], context=CONTEXT, journey=made["journey"], kind="steps"),
        "evaluation": scheduled_evaluation(organisation=edinburgh, user=erin,
                                           journey=made["journey"]),
        "action": action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                            steps=[research["steps"][0]], effect="remove", status="accepted"),
        "dataset": dataset,
        "map_link": MapLink.objects.create(organisation=edinburgh, dataset=dataset,
                                           journey_map=made["as_is"], linked_by_label="erin",
                                           steps={"Phone call": "s1"}),
        "activity": research["activity"], "observation": research["observations"][0],
        "proposal": research["proposal"],
        "segment": Segment.objects.filter(organisation=edinburgh).order_by("pk").first(),
        "stoke_segment": Segment.objects.filter(organisation=stoke).order_by("pk").first(),
        "organisation": edinburgh, "journey": made["journey"], "as_is": made["as_is"],
        "share_link": made["share_link"], "outsider": bob,
        "feedback_link": made["feedback_link"],
        "closed_feedback_link": feedback_services.feedback_link_close(
            actor=made["actor"], context=CONTEXT, link=feedback_services.feedback_link_create(
                actor=made["actor"], context=CONTEXT, journey_map=made["as_is"])[0]),
        "membership": Membership.objects.select_related("user", "organisation").get(
            user=charlie, organisation=edinburgh),
        "step": Step.objects.filter(journey_map=made["as_is"]).order_by("position").first(),
        "revision": MapRevision.objects.filter(journey_map=made["as_is"]).order_by("pk").first(),
        "stoke_map": selectors.maps_of(journey=selectors.journeys_of(organisation=stoke)
                                       .get()).order_by("pk").first(),
    }


def refused_and_nothing_changed(service, actor, kwargs) -> None:
    before = database_snapshot()
    with pytest.raises(PermissionDenied):
        service(actor=actor, context=CONTEXT, **kwargs)
    assert database_snapshot() == before


def refusals(actor, names, victim) -> list[str]:
    """Each named service called as `actor`; the ones that did not refuse, or changed something.

    One world serves every call: a refusal changes nothing, which is asserted after each (once
    a service wrongly goes through, later calls may fail for that reason; the first name tells).
    """
    services = write_services()
    wrong = []
    for name in sorted(names):
        try:
            refused_and_nothing_changed(services[name], actor, CALLS[name](victim))
        except (Exception, pytest.fail.Exception) as error:
            wrong.append(f"{name}: {type(error).__name__}: {str(error).splitlines()[0]}")
    return wrong


def test_every_write_service_is_covered():
    assert set(write_services()) == set(CALLS), (
        "add the new service to CALLS (and NO_ORGANISATION_OBJECT if it takes no object)")
    assert set(CALLS) >= NO_ORGANISATION_OBJECT


def admin_of(organisation) -> MemberActor:
    membership = Membership.objects.select_related("user", "organisation").get(
        organisation=organisation, role="admin")
    return MemberActor.of(membership)


INTRUDERS = {
    # Stoke's admin: their role would allow everything, their organisation does not.
    "member of another organisation": admin_of,
    # A scheduled task of Stoke's, with every permission a member can have.
    "another organisation's system task": lambda stoke: SystemActor(
        task="nightly", organisation_id=stoke.pk,
        permissions=frozenset({Permission.VIEW, Permission.EDIT, Permission.ADMINISTER})),
}


@pytest.mark.parametrize("intruder", sorted(INTRUDERS))
def test_each_write_service_refuses_another_organisations_object(victim, stoke, intruder):
    actor = INTRUDERS[intruder](stoke)
    assert refusals(actor, set(CALLS) - NO_ORGANISATION_OBJECT, victim) == []


@pytest.mark.parametrize("kind", ["viewer", "person", "anonymous"])
def test_each_write_service_refuses_an_actor_whose_role_or_kind_does_not_allow_it(
        victim, charlie, edinburgh, kind):
    actor = {"viewer": actor_of(charlie, edinburgh), "person": PersonActor.of(charlie),
             "anonymous": AnonymousActor()}[kind]
    allowed = VIEWER_MAY if kind == "viewer" else set()
    assert refusals(actor, set(CALLS) - allowed, victim) == []


def test_only_the_installation_sets_up_organisations_and_accounts(victim, alice, edinburgh):
    assert refusals(actor_of(alice, edinburgh), SET_UP_SERVICES, victim) == []


def test_objects_from_two_organisations_in_one_call_are_refused(victim, stoke):
    """Its own map with the victim's revision, or its own journey with the victim's map."""
    intruder = admin_of(stoke)
    own_map = victim["stoke_map"]
    refused_and_nothing_changed(journey_services.map_restore, intruder,
                                {"journey_map": own_map, "revision": victim["revision"]})
    refused_and_nothing_changed(journey_services.map_create, intruder, {
        "journey": own_map.journey, "based_on": victim["as_is"],
        "data": {"title": "Mallory", "kind": "to_be_gold"}})
    refused_and_nothing_changed(segment_services.journey_set_segment, intruder, {
        "journey": own_map.journey, "segment": victim["segment"]})
    refused_and_nothing_changed(dataset_services.map_link_save, intruder, {
        "dataset": victim["dataset"], "journey_map": own_map, "links": {}})
    own_activity = evidence_services.activity_create(
        actor=intruder, context=CONTEXT, data={"title": "Own", "kind": "survey",
                                               "objectives": "x",
                                               "retain_until": datetime.date(2030, 1, 1)})
    refused_and_nothing_changed(evidence_services.observation_add, intruder, {
        "activity": own_activity, "step": victim["step"], "data": {"note": "Mallory"}})
    refused_and_nothing_changed(evidence_services.activity_update, intruder, {
        "activity": own_activity, "segment": victim["segment"], "data": {}})
    refused_and_nothing_changed(evidence_services.proposed_step_add, intruder, {
        "activity": own_activity, "journey_map": victim["as_is"], "after_step": None,
        "data": {"name": "Mallory"}})
    own_evaluation = indicator_services.evaluation_schedule(
        actor=intruder, context=CONTEXT, journey=own_map.journey,
        actions_taken_on=datetime.date(2025, 1, 1))
    refused_and_nothing_changed(indicator_services.evaluation_perform, intruder, {
        "evaluation": own_evaluation, "baseline_map": own_map, "remap": victim["as_is"]})
    own_indicator = indicator_services.indicator_create(
        actor=intruder, context=CONTEXT, journey=own_map.journey, kind="steps")
    refused_and_nothing_changed(indicator_services.measurement_compute, intruder, {
        "indicator": own_indicator, "journey_map": victim["as_is"]})


def test_a_member_with_the_role_succeeds_and_the_row_names_them_and_the_address(victim, erin,
                                                                                edinburgh):
    """The same call as above from the object's own organisation goes through: the refusals
    are the tenancy check, not a broken call."""
    from journeymap.web.audit.models import AuditEvent

    journey_services.journey_update(actor=actor_of(erin, edinburgh), context=CONTEXT,
                                    **CALLS["journeys.journey_update"](victim))
    event = AuditEvent.objects.filter(object_type="journey").latest("pk")
    assert (event.actor_label, event.ip_address, event.after) == (
        "erin", "192.0.2.66", {"title": "Mallory"})
