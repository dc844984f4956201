"""Research evidence (Step 2 of Edinburgh's guide): what was done to walk in the customers' shoes,
and what it found, step by step.

Participants are counted, never named: an observation carries a participant's number within its
activity ("participant 3"), which is enough to tell one voice from another and identifies no one.
Every activity has a date after which it is deleted (`retain_until`), recorded when it is made.
"""

from django.db import models

from journeymap.web.accounts.models import OrganisationOwned
from journeymap.web.journeys.models import CHANNEL_CHOICES, EMOTION_CHOICES, JourneyMap, Step


class ResearchKind(models.TextChoices):
    """The kinds of research the seeds name."""

    INTERVIEW = "interview", "One-to-one interview"
    FOCUS_GROUP = "focus_group", "Focus group"
    MYSTERY_SHOPPING = "mystery_shopping", "Mystery shopping"
    WALK_IN_REAL_TIME = "walk_real_time", "Customer walking the journey in real time"
    RECOLLECTION = "recollection", "Recollection afterwards"
    DIARY = "diary", "Diary or video diary"
    STAFF_KNOWLEDGE = "staff_knowledge", "Front-line staff knowledge"
    COMPLAINTS = "complaints", "Complaints analysis"
    SURVEY = "survey", "Questionnaire or survey"
    DATA = "data", "Data systems and analytics"
    DIRECT_INPUT = "direct_input", "Direct customer input"


#: What a step's provenance becomes when research of each kind supports it: seen by someone
#: (observed), told by customers (reported), or counted (supported by data).
KIND_PROVENANCE = {
    ResearchKind.INTERVIEW: "reported", ResearchKind.FOCUS_GROUP: "reported",
    ResearchKind.MYSTERY_SHOPPING: "observed", ResearchKind.WALK_IN_REAL_TIME: "observed",
    ResearchKind.RECOLLECTION: "reported", ResearchKind.DIARY: "reported",
    ResearchKind.STAFF_KNOWLEDGE: "observed", ResearchKind.COMPLAINTS: "data",
    ResearchKind.SURVEY: "data", ResearchKind.DATA: "data",
    ResearchKind.DIRECT_INPUT: "reported",
}
#: When evidence of several kinds supports a step, the strongest claim it allows.
PROVENANCE_STRENGTH = ("observed", "reported", "data")


def provenance_from(kinds) -> str | None:
    """The provenance a step's evidence supports (None without evidence)."""
    found = {KIND_PROVENANCE[ResearchKind(kind)] for kind in kinds}
    return next((value for value in PROVENANCE_STRENGTH if value in found), None)


class ResearchActivity(OrganisationOwned):
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=ResearchKind.choices)
    objectives = models.TextField("Objectives")
    critical_questions = models.TextField("Critical questions", blank=True)
    held_on = models.DateField("Date", null=True, blank=True)
    method = models.TextField("Method", blank=True)
    participants = models.PositiveIntegerField("Number of participants", null=True, blank=True)
    sample_make_up = models.TextField("Make-up of the sample", blank=True)
    consent_recorded = models.BooleanField("Participants' consent is recorded", default=False)
    retain_until = models.DateField("Keep the records until")
    notes = models.TextField(blank=True)
    segment = models.ForeignKey("segments.Segment", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="research")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title


class Observation(OrganisationOwned):
    """One thing an activity found, at one step of a map."""

    activity = models.ForeignKey(ResearchActivity, on_delete=models.CASCADE,
                                 related_name="observations")
    # A step deleted from its map leaves the observation, saying the step is gone.
    step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="observations")
    participant = models.PositiveIntegerField("Participant number", null=True, blank=True)
    note = models.TextField("Quote or note")
    feeling = models.SmallIntegerField(null=True, blank=True, choices=EMOTION_CHOICES)
    channel = models.CharField(max_length=20, blank=True, choices=CHANNEL_CHOICES)
    pain_point = models.BooleanField("A pain point", default=False)
    suggestion = models.TextField("Customer's suggestion", blank=True)
    other_services = models.TextField("Unexpected links to other services", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "created_at", "pk"]

    def __str__(self) -> str:
        return self.note[:60]


class ProposedStep(OrganisationOwned):
    """A step customers described that the map does not have: the customer sets out the steps,
    not the office. The analyst accepts it into a map (usually the next version), where it is
    added as reported by customers, or declines it; either way it stays as the record."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    activity = models.ForeignKey(ResearchActivity, on_delete=models.CASCADE,
                                 related_name="proposed_steps")
    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="proposed_steps")
    # The step of `journey_map` it comes after, as customers told it (None: at the start).
    after_step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    name = models.CharField("What the customer does", max_length=300)
    description = models.TextField("What customers said about it", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    accepted_step = models.ForeignKey(Step, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journey_map", "created_at", "pk"]

    def __str__(self) -> str:
        return self.name
