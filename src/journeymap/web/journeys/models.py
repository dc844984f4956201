"""Journeys, their maps, steps and touchpoints, stored under organisation scoping.

Field names and choices mirror `journeymap.core.maps.schema`, which is the one way in and out:
every write is validated as a schema object first (see `documents.py`), so the database never
holds a map the schema would refuse.
"""

from django.conf import settings
from django.db import models

from journeymap.core.maps import schema
from journeymap.web.accounts.models import OrganisationOwned


def _choices(enum, labels) -> list[tuple[str, str]]:
    return [(member.value, labels[member]) for member in enum]


MAP_KIND_CHOICES = _choices(schema.MapKind, schema.MAP_KIND_LABELS)
CHANNEL_CHOICES = _choices(schema.Channel, schema.CHANNEL_LABELS)
AVOIDABLE_CHOICES = _choices(schema.Avoidable, schema.AVOIDABLE_LABELS)
LEVEL_CHOICES = _choices(schema.Level, schema.LEVEL_LABELS)
PROVENANCE_CHOICES = _choices(schema.Provenance, schema.PROVENANCE_LABELS)
EMOTION_CHOICES = sorted(schema.EMOTION_LABELS.items())


class Journey(OrganisationOwned):
    title = models.CharField(max_length=300)
    service = models.CharField(max_length=300)
    segment = models.TextField(blank=True)
    # The register's segment this journey maps (set by segments.services.journey_set_segment,
    # which checks both are the same organisation's); the text above is the map's own wording.
    mapped_segment = models.ForeignKey("segments.Segment", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="journeys")
    trigger = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    organisations = models.JSONField(default=list, blank=True)
    departments = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class JourneyMap(OrganisationOwned):
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="maps")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=MAP_KIND_CHOICES)
    mapped_on = models.DateField(null=True, blank=True)
    made_by = models.TextField(blank=True)
    owner = models.TextField(blank=True)
    review_by = models.DateField(null=True, blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="next_versions")
    based_on_label = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    # Map schema v2, kept as the schema's own JSON: the persona, the stages and the editors'
    # custom lanes are validated as a whole by the schema, never queried field by field.
    persona = models.JSONField(null=True, blank=True)
    stages = models.JSONField(default=list, blank=True)
    lanes = models.JSONField(default=list, blank=True)
    hidden_lanes = models.JSONField(default=list, blank=True)
    # Bumped by every change to the map or its steps: the editor's conflict check compares it.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["journey__title", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"


class Step(OrganisationOwned):
    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=64)  # the schema's step `id`, stable across versions
    name = models.TextField()
    customer_does = models.TextField(blank=True)
    thoughts_feelings = models.TextField(blank=True)
    emotion = models.SmallIntegerField(null=True, blank=True, choices=EMOTION_CHOICES)
    avoidable = models.CharField(max_length=10, blank=True, choices=AVOIDABLE_CHOICES)
    avoidable_why = models.TextField(blank=True)
    pain_points = models.JSONField(default=list, blank=True)
    customer_suggestions = models.JSONField(default=list, blank=True)
    improvement_ideas = models.JSONField(default=list, blank=True)
    owner = models.TextField(blank=True)
    responsible = models.TextField(blank=True)
    importance = models.CharField(max_length=10, blank=True, choices=LEVEL_CHOICES)
    impact = models.CharField(max_length=10, blank=True, choices=LEVEL_CHOICES)
    time_taken_minutes = models.FloatField(null=True, blank=True)
    contacts = models.PositiveIntegerField(null=True, blank=True)
    provenance = models.CharField(max_length=10, choices=PROVENANCE_CHOICES,
                                  default=schema.Provenance.ASSUMED.value)
    replaces = models.JSONField(default=list, blank=True)
    # Bumped on each save of this step: a save carrying an older version is refused.
    version = models.PositiveIntegerField(default=1)
    # Map schema v2: the step's stage id, the service blueprint's lanes and custom lane values.
    stage = models.CharField(max_length=64, blank=True)
    frontstage = models.TextField(blank=True)
    backstage = models.TextField(blank=True)
    support = models.TextField(blank=True)
    lanes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["journey_map", "position"]
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "key"], name="step_key_unique_in_map"),
        ]

    def __str__(self) -> str:
        return self.name


class Touchpoint(OrganisationOwned):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="touchpoints")
    position = models.PositiveIntegerField()
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES)
    description = models.TextField(blank=True)
    moment_of_truth = models.BooleanField(default=False)

    class Meta:
        ordering = ["step", "position"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.description}"


class MapRevision(OrganisationOwned):
    """The whole map, as a schema document, after each change: history to view and restore."""

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="revisions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    summary = models.CharField(max_length=300)
    actor_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journey_map", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["journey_map", "number"], name="revision_unique"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}: {self.summary}"


class ShareLink(OrganisationOwned):
    """A read-only link to one map for people with no account.

    Only the SHA-256 of the token is stored, so a leaked database cannot be turned into working
    links; the token itself is shown once, when the link is made.
    """

    journey_map = models.ForeignKey(JourneyMap, on_delete=models.CASCADE,
                                    related_name="share_links")
    token_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["journey_map", "-created_at"]

    def __str__(self) -> str:
        return f"Share link to {self.journey_map_id} until {self.expires_at:%Y-%m-%d}"
