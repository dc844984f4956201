"""A contact log an organisation imported: what it came from, how it was read, where it stands.

The events themselves are never in this database: they live as pseudonymised Parquet under the
organisation's folder in the data directory (see `storage`). This row holds what a person needs
to trust the figures: who imported it and when, the mapping and contact definition used, the
counts, and the date after which the files are deleted.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from journeymap.web.accounts.models import OrganisationOwned


class Dataset(OrganisationOwned):
    class Status(models.TextChoices):
        MAPPING = "mapping", "Waiting for its columns to be confirmed"
        QUEUED = "queued", "Waiting to be imported"
        IMPORTING = "importing", "Importing"
        READY = "ready", "Ready"
        FAILED = "failed", "Not imported"
        EXPIRED = "expired", "Deleted after its retention date"

    name = models.CharField(max_length=200)
    # Names the dataset's folders, so no user text ever becomes part of a path.
    folder = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_name = models.CharField(max_length=255)
    source_bytes = models.BigIntegerField()
    source_format = models.CharField(max_length=10)
    # The file's column headers as the preview read them (names only, never values).
    source_columns = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MAPPING)
    progress = models.CharField(max_length=200, blank=True)
    # When the import last reported progress: an import silent for too long lost its worker.
    progress_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    contacts = models.JSONField(null=True, blank=True)
    timezone = models.CharField(max_length=64, default="Europe/London")
    day_first = models.BooleanField(default=True)
    small_number_threshold = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text="Counts below this are withheld on every page and download.")
    retain_until = models.DateField()
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_by_label = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    events = models.PositiveBigIntegerField(null=True, blank=True)
    cases = models.PositiveBigIntegerField(null=True, blank=True)
    files_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-uploaded_at"]),
                   models.Index(fields=["retain_until"])]

    def __str__(self) -> str:
        return self.name

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.IMPORTING)


class MapLink(OrganisationOwned):
    """Which of a dataset's activities happen at which steps of a journey map, as an analyst
    confirmed them; the map then shows the dataset's figures beside those steps."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="map_links")
    journey_map = models.ForeignKey("journeys.JourneyMap", on_delete=models.CASCADE,
                                    related_name="dataset_links")
    # Activity name -> the step's schema id (`Step.key`), which survives reordering.
    steps = models.JSONField(default=dict)
    # The step ids whose time and contacts were filled from this dataset ("supported by data").
    supported_steps = models.JSONField(default=list, blank=True)
    linked_by_label = models.CharField(max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["dataset", "journey_map"]
        constraints = [models.UniqueConstraint(fields=["dataset", "journey_map"],
                                               name="map_link_unique")]

    def __str__(self) -> str:
        return f"{self.dataset} on {self.journey_map}"


class AvoidableRuleSet(OrganisationOwned):
    """An organisation's own avoidable-contact (NI14) rules, set by an administrator; without
    one its datasets use the engine's defaults (`core.analytics.avoidable`).

    `rules` is what `AvoidableRules.from_dict` reads; `version` counts the changes, so a figure
    worked out with older rules is never served from a cache.
    """

    rules = models.JSONField()
    version = models.PositiveIntegerField(default=1)
    updated_by_label = models.CharField(max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation"],
                                               name="one_avoidable_rule_set")]

    def __str__(self) -> str:
        return f"Avoidable-contact rules, version {self.version}"
