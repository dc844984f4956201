"""Every change to feedback: links (open, close, reopen), audited; and citizens' responses.

Links and the map's translations for the form are changed by staff: each service checks the actor
may edit and reaches the map, runs in a transaction, validates, saves and writes the audit row. A
response is submitted by the link itself (`FeedbackLinkActor`): it is written whole in one
transaction, keyed by the submission id the form carried, so a retry of an acknowledged response
finds it and stores nothing new. Responses are not audit rows: the audit log records staff changes,
and a row per citizen (with their address) would keep what the form promises not to keep; the
response is its own record.
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from journeymap.core.feedback.sentiment import sentiment_score
from journeymap.web.accounts.actors import Actor, Permission, require
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import record
from journeymap.web.feedback import raw_rows, selectors
from journeymap.web.feedback.models import (
    FeedbackLink,
    FeedbackResponse,
    MapTranslation,
    StepAnswer,
    StepTranslation,
    translation_languages,
)
from journeymap.web.feedback.questions import PREFER_NOT_TO_SAY, SEGMENT_QUESTIONS
from journeymap.web.feedback.tallies import tally_response
from journeymap.web.journeys.models import JourneyMap

Action = AuditEvent.Action
STEP_FIELDS = ("rating", "what_happened", "how_they_felt", "channel", "something_else")


@dataclass
class LinkNotOpen(Exception):
    """The link takes no responses: closed, past its end date, or full."""

    state: FeedbackLink.State


def feedback_token_hash(token: str) -> str:
    """What is stored and looked up: the token itself is never kept."""
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(actor: Actor, context: AuditContext, link: FeedbackLink, *, action: Action,
           before: dict | None = None, after: dict | None = None) -> None:
    record(actor=actor, context=context, action=action, object_type="feedback link",
           object_id=link.pk, object_label=f"Feedback link to {link.journey_map.title}",
           organisation_id=link.organisation_id, before=before, after=after)


@transaction.atomic
def feedback_link_create(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                         label: str = "", closes_at: datetime | None = None,
                         response_cap: int | None = None, segment_questions: list[str] = (),
                         suppress_below: int | None = None) -> tuple[FeedbackLink, str]:
    """A new link taking responses about `journey_map`; returns it with its token, which is
    shown to the editor and printed as a QR code, and never stored."""
    require(actor, Permission.EDIT, journey_map)
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError({"closes_at": "The end date must be in the future."})
    token = secrets.token_urlsafe(24)
    link = FeedbackLink(
        organisation_id=journey_map.organisation_id, journey_map=journey_map,
        token_hash=feedback_token_hash(token), label=label, closes_at=closes_at,
        response_cap=response_cap, segment_questions=list(segment_questions),
        suppress_below=suppress_below, created_by_id=actor.user_id)
    link.full_clean()
    link.save()
    _audit(actor, context, link, action=Action.CREATE, after={
        "map": journey_map.pk, "label": label,
        "closes_at": closes_at.isoformat() if closes_at else None,
        "response_cap": response_cap, "segment_questions": list(segment_questions),
        "suppress_below": suppress_below})
    return link, token


@transaction.atomic
def feedback_link_close(*, actor: Actor, context: AuditContext,
                        link: FeedbackLink) -> FeedbackLink:
    """Stop a link taking responses at once; closing twice changes nothing."""
    require(actor, Permission.EDIT, link)
    if link.closed_at is None:
        link.closed_at = timezone.now()
        link.save(update_fields=["closed_at"])
        _audit(actor, context, link, action=Action.CHANGE, before={"closed_at": None},
               after={"closed_at": link.closed_at.isoformat()})
    return link


@transaction.atomic
def feedback_link_reopen(*, actor: Actor, context: AuditContext,
                         link: FeedbackLink) -> FeedbackLink:
    """Let a closed link take responses again (its end date and cap still apply)."""
    require(actor, Permission.EDIT, link)
    if link.closed_at is not None:
        before = {"closed_at": link.closed_at.isoformat()}
        link.closed_at = None
        link.save(update_fields=["closed_at"])
        _audit(actor, context, link, action=Action.CHANGE, before=before,
               after={"closed_at": None})
    return link


def _checked_answers(link: FeedbackLink, answers: dict) -> tuple[dict[int, dict], dict]:
    """The step answers by step id, and the segment answers, refused with a ValidationError that
    names the step or question when they do not fit this link's map and questions."""
    step_ids = set(selectors.step_ids(journey_map_id=link.journey_map_id))
    by_step = {}
    for key, answer in answers.get("steps", {}).items():
        step_id = int(key)
        if step_id not in step_ids:
            raise ValidationError(f"Step {step_id} is not a step of this map.")
        by_step[step_id] = {field: answer.get(field) or ("" if field != "rating" else None)
                            for field in STEP_FIELDS}
    segments = answers.get("segments", {})
    for key, value in segments.items():
        if key not in link.segment_questions:
            raise ValidationError(f"Question {key!r} is not asked by this link.")
        if value not in {*SEGMENT_QUESTIONS[key]["options"], PREFER_NOT_TO_SAY}:
            raise ValidationError(f"{value!r} is not an answer to question {key!r}.")
    return by_step, segments


def feedback_submit(*, actor: Actor, context: AuditContext, link: FeedbackLink,
                    submission_id: uuid.UUID, answers: dict) -> tuple[FeedbackResponse, bool]:
    """Store one citizen's response, whole, once. Returns it and whether it is new: a retry of
    a stored submission id returns the stored response and writes nothing.

    `answers` is {"steps": {step id: {rating, what_happened, how_they_felt, channel,
    something_else}}, "overall_rating": 1-5 or None, "anything_else": str, "segments": {...}}.
    Raises LinkNotOpen when the link takes no responses (a stored retry is still answered).
    The map's tallies (tallies.py) are counted in the same transaction.
    """
    require(actor, Permission.SUBMIT_FEEDBACK, link, link.journey_map)
    # A stored submission is found by the unique constraint on its id; it is looked for only
    # where this copy is refused (a shut link, answers that no longer fit the map, the id taken),
    # after the refused transaction has rolled back: so the write needs no savepoint to recover.
    try:
        with transaction.atomic():
            return _response_store(link, submission_id, answers), True
    except (LinkNotOpen, ValidationError, IntegrityError) as refusal:
        # IntegrityError: the same submission, stored before or sent again while the first was
        # being written; the unique submission id refused this copy, and nothing of it was kept.
        return _stored(link, submission_id, refusal=refusal)


def _response_store(link: FeedbackLink, submission_id: uuid.UUID,
                    answers: dict) -> FeedbackResponse:
    """Write the response, its answers and its tallies; call it inside a transaction."""
    if link.response_cap is not None:
        # Serialise this link's submissions so two cannot both take the last place.
        link = FeedbackLink.objects.select_for_update().get(pk=link.pk)
    state = link.state(responses=link.responses.count() if link.response_cap else 0)
    if state != FeedbackLink.State.OPEN:
        raise LinkNotOpen(state)
    by_step, segments = _checked_answers(link, answers)
    response = FeedbackResponse(
        organisation_id=link.organisation_id, link=link, journey_map_id=link.journey_map_id,
        submission_id=submission_id, overall_rating=answers.get("overall_rating"),
        anything_else=answers.get("anything_else", ""), segment_answers=segments)
    # The keys come from the link itself and the database holds them to their tables: checking
    # each again here would cost a query apiece on every submission. Likewise the unique
    # submission id and one answer per step are the database's constraints, which refuse a
    # second copy when it is written; only the values' own rules (lengths, ratings, choices)
    # are checked here.
    checks = {"validate_unique": False, "validate_constraints": False}
    response.full_clean(exclude=["submission_id", "organisation", "link", "journey_map"],
                        **checks)
    rows = []
    for step_id, fields in by_step.items():
        row = StepAnswer(organisation_id=link.organisation_id, step_id=step_id, **fields,
                         sentiment=sentiment_score(
                             f"{fields['what_happened']}\n{fields['how_they_felt']}"))
        row.full_clean(exclude=["response", "step", "organisation"], **checks)
        rows.append(row)
    # Inserted as text (see raw_rows): through the ORM these two inserts cost more of the
    # server's time than the rest of the submission.
    raw_rows.insert([response], returning_keys=True)
    for row in rows:
        row.response = response
    raw_rows.insert(rows)
    tally_response(link=link, by_step=by_step, segments=segments)
    return response


@dataclass(frozen=True)
class StepWords:
    """A step's words in a translation: its name, and what the customer does (may be empty)."""

    name: str
    customer_does: str = ""


def _translation_snapshot(translation: MapTranslation) -> dict:
    return {"language": translation.language, "journey_title": translation.journey_title,
            "steps": {str(row.step_id): {"name": row.name, "customer_does": row.customer_does}
                      for row in translation.steps.all()}}


@transaction.atomic
def map_translation_save(*, actor: Actor, context: AuditContext, journey_map: JourneyMap,
                         language: str, journey_title: str,
                         steps: dict[int, StepWords]) -> MapTranslation:
    """The organisation's words of `journey_map` in `language`, for the citizen's form, replacing
    any earlier translation in that language; audited with what it was and what it is.

    Every step needs its name in the language: a map's steps without one are refused, each named
    (by position and original name) under the key `step_<id>`. The journey's title and what the
    customer does may be left empty, and the form then shows the original, marked as such.
    """
    require(actor, Permission.EDIT, journey_map)
    languages = dict(translation_languages())
    if language not in languages:
        raise ValidationError({"language": f"The form cannot be offered in {language!r}: the "
                                           f"languages are {', '.join(languages) or 'none'}."})
    map_steps = list(journey_map.steps.order_by("position"))
    strangers = sorted(set(steps) - {step.pk for step in map_steps})
    if strangers:
        raise ValidationError(f"Step {strangers[0]} is not a step of this map.")
    missing = {f"step_{step.pk}": f"Step {step.position + 1}, “{step.name}”, has no name in "
                                  f"{languages[language]}."
               for step in map_steps if not steps.get(step.pk, StepWords("")).name.strip()}
    if missing:
        raise ValidationError(missing)
    translation = (MapTranslation.objects.select_for_update()
                   .filter(journey_map=journey_map, language=language).first())
    before = _translation_snapshot(translation) if translation else None
    if translation is None:
        translation = MapTranslation(organisation_id=journey_map.organisation_id,
                                     journey_map=journey_map, language=language)
    translation.journey_title = journey_title.strip()
    translation.updated_by_id = actor.user_id
    translation.full_clean(exclude=["journey_map"])
    translation.save()
    rows = [StepTranslation(organisation_id=journey_map.organisation_id, translation=translation,
                            step=step, name=steps[step.pk].name.strip(),
                            customer_does=steps[step.pk].customer_does.strip())
            for step in map_steps]
    for row in rows:
        row.full_clean(exclude=["translation", "step"])
    translation.steps.all().delete()
    StepTranslation.objects.bulk_create(rows)
    record(actor=actor, context=context, action=Action.CHANGE if before else Action.CREATE,
           object_type="map translation", object_id=translation.pk,
           object_label=f"{journey_map.title} in {languages[language]}",
           organisation_id=journey_map.organisation_id, before=before,
           after=_translation_snapshot(translation))
    return translation
def _stored(link: FeedbackLink, submission_id: uuid.UUID,
            refusal: Exception) -> tuple[FeedbackResponse, bool]:
    """The response already stored under this submission id, or `refusal` raised."""
    stored = FeedbackResponse.objects.filter(submission_id=submission_id, link=link).first()
    if stored is None:
        raise refusal
    return stored, False
