"""The public form's statements sent as text (raw_rows.py) read and write exactly what the ORM
does: every field of the link, its map, journey and organisation with the ORM's own conversions
(JSON, dates, on PostgreSQL and SQLite alike), the inserted rows as `save()` would store them,
and a duplicate refused by the database as an IntegrityError with nothing kept."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from journeymap.web.accounts.models import Organisation
from journeymap.web.feedback import raw_rows, selectors, services
from journeymap.web.feedback.models import FeedbackLink, FeedbackResponse, StepAnswer
from journeymap.web.journeys.models import JourneyMap

pytestmark = pytest.mark.django_db


def fields_of(instance) -> dict:
    return {field.attname: getattr(instance, field.attname)
            for field in type(instance)._meta.concrete_fields}


def test_the_link_its_map_journey_and_organisation_are_read_as_the_orm_reads_them(made):
    link = made["feedback_link"]
    link.segment_questions = ["age_group", "first_time"]
    link.closes_at = timezone.now() + datetime.timedelta(days=3)
    link.response_cap = 40
    link.label = "Reception <desk> & “café”"
    link.save()

    read = selectors.link_by_token(
        token_hash=services.feedback_token_hash(made["feedback_token"]))

    assert fields_of(read) == fields_of(FeedbackLink.objects.get(pk=link.pk))
    assert read.segment_questions == ["age_group", "first_time"]
    assert isinstance(read.closes_at, datetime.datetime) and read.closes_at.tzinfo is not None
    assert fields_of(read.journey_map) == fields_of(JourneyMap.objects.get(pk=link.journey_map_id))
    assert fields_of(read.journey_map.journey) == fields_of(made["journey"])
    assert fields_of(read.organisation) == fields_of(
        Organisation.objects.get(pk=link.organisation_id))
    assert read.journey_map_id == link.journey_map_id and not read._state.adding


def test_the_maps_large_fields_are_left_unread_until_asked_for(made):
    """The form shows the map's journey title and the organisation's name, never the map's
    JSON: those fields are deferred, and still read correctly when something asks."""
    read = selectors.link_by_token(
        token_hash=services.feedback_token_hash(made["feedback_token"]))

    deferred = read.journey_map.get_deferred_fields()
    assert {"persona", "stages", "lanes", "notes"} <= deferred
    assert "title" not in deferred and "name" not in read.organisation.get_deferred_fields()
    assert read.journey_map.stages == JourneyMap.objects.get(pk=read.journey_map_id).stages


def test_an_unknown_token_finds_no_link(made):
    assert selectors.link_by_token(token_hash=services.feedback_token_hash("not-a-token")) is None


def test_the_steps_come_in_their_order_on_the_map(made):
    steps = list(made["as_is"].steps.order_by("position"))
    steps[0].position, steps[2].position = 9, 0
    for step in (steps[0], steps[2]):
        step.save(update_fields=["position"])

    assert selectors.step_ids(journey_map_id=made["as_is"].pk) == [
        steps[2].pk, steps[1].pk, steps[0].pk]


def response_to(link, **fields) -> FeedbackResponse:
    return FeedbackResponse(organisation_id=link.organisation_id, link=link,
                            journey_map_id=link.journey_map_id, submission_id=uuid.uuid4(),
                            **fields)


def test_inserted_rows_are_stored_as_save_stores_them(made):
    link = made["feedback_link"]
    step = made["as_is"].steps.order_by("position").first()
    response = response_to(link, overall_rating=2, anything_else="Ça va <b>",
                           segment_answers={"age_group": "25-34"})

    raw_rows.insert([response], returning_keys=True)
    answer = StepAnswer(organisation_id=link.organisation_id, response=response, step=step,
                        rating=5, what_happened="Rang “twice”", channel="telephone",
                        sentiment=-0.25)
    raw_rows.insert([answer])

    stored = FeedbackResponse.objects.get(submission_id=response.submission_id)
    assert stored.pk == response.pk and not response._state.adding
    assert fields_of(stored) == fields_of(response)
    assert stored.segment_answers == {"age_group": "25-34"}
    assert stored.received_at == response.received_at
    assert fields_of(StepAnswer.objects.get(response=stored)) | {"id": None} == \
        fields_of(answer) | {"id": None}


def test_a_duplicate_submission_is_refused_and_nothing_of_it_is_kept(made):
    link = made["feedback_link"]
    first = response_to(link)
    raw_rows.insert([first], returning_keys=True)
    again = response_to(link)
    again.submission_id = first.submission_id

    with pytest.raises(IntegrityError), transaction.atomic():
        raw_rows.insert([again], returning_keys=True)

    assert FeedbackResponse.objects.filter(submission_id=first.submission_id).count() == 1
    assert again.pk is None
