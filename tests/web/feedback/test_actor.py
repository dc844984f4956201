"""A feedback link as an actor (ADR 0007): it can only submit, and only to its one map."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from journeymap.web.accounts.actors import Permission
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.feedback import services
from journeymap.web.feedback.actors import FeedbackLinkActor
from journeymap.web.feedback.models import FeedbackResponse
from tests.web.journeys.builders import journey_with_maps

pytestmark = pytest.mark.django_db


def test_it_may_submit_feedback_and_nothing_else(made):
    actor = FeedbackLinkActor(made["feedback_link"])
    assert [permission for permission in Permission if actor.can(permission)] == [
        Permission.SUBMIT_FEEDBACK]
    assert (actor.user_id, actor.label) == (None, f"feedback link {made['feedback_link'].pk}")


def test_it_reaches_its_map_and_its_steps_only(made, stoke, bob):
    actor = FeedbackLinkActor(made["feedback_link"])
    other = journey_with_maps(organisation=stoke, user=bob)
    assert actor.reaches(made["as_is"])
    assert actor.reaches(made["as_is"].steps.first())
    assert not actor.reaches(made["to_be"])  # the same journey's other map
    assert not actor.reaches(made["to_be"].steps.first())
    assert not actor.reaches(made["journey"])
    assert not actor.reaches(other["as_is"])
    assert not actor.reaches(other["feedback_link"])


def test_a_link_cannot_submit_through_another_link(made):
    to_be_link, _ = services.feedback_link_create(actor=made["actor"], context=NO_CLIENT,
                                                  journey_map=made["to_be"])
    with pytest.raises(PermissionDenied):
        services.feedback_submit(actor=FeedbackLinkActor(made["feedback_link"]),
                                 context=NO_CLIENT, link=to_be_link,
                                 submission_id=uuid.uuid4(), answers={})
    assert FeedbackResponse.objects.count() == 0


def test_answers_about_another_maps_step_or_an_unasked_question_are_refused(made):
    link = made["feedback_link"]
    foreign_step = made["to_be"].steps.first()
    for answers, message in [
            ({"steps": {str(foreign_step.pk): {"rating": 3}}}, "is not a step of this map"),
            ({"segments": {"age_group": "65_plus"}}, "is not asked by this link"),
            ({"steps": {}, "overall_rating": 7}, "Value 7 is not a valid choice")]:
        with pytest.raises(ValidationError, match=message):
            services.feedback_submit(actor=FeedbackLinkActor(link), context=NO_CLIENT,
                                     link=link, submission_id=uuid.uuid4(), answers=answers)
    assert FeedbackResponse.objects.count() == 0


def test_a_response_is_not_an_audit_row_and_keeps_no_address(made):
    before = AuditEvent.objects.count()
    link = made["feedback_link"]
    services.feedback_submit(actor=FeedbackLinkActor(link), context=NO_CLIENT, link=link,
                             submission_id=uuid.uuid4(), answers={"overall_rating": 5})
    assert AuditEvent.objects.count() == before
    fields = {field.name for field in FeedbackResponse._meta.get_fields()}
    assert not fields & {"ip_address", "client_address", "user", "email", "name"}
