"""A journey's indicators and their measurements, its evaluations, and the organisation's cost
per contact on each channel.

A measurement is only ever a known figure: what cannot be computed is refused with the reason
and nothing is stored (an unknown is never 0). Each measurement names its source (a map, a
dataset and period, citizens' feedback in a period, or the member who entered it), kept as
text as well, so the source still reads after the map or dataset it came from is deleted.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from journeymap.core.measures.catalogue import (
    CATALOGUE,
    DIRECTION_LABELS,
    SOURCE_LABELS,
    Direction,
    Kind,
)
from journeymap.core.measures.evaluation import MONTHS_AFTER
from journeymap.web.accounts.models import OrganisationOwned

KIND_CHOICES = [(kind.value, CATALOGUE[kind].name if kind in CATALOGUE else "Other (manual)")
                for kind in Kind]
DIRECTION_CHOICES = [(direction.value, DIRECTION_LABELS[direction]) for direction in Direction]
SOURCE_CHOICES = [(source.value, label) for source, label in SOURCE_LABELS.items()]


class Indicator(OrganisationOwned):
    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE,
                                related_name="indicators")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=50)
    direction = models.CharField(max_length=10, choices=DIRECTION_CHOICES)
    definition = models.TextField(blank=True)
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_on = models.DateField(null=True, blank=True)
    target_value = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journey", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Measurement(OrganisationOwned):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="measurements")
    value = models.FloatField()
    measured_on = models.DateField()
    source = models.CharField(max_length=10, choices=SOURCE_CHOICES)
    journey_map = models.ForeignKey("journeys.JourneyMap", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    dataset = models.ForeignKey("datasets.Dataset", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    period_from = models.DateField(null=True, blank=True)
    period_to = models.DateField(null=True, blank=True)
    source_label = models.CharField(max_length=400)
    detail = models.CharField(max_length=400, blank=True)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_by_label = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "measured_on", "pk"]

    def __str__(self) -> str:
        return f"{self.value} on {self.measured_on}"


class Evaluation(OrganisationOwned):
    """A re-map compared with its baseline, due some months after the actions were taken."""

    journey = models.ForeignKey("journeys.Journey", on_delete=models.CASCADE,
                                related_name="evaluations")
    actions_taken_on = models.DateField()
    months = models.PositiveSmallIntegerField(validators=[
        MinValueValidator(MONTHS_AFTER.start), MaxValueValidator(MONTHS_AFTER.stop - 1)])
    due_on = models.DateField(db_index=True)
    scheduled_by_label = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    baseline_map = models.ForeignKey("journeys.JourneyMap", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    remap = models.ForeignKey("journeys.JourneyMap", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    dataset = models.ForeignKey("datasets.Dataset", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    before_from = models.DateField(null=True, blank=True)
    before_to = models.DateField(null=True, blank=True)
    after_from = models.DateField(null=True, blank=True)
    after_to = models.DateField(null=True, blank=True)
    # What the evaluation found, as `core.measures.evaluation.Findings.as_record()` gives it.
    findings = models.JSONField(null=True, blank=True)
    performed_at = models.DateTimeField(null=True, blank=True)
    performed_by_label = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Evaluation of journey {self.journey_id} due {self.due_on}"

    @property
    def performed(self) -> bool:
        return self.performed_at is not None


class ContactCost(OrganisationOwned):
    """What one contact on a channel costs the organisation, in pounds, for savings estimates."""

    # A map channel (CHANNEL_CHOICES) or a channel named in one of the organisation's contact
    # logs ("phone", "Balie"): evaluations price a dataset's contacts by the log's own names.
    channel = models.CharField(max_length=100)
    cost_per_contact = models.DecimalField(max_digits=10, decimal_places=2,
                                           validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["channel"]
        constraints = [models.UniqueConstraint(fields=["organisation", "channel"],
                                               name="one_cost_per_channel")]

    def __str__(self) -> str:
        return f"{self.channel}: £{self.cost_per_contact}"
