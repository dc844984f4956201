"""The segmentation register (Step 1 of Edinburgh's guide): who the customers are.

Field names are those of `journeymap.core.segments.SegmentRow`, which the register's files use.
Every figure is nullable: NULL is "not known", which pages show as such and the ranking leaves
out; it is never stored or shown as 0.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from journeymap.core.segments import LEVELS
from journeymap.web.accounts.models import OrganisationOwned

LEVEL_CHOICES = [("", "Not known"), *LEVELS.items()]


class Segment(OrganisationOwned):
    group = models.CharField("Segment group", max_length=200, blank=True)
    name = models.CharField("Segment", max_length=200)
    current_service = models.TextField("Current service", blank=True)
    needs = models.TextField("Description of needs", blank=True)
    characteristics = models.TextField("Characteristics to overcome", blank=True)
    consultations = models.TextField("Consultations and changes made", blank=True)
    priority = models.CharField(max_length=10, blank=True, choices=LEVEL_CHOICES)
    size = models.PositiveIntegerField("Number of customers", null=True, blank=True)
    dissatisfied_percent = models.DecimalField(
        "Dissatisfied (%)", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    complaints = models.PositiveIntegerField("Complaints a year", null=True, blank=True)
    journeys_per_year = models.PositiveIntegerField("Journeys a year", null=True, blank=True)
    cost_to_serve = models.DecimalField("Cost to serve a year (£)", max_digits=14,
                                        decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(0)])
    vulnerability = models.CharField("Vulnerability or equality impact", max_length=10,
                                     blank=True, choices=LEVEL_CHOICES)
    greatest_need_notes = models.TextField("Who has the greatest need", blank=True)
    # The persona maps of this segment's journeys show (map schema's `Persona`, as its JSON), so
    # that a map's persona comes from the research behind the segment, not from imagination.
    # Set by services.segment_set_persona, which validates it with the schema.
    persona = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="segment_name_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return self.name
