"""The upload form and the mapping form. The mapping form asks what the engine's
`ColumnMapping` and `ContactDefinition` need, and lets the engine's own checks speak."""

import datetime
import re
import zoneinfo

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from journeymap.core.analytics import (
    AVOIDABLE_CATEGORIES,
    AVOIDABLE_SEQUENCE_RULES,
    AvoidableRules,
    CaseFilter,
    ConfigurationError,
)
from journeymap.web.datasets import storage
from journeymap.web.datasets.contacts import contact_rule
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.journeys.forms import LinesField

REQUIRED_FIELDS = (("case", "Case (one citizen's request or journey)"),
                   ("time", "Time of the event"), ("activity", "Activity"))
OPTIONAL_FIELDS = (("channel", "Channel (phone, web, visit…)"), ("service", "Service"),
                   ("organisation", "Organisation"), ("reason", "Reason for contact"),
                   ("outcome", "Outcome"),
                   ("segment", "Segment (a group of citizens, such as an age band; never a "
                               "name or reference)"))
COLUMN_FIELDS = tuple(name for name, _ in REQUIRED_FIELDS + OPTIONAL_FIELDS)
CONTACT_KINDS = [
    ("", "Let the log decide: events with a channel are contacts; without a channel column, "
         "no contact figures"),
    ("channel", "Events with a value in the channel column"),
    ("activities", "The activities listed below"),
    ("column", "Events where a column has a given value"),
]
DATE_ORDERS = [("day", "Day first: 03/04/2024 is 3 April"),
               ("month", "Month first: 03/04/2024 is 4 March")]
LONGEST_RETENTION_DAYS = 10 * 366


class UploadForm(GovukForm):
    name = forms.CharField(max_length=200, required=False,
                           help_text="Optional. For example, Council Tax contacts 2024.")
    file = forms.FileField(
        label="Contact log",
        help_text="CSV, Excel (.xlsx), Parquet or XES, optionally compressed with gzip (.gz).")

    def __init__(self, *args, refused_name: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_name = refused_name

    def clean(self):
        if self.refused_name is not None:
            # The limit stopped the file while it arrived, so it never reached the form.
            self.errors.pop("file", None)
            self.add_error("file", self._too_large(None))
        return super().clean()

    @staticmethod
    def _too_large(size: int | None) -> str:
        limit = filesizeformat(settings.DATASET_UPLOAD_MAX_BYTES)
        what = f"The file is {filesizeformat(size)}" if size else "The file is too large"
        return (f"{what}; the largest upload accepted is {limit}. Compress it with gzip, or "
                "split it by period.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.DATASET_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(self._too_large(upload.size))
        if storage.accepted_suffix(upload.name) is None:
            raise forms.ValidationError(
                "Choose a .csv, .xlsx, .parquet or .xes file (each may end in .gz).")
        return upload


def _radios(choices) -> forms.RadioSelect:
    widget = forms.RadioSelect(choices=choices)
    widget.attrs["class"] = "govuk-radios__input"
    return widget


class MappingForm(GovukForm):
    contact_kind = forms.ChoiceField(label="Which events are citizen contacts?",
                                     choices=CONTACT_KINDS, required=False)
    contact_activities = LinesField(label="Contact activities, one per line", required=False)
    contact_value = forms.CharField(label="Value that marks a contact", required=False,
                                    max_length=200)
    timezone = forms.CharField(label="Time zone of times without one", max_length=64,
                               help_text="For example, Europe/London or Europe/Amsterdam.")
    date_order = forms.ChoiceField(label="How dates like 03/04/2024 are written",
                                   choices=DATE_ORDERS)
    retain_until = forms.DateField(
        label="Delete the dataset after",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Its files are deleted on this date; the record that it existed stays.")
    small_number_threshold = forms.IntegerField(
        label="Withhold counts below", min_value=2, max_value=100,
        help_text="Counts smaller than this are withheld on every page and download.")

    def __init__(self, *args, columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        column_choices = [(column, column) for column in columns]
        mapped = {}
        for name, label in REQUIRED_FIELDS:
            mapped[name] = forms.ChoiceField(label=label,
                                             choices=[("", "Choose a column"), *column_choices])
        for name, label in OPTIONAL_FIELDS:
            mapped[name] = forms.ChoiceField(label=label, required=False,
                                             choices=[("", "Not in this log"), *column_choices])
        mapped["contact_column"] = forms.ChoiceField(
            label="Column", required=False, choices=[("", "Choose a column"), *column_choices])
        self.fields = {**mapped, **self.fields}
        for name in mapped:
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.fields["contact_kind"].widget = _radios(CONTACT_KINDS)
        self.fields["date_order"].widget = _radios(DATE_ORDERS)

    @classmethod
    def initial_for(cls, dataset) -> dict:
        return {**dataset.mapping, "timezone": dataset.timezone,
                "date_order": "day" if dataset.day_first else "month",
                "retain_until": timezone.localdate() + datetime.timedelta(
                    days=settings.DATASET_RETENTION_DAYS),
                "small_number_threshold": dataset.small_number_threshold}

    def clean_timezone(self):
        name = self.cleaned_data["timezone"].strip()
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                f"“{name}” is not a time zone name; use one like Europe/London.") from None
        return name

    def clean_retain_until(self):
        date = self.cleaned_data["retain_until"]
        today = timezone.localdate()
        if date <= today:
            raise forms.ValidationError("Choose a date after today.")
        if date > today + datetime.timedelta(days=LONGEST_RETENTION_DAYS):
            raise forms.ValidationError("Choose a date within ten years.")
        return date

    def clean(self):
        data = super().clean()
        names = [name for name, _ in REQUIRED_FIELDS + OPTIONAL_FIELDS]
        seen: dict[str, str] = {}
        for name in names:
            column = data.get(name)
            if column and column in seen:
                self.add_error(name, f"“{column}” is already the {seen[column]} column.")
            elif column:
                seen[column] = name
        kind = data.get("contact_kind") or None
        if kind == "channel" and not data.get("channel"):
            self.add_error("channel", "Choose the channel column, or another way to tell "
                                      "which events are contacts.")
        try:
            contact_rule(self.contacts())
        except ConfigurationError as error:
            field = {"activities": "contact_activities", "column": "contact_column"}.get(kind)
            self.add_error(field, str(error))
        return data

    def mapping(self) -> dict:
        return {name: self.cleaned_data.get(name) or None
                for name, _ in REQUIRED_FIELDS + OPTIONAL_FIELDS}

    def contacts(self) -> dict | None:
        data = self.cleaned_data
        kind = data.get("contact_kind") or None
        if kind == "activities":
            return {"kind": kind, "activities": data.get("contact_activities") or []}
        if kind == "column":
            return {"kind": kind, "column": data.get("contact_column") or None,
                    "value": data.get("contact_value") or None}
        return {"kind": kind} if kind else None


class ReportFilterForm(GovukForm):
    """Which cases the report counts: those that started in a period and touched a service,
    channel or segment. Each is offered only where enough cases used it to show."""

    started_from = forms.DateField(label="Cases that started on or after", required=False,
                                   widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))
    started_before = forms.DateField(label="and before", required=False,
                                     widget=forms.DateInput(attrs={"type": "date"},
                                                            format="%Y-%m-%d"))
    service = forms.ChoiceField(label="Touched the service", required=False)
    channel = forms.ChoiceField(label="Used the channel", required=False)
    segment = forms.ChoiceField(label="In the segment", required=False,
                                help_text="A case is in a segment when any of its events is.")

    def __init__(self, *args, services: list[str], channels: list[str],
                 segments: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for name, values, anything in (("service", services, "Any service"),
                                       ("channel", channels, "Any channel"),
                                       ("segment", segments, "Any segment")):
            if values:
                self.fields[name].choices = [("", anything), *((v, v) for v in values)]
            else:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        start, end = data.get("started_from"), data.get("started_before")
        if start and end and start >= end:
            self.add_error("started_before", "Choose a date after the first one.")
        return data

    def case_filter(self, *, timezone_name: str) -> CaseFilter | None:
        """The engine's filter, days read in the dataset's time zone; None for "every case"."""
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(timezone_name)

        def midnight(day):
            return datetime.datetime.combine(day, datetime.time(), tzinfo=zone) if day else None

        where = CaseFilter(
            started_from=midnight(data.get("started_from")),
            started_before=midnight(data.get("started_before")),
            services=(data["service"],) if data.get("service") else (),
            channels=(data["channel"],) if data.get("channel") else (),
            segments=(data["segment"],) if data.get("segment") else ())
        return None if where.keeps_everything else where


class MapLinkForm(GovukForm):
    """One choice per activity of the dataset: the step of the map where it happens, or none."""

    def __init__(self, *args, activities: list[str], steps: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Not on this map"),
                   *((key, f"{number}. {name}") for number, (key, name)
                     in enumerate(steps, start=1))]
        self.activities = activities
        for index, activity in enumerate(activities):
            self.fields[f"activity_{index}"] = forms.ChoiceField(
                label=activity, choices=choices, required=False)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    @classmethod
    def initial_for(cls, activities: list[str], links: dict[str, str]) -> dict[str, str]:
        return {f"activity_{index}": links[activity] for index, activity in enumerate(activities)
                if activity in links}

    def links(self) -> dict[str, str]:
        """Activity -> step id, for the activities given a step."""
        return {activity: self.cleaned_data[f"activity_{index}"]
                for index, activity in enumerate(self.activities)
                if self.cleaned_data.get(f"activity_{index}")}


def _day_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"},
                                                               format="%Y-%m-%d"))


class PeriodComparisonForm(GovukForm):
    """Two periods of case starts, before and after a change, each from one day to another,
    both for one segment when one is chosen (offered as in `ReportFilterForm`)."""

    before_from = _day_field("Before: cases that started on or after")
    before_to = _day_field("and before")
    after_from = _day_field("After: cases that started on or after")
    after_to = _day_field("and before")
    segment = forms.ChoiceField(label="Only cases in the segment", required=False,
                                help_text="A case is in a segment when any of its events is.")

    def __init__(self, *args, segments: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        if segments:
            self.fields["segment"].choices = [("", "Any segment"), *((v, v) for v in segments)]
        else:
            del self.fields["segment"]

    def clean(self):
        data = super().clean()
        for start, end in (("before_from", "before_to"), ("after_from", "after_to")):
            if data.get(start) and data.get(end) and data[start] >= data[end]:
                self.add_error(end, "Choose a date after the first one.")
        return data

    def case_filters(self, *, timezone_name: str) -> tuple[CaseFilter, CaseFilter]:
        """The engine's filters for the two periods, days read in the dataset's time zone."""
        zone = zoneinfo.ZoneInfo(timezone_name)
        data = self.cleaned_data

        def midnight(name: str) -> datetime.datetime:
            return datetime.datetime.combine(data[name], datetime.time(), tzinfo=zone)

        segments = (data["segment"],) if data.get("segment") else ()
        return (CaseFilter(started_from=midnight("before_from"),
                           started_before=midnight("before_to"), segments=segments),
                CaseFilter(started_from=midnight("after_from"),
                           started_before=midnight("after_to"), segments=segments))


def _rule_lines(field: str, lines: list[str]) -> dict[str, str]:
    """`category: pattern` lines as a dict, each bad line named with its number and value."""
    patterns: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        category, colon, pattern = line.partition(":")
        category, pattern = category.strip(), pattern.strip()
        where = f"{field}, line {number}"
        if not colon or not pattern:
            raise forms.ValidationError(
                f"{where}: “{line}” is not “category: pattern”, for example "
                "“progress_chasing: chas|still waiting”.")
        if category not in AVOIDABLE_CATEGORIES:
            raise forms.ValidationError(
                f"{where}: “{category}” is not an NI14 category; use one of "
                f"{', '.join(AVOIDABLE_CATEGORIES)}.")
        if category in patterns:
            raise forms.ValidationError(f"{where}: “{category}” has a pattern already, on an "
                                        "earlier line; join the two with |.")
        try:
            re.compile(pattern)
        except re.error as error:
            raise forms.ValidationError(
                f"{where}: “{pattern}” is not a regular expression ({error}).") from None
        patterns[category] = pattern
    return patterns


class AvoidableRulesForm(GovukForm):
    """The organisation's avoidable-contact rules (`AvoidableRules`), one pattern per line."""

    reason_patterns = LinesField(
        label="Contact reasons that are avoidable", required=False,
        help_text="Used when the log has a reason column. One rule a line, “category: "
                  "pattern”, first match wins; the pattern is a regular expression, case "
                  "ignored.")
    activity_patterns = LinesField(
        label="Activities that are avoidable contacts", required=False,
        help_text="Used when the log has no reason column, before the rules below. One rule a "
                  "line, “category: pattern”.")
    sequence_rules = forms.MultipleChoiceField(
        label="Rules over the order of contacts", required=False,
        choices=list(AVOIDABLE_SEQUENCE_RULES.items()), widget=forms.CheckboxSelectMultiple)
    resolved_pattern = forms.CharField(
        label="Outcomes or last activities that mean the request was resolved",
        max_length=500, help_text="A regular expression, case ignored.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sequence_rules"].widget.attrs["class"] = "govuk-checkboxes__input"

    @classmethod
    def initial_for(cls, rules: AvoidableRules) -> dict:
        def lines(patterns: dict[str, str]) -> str:
            return "\n".join(f"{category}: {pattern}" for category, pattern in patterns.items())

        return {"reason_patterns": lines(rules.reason_patterns),
                "activity_patterns": lines(rules.activity_patterns),
                "sequence_rules": list(rules.sequence_rules),
                "resolved_pattern": rules.resolved_pattern}

    def clean_reason_patterns(self):
        return _rule_lines("Contact reasons", self.cleaned_data["reason_patterns"] or [])

    def clean_activity_patterns(self):
        return _rule_lines("Activities", self.cleaned_data["activity_patterns"] or [])

    def clean_resolved_pattern(self):
        pattern = self.cleaned_data["resolved_pattern"].strip()
        try:
            re.compile(pattern)
        except re.error as error:
            raise forms.ValidationError(
                f"“{pattern}” is not a regular expression ({error}).") from None
        return pattern

    def rules(self) -> dict:
        """The settings `AvoidableRules.from_dict` reads, in the engine's order of rules."""
        data = self.cleaned_data
        chosen = set(data["sequence_rules"])
        return {"reason_patterns": data["reason_patterns"],
                "activity_patterns": data["activity_patterns"],
                "sequence_rules": [name for name in AVOIDABLE_SEQUENCE_RULES if name in chosen],
                "resolved_pattern": data["resolved_pattern"]}
