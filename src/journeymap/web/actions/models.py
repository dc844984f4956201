"""Improvement actions (Step 4 of Edinburgh's guide): what the organisation will do about the
pain points its maps and research found, who owns it, by when, and how far it has got.

An action belongs to one journey and answers steps of that journey's maps, pain points written
on those steps, and research observations. Its effect on the map (remove, merge or add steps)
is what `core.actions.to_be` applies to draft the to-be map.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from journeymap.core.actions.board import SCALE
from journeymap.core.actions.to_be import EFFECT_LABELS
from journeymap.web.accounts.models import Membership, OrganisationOwned
from journeymap.web.evidence.models import Observation
from journeymap.web.journeys.models import Journey, Step

EFFECT_CHOICES = [(kind.value, label) for kind, label in EFFECT_LABELS.items()]
SCALE_CHOICES = sorted(SCALE.items())


class Category(models.TextChoices):
    """The guide's three kinds of improvement, and two more that councils' plans need."""

    PROCESS = "process", "Process or service design"
    COMMUNICATIONS = "communications", "Communications"
    TRAINING = "training", "Staff training"
    TECHNOLOGY = "technology", "Technology"
    POLICY = "policy", "Policy"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


#: Agreed to: their effects shape the to-be map.
ACCEPTED_STATUSES = (Status.ACCEPTED, Status.IN_PROGRESS, Status.DONE)
#: Nothing more to do, so never overdue.
FINISHED_STATUSES = (Status.DONE, Status.DROPPED)


class ImprovementAction(OrganisationOwned):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    # What it answers: steps of the journey's maps, their written pain points, and research.
    steps = models.ManyToManyField(Step, blank=True, related_name="actions")
    pain_points = models.JSONField(default=list, blank=True)
    observations = models.ManyToManyField(Observation, blank=True, related_name="actions")
    # The owner as text (a step's owner is text: a role, a team); optionally also a member.
    owner = models.CharField(max_length=300, blank=True)
    owner_member = models.ForeignKey(Membership, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    done_on = models.DateField(null=True, blank=True)
    impact = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCALE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(3)])
    effort = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=SCALE_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(3)])
    # The indicator it should move: one of the journey's indicators, or by name one that is
    # not defined yet (an action is often planned before its measure is).
    indicator = models.ForeignKey("indicators.Indicator", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="actions")
    indicator_name = models.CharField(max_length=200, blank=True)
    ticket_url = models.URLField(max_length=500, blank=True,
                                 validators=[URLValidator(schemes=["http", "https"])])
    effect = models.CharField(max_length=20, choices=EFFECT_CHOICES, default="none")
    # The merged step's name (merge) or the new step's name (add after).
    effect_step_name = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["journey", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status="done") | models.Q(done_on=None),
                                   name="action_done_on_only_when_done"),
        ]

    def __str__(self) -> str:
        return self.title
