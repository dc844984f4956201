"""Feedback links, and the responses citizens send through them.

A link is to one map. Only the SHA-256 of its token is stored (as for share links), so a leaked
database cannot be turned into working links. A response carries the `submission_id` the form
generated for it; the unique constraint on it is what makes a retried submission store nothing
new. Responses keep no address, account or other identifier of the person who sent them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from journeymap.core.feedback.ratings import RATING_LABELS
from journeymap.web.accounts.models import OrganisationOwned
from journeymap.web.feedback.questions import CHANNEL_CHOICES, SEGMENT_QUESTIONS
from journeymap.web.journeys.models import JourneyMap, Step

RATING_CHOICES = sorted(RATING_LABELS.items())
TEXT_LIMIT = 1000  # characters in one answer: a long paragraph, not an essay or a payload
RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class FeedbackLink(OrganisationOwned):
    """An unguessable public address where citizens tell their journey through one map."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        ENDED = "ended", "Past its end date"
        FULL = "full", "Reached its limit of responses"

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="feedback_links")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=200, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    response_cap = models.PositiveIntegerField(null=True, blank=True,
                                               validators=[MinValueValidator(1)])
    segment_questions = models.JSONField(default=list, blank=True)
    # Below this many ratings a step's figures are not shown; None is the installation's default.
    suppress_below = models.PositiveSmallIntegerField(null=True, blank=True,
                                                      validators=[MinValueValidator(1)])
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journey_map", "-created_at"]

    def __str__(self) -> str:
        return f"Feedback link {self.label or self.pk} to map {self.journey_map_id}"

    def clean(self) -> None:
        unknown = [key for key in self.segment_questions if key not in SEGMENT_QUESTIONS]
        if unknown:
            raise ValidationError({"segment_questions": f"Unknown questions: {unknown}"})

    def state(self, *, responses: int) -> "FeedbackLink.State":
        """Whether the link takes responses, given how many it has."""
        if self.closed_at is not None:
            return self.State.CLOSED
        if self.closes_at is not None and self.closes_at <= timezone.now():
            return self.State.ENDED
        if self.response_cap is not None and responses >= self.response_cap:
            return self.State.FULL
        return self.State.OPEN


class FeedbackResponse(OrganisationOwned):
    """One citizen's answers, stored whole in one transaction."""

    link = models.ForeignKey(FeedbackLink, on_delete=models.CASCADE, related_name="responses")
    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="feedback_responses")
    submission_id = models.UUIDField(unique=True)
    overall_rating = models.PositiveSmallIntegerField(null=True, blank=True,
                                                      choices=RATING_CHOICES,
                                                      validators=RATING_VALIDATORS)
    anything_else = models.TextField(blank=True, max_length=TEXT_LIMIT)
    segment_answers = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"Response {self.submission_id}"


class StepAnswer(OrganisationOwned):
    """What a citizen said about one step. Every part is optional: they may skip a step."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE,
                                 related_name="step_answers")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="feedback_answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True, choices=RATING_CHOICES,
                                              validators=RATING_VALIDATORS)
    what_happened = models.TextField(blank=True, max_length=TEXT_LIMIT)
    how_they_felt = models.TextField(blank=True, max_length=TEXT_LIMIT)
    channel = models.CharField(max_length=20, blank=True, choices=CHANNEL_CHOICES)
    something_else = models.TextField(blank=True, max_length=TEXT_LIMIT)
    # VADER's score of what they wrote, computed once when it arrives (None: nothing written).
    sentiment = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["step", "-response__received_at"]
        constraints = [
            models.UniqueConstraint(fields=["response", "step"], name="one_answer_per_step"),
        ]
        indexes = [models.Index(fields=["step", "rating"])]

    def __str__(self) -> str:
        return f"Answer on step {self.step_id}"


def translation_languages() -> list[tuple[str, str]]:
    """The languages an organisation may translate its words into for the form: those the
    product's own words are in (settings.LANGUAGES), less the original, so a citizen never reads
    a page half in a language the product cannot speak."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class MapTranslation(OrganisationOwned):
    """The organisation's own words of one map, in one language, for the citizen's form: the
    journey's title here, each step's in `StepTranslation`. A link to the map offers the form in
    every language its map has a translation for."""

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="translations")
    language = models.CharField(max_length=10, choices=translation_languages)
    journey_title = models.CharField(max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["journey_map", "language"]
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "language"],
                                    name="one_translation_per_map_language"),
        ]

    def __str__(self) -> str:
        return f"Map {self.journey_map_id} in {self.language}"


class StepTranslation(OrganisationOwned):
    """One step's name (required) and what the customer does (optional: the form falls back to
    the original, marked as in the original language) in a map's translation."""

    translation = models.ForeignKey(MapTranslation, on_delete=models.CASCADE,
                                    related_name="steps")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    name = models.TextField()
    customer_does = models.TextField(blank=True)

    class Meta:
        ordering = ["translation", "step__position"]
        constraints = [
            models.UniqueConstraint(fields=["translation", "step"],
                                    name="one_translation_per_step"),
        ]

    def __str__(self) -> str:
        return f"Step {self.step_id} in translation {self.translation_id}"
TALLY_SHARDS = 8


class StepRatingTally(OrganisationOwned):
    """How many citizens gave `rating` at one step: over every response (`question` and `answer`
    blank), and among those who gave `answer` to segment question `question`; the figure is the
    sum over the `shard`s (see tallies.py).

    Kept by `feedback_submit` in the response's own transaction, so the tallies always equal the
    stored answers, and the map page reads a few rows per step whatever the number of responses.
    """

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=40, blank=True)
    answer = models.CharField(max_length=40, blank=True)
    rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES,
                                              validators=RATING_VALIDATORS)
    shard = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step", "question", "answer", "rating", "shard"],
                                    name="one_tally_per_step_segment_rating_shard"),
        ]
        indexes = [models.Index(fields=["journey_map", "question"])]

    def __str__(self) -> str:
        return f"{self.count} rated step {self.step_id} {self.rating}"


class MapResponseTally(OrganisationOwned):
    """How many responses a map has (the sum over the shards), kept with the step tallies in
    each response's transaction."""

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="+")
    shard = models.PositiveSmallIntegerField(default=0)
    responses = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "shard"],
                                    name="one_response_tally_per_map_shard"),
        ]

    def __str__(self) -> str:
        return f"{self.responses} responses to map {self.journey_map_id}"


class RateCount(models.Model):
    """Requests counted against one rate limit in its current window (see throttle.py)."""

    key = models.CharField(max_length=80, unique=True)
    period = models.BigIntegerField()  # which window: seconds since the epoch // its length
    count = models.PositiveIntegerField()
    expires = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
