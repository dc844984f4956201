"""Forms of the map editor. They turn posted text into schema-shaped data; the services validate
it against the schema, so no rule about a map lives here."""

import datetime

from django import forms
from django.utils import timezone

from journeymap.core.maps import schema
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.journeys.grid import LANE_PREFIX, ROW_LABELS, lane_field
from journeymap.web.journeys.models import (
    AVOIDABLE_CHOICES,
    CHANNEL_CHOICES,
    LEVEL_CHOICES,
    MAP_KIND_CHOICES,
    PROVENANCE_CHOICES,
)

NOT_RECORDED = [("", "Not recorded")]
EMOTION_FORM_CHOICES = NOT_RECORDED + [(str(score), f"{label} ({score:+d})" if score else label)
                                       for score, label in sorted(schema.EMOTION_LABELS.items())]
NEXT_VERSION_KINDS = [(value, label) for value, label in MAP_KIND_CHOICES
                      if value != schema.MapKind.AS_IS.value]
SHARE_DAYS_DEFAULT = 30
SHARE_DAYS_MAX = 366


def split_lines(text: str) -> list[str]:
    """One item per line; blank lines and surrounding spaces dropped (as the Excel cells hold).

    Only LF, CRLF and CR end a line: `str.splitlines` would also split on U+2028 and U+0085,
    which a list item may hold, so saving a form unchanged could split an item in two.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


class LinesField(forms.CharField):
    """A list of one-line items, typed one per line in a textarea."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        return split_lines(super().to_python(value) or "")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JourneyForm(GovukForm):
    title = forms.CharField(max_length=300, help_text="For example, Joining the pension scheme")
    service = forms.CharField(max_length=300)
    segment = forms.CharField(label="Customer segment", required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
    trigger = forms.CharField(label="Trigger (what starts the journey)", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    outcome = forms.CharField(label="End outcome", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    organisations = LinesField(label="Organisations it crosses", required=False,
                               help_text="One per line")
    departments = LinesField(label="Departments it crosses", required=False,
                             help_text="One per line")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MapDetailsForm(GovukForm):
    title = forms.CharField(max_length=300)
    mapped_on = forms.DateField(label="Date mapped", required=False, widget=_date_input())
    made_by = forms.CharField(label="Made by", required=False)
    owner = forms.CharField(label="Owner", required=False,
                            help_text="The person who keeps this map up to date")
    review_by = forms.DateField(label="Review by", required=False, widget=_date_input())
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def to_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("mapped_on", "review_by"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


class MapCreateForm(MapDetailsForm):
    kind = forms.ChoiceField(choices=MAP_KIND_CHOICES, initial=schema.MapKind.AS_IS.value)
    field_order = ["title", "kind"]


class MapCopyForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of map", choices=NEXT_VERSION_KINDS)
    title = forms.CharField(max_length=300)


class StepForm(GovukForm):
    """Every field of a step, or just some (`only`) for editing one cell in place.

    `version` is the step's version when the editor loaded it: the service refuses a save if the
    step has changed since (two people editing the same step).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=ROW_LABELS["name"])
    customer_does = forms.CharField(label=ROW_LABELS["customer_does"], required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    thoughts_feelings = forms.CharField(label=ROW_LABELS["thoughts_feelings"], required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    emotion = forms.TypedChoiceField(label=ROW_LABELS["emotion"], required=False,
                                     choices=EMOTION_FORM_CHOICES, coerce=int, empty_value=None)
    avoidable = forms.ChoiceField(label=ROW_LABELS["avoidable"], required=False,
                                  choices=NOT_RECORDED + AVOIDABLE_CHOICES)
    avoidable_why = forms.CharField(label=ROW_LABELS["avoidable_why"], required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    pain_points = LinesField(label=ROW_LABELS["pain_points"], required=False,
                             help_text="One per line")
    customer_suggestions = LinesField(label=ROW_LABELS["customer_suggestions"], required=False,
                                      help_text="One per line")
    improvement_ideas = LinesField(label=ROW_LABELS["improvement_ideas"], required=False,
                                   help_text="One per line")
    owner = forms.CharField(label=ROW_LABELS["owner"], required=False)
    responsible = forms.CharField(label=ROW_LABELS["responsible"], required=False)
    importance = forms.ChoiceField(label=ROW_LABELS["importance"], required=False,
                                   choices=NOT_RECORDED + LEVEL_CHOICES)
    impact = forms.ChoiceField(label=ROW_LABELS["impact"], required=False,
                               choices=NOT_RECORDED + LEVEL_CHOICES)
    time_taken_minutes = forms.FloatField(label="Time taken, in minutes", required=False,
                                          min_value=0)
    contacts = forms.IntegerField(label=ROW_LABELS["contacts"], required=False, min_value=0)
    provenance = forms.ChoiceField(label=ROW_LABELS["provenance"], choices=PROVENANCE_CHOICES,
                                   initial=schema.Provenance.ASSUMED.value)
    frontstage = forms.CharField(label=ROW_LABELS["frontstage"], required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    backstage = forms.CharField(label=ROW_LABELS["backstage"], required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    support = forms.CharField(label=ROW_LABELS["support"], required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    replaces = forms.MultipleChoiceField(label="Which steps of the earlier map does this step "
                                         "replace?", required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, only: tuple[str, ...] | None = None,
                 earlier_steps: list[schema.Step] | None = None, touchpoint_rows: int = 0,
                 custom_lanes: list[schema.CustomLane] = (), current_lanes: dict | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        # A form may hold only some lanes (one cell in place): the others keep their values.
        self.current_lanes = dict(current_lanes or {})
        self.lane_names = []
        for lane in custom_lanes:
            name = lane_field(lane.id)
            self.lane_names.append(name)
            label = f"{lane.name} ({lane.unit})" if lane.unit else lane.name
            self.fields[name] = (
                forms.FloatField(label=label, required=False, min_value=-1e11, max_value=1e11,
                                 widget=forms.NumberInput(attrs={"class": "govuk-input"}))
                if lane.kind is schema.LaneKind.NUMBER else
                forms.CharField(label=label, required=False, strip=False, widget=forms.Textarea(
                    attrs={"rows": 2, "class": "govuk-textarea"})))
        self.touchpoint_numbers = list(range(1, touchpoint_rows + 1))
        for number in self.touchpoint_numbers:
            self.fields[f"touchpoint_{number}_channel"] = forms.ChoiceField(
                label=f"Touchpoint {number}: channel", required=False,
                choices=[("", "No touchpoint"), *CHANNEL_CHOICES],
                widget=forms.Select(attrs={"class": "govuk-select"}))
            self.fields[f"touchpoint_{number}_description"] = forms.CharField(
                label=f"Touchpoint {number}: description", required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input"}))
            self.fields[f"touchpoint_{number}_moment_of_truth"] = forms.BooleanField(
                label=f"Touchpoint {number} is a moment of truth", required=False,
                widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}))
        if earlier_steps is None:
            del self.fields["replaces"]
        else:
            self.fields["replaces"].widget.attrs["class"] = "govuk-checkboxes__input"
            self.fields["replaces"].choices = [
                (step.id, f"{number}. {step.name}")
                for number, step in enumerate(earlier_steps, start=1)]
        if only is not None:
            for name in list(self.fields):
                if name not in {*only, "version"}:
                    del self.fields[name]
        for field in self.fields.values():
            # Text is kept exactly as typed, so a step saved unchanged stays unchanged (the
            # schema refuses a blank name; surrounding spaces elsewhere are the author's).
            if type(field) is forms.CharField:
                field.strip = False

    @staticmethod
    def initial_for(step: schema.Step, *, version: int | None = None) -> dict:
        initial = step.model_dump(mode="json", exclude={"touchpoints", "id"})
        initial = {name: "" if value is None else value for name, value in initial.items()}
        initial["version"] = version
        for lane_id, value in step.lanes.items():
            initial[lane_field(lane_id)] = value
        for number, point in enumerate(step.touchpoints, start=1):
            initial[f"touchpoint_{number}_channel"] = point.channel.value
            initial[f"touchpoint_{number}_description"] = point.description
            initial[f"touchpoint_{number}_moment_of_truth"] = point.moment_of_truth
        return initial

    def main_fields(self) -> list:
        """The fields shown one after another; touchpoints and replaces have their own layout."""
        return [self[name] for name in self.fields
                if name not in {"version", "replaces"} and not name.startswith("touchpoint_")]

    def touchpoint_fields(self) -> list[tuple]:
        return [(self[f"touchpoint_{n}_channel"], self[f"touchpoint_{n}_description"],
                 self[f"touchpoint_{n}_moment_of_truth"]) for n in self.touchpoint_numbers]

    def to_data(self) -> dict:
        """The posted fields as schema data ("" for an optional choice means "not recorded")."""
        data = {name: value for name, value in self.cleaned_data.items()
                if name != "version" and not name.startswith(("touchpoint_", LANE_PREFIX))}
        present = [name for name in self.lane_names if name in self.fields]
        if present:
            lanes = dict(self.current_lanes)
            for name in present:
                value = self.cleaned_data.get(name)
                lanes.pop(name.removeprefix(LANE_PREFIX), None)
                if value not in (None, ""):
                    lanes[name.removeprefix(LANE_PREFIX)] = value
            data["lanes"] = lanes
        for name in ("avoidable", "importance", "impact"):
            if name in data:
                data[name] = data[name] or None
        if self.touchpoint_numbers:
            data["touchpoints"] = [
                {"channel": self.cleaned_data[f"touchpoint_{n}_channel"],
                 "description": self.cleaned_data[f"touchpoint_{n}_description"],
                 "moment_of_truth": self.cleaned_data[f"touchpoint_{n}_moment_of_truth"]}
                for n in self.touchpoint_numbers if self.cleaned_data[f"touchpoint_{n}_channel"]]
        return data


class PersonaForm(GovukForm):
    """The customer the map follows. Everything blank means the map has no persona."""

    name = forms.CharField(label="Name", required=False,
                           help_text="For example, Sam, a new member of the scheme")
    description = forms.CharField(label="Who they are", required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    needs = LinesField(label="Needs", required=False, help_text="One per line")
    goals = LinesField(label="Goals", required=False, help_text="One per line")
    frustrations = LinesField(label="Frustrations", required=False, help_text="One per line")
    segment_ref = forms.ChoiceField(label="Customer segment they stand for", required=False)

    def __init__(self, *args, segments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment_ref"].choices = [("", "None")] + [
            (str(segment.pk), segment.name) for segment in segments]

    def to_data(self) -> dict | None:
        data = dict(self.cleaned_data)
        return None if not any(data.values()) else data


class StageForm(GovukForm):
    """One stage of the stages formset: a blank name removes the stage."""

    id = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="Stage name", required=False,
                           help_text="For example, Aware, Apply, Wait, Resolved")
    description = forms.CharField(label="Description", required=False)
    first_step = forms.ChoiceField(label="Starts with step", required=False)

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_step"].choices = [("", "Choose a step")] + [
            (step.id, f"{number}. {step.name}") for number, step in enumerate(steps, start=1)]

    def clean(self):
        data = super().clean()
        if data.get("name", "").strip() and not data.get("first_step"):
            self.add_error("first_step", "Choose the step this stage starts with.")
        return data


StageFormSet = forms.formset_factory(StageForm, extra=2)


def stages_from_formset(formset, steps: list[schema.Step]) -> tuple[list[dict], dict[str, str]]:
    """The stages in the order of their first steps, and each step's stage (by step id).

    A stage runs from its first step up to the step before the next stage's; steps before the
    first stage are in none. Two stages starting at the same step are refused on the form.
    """
    order = {step.id: index for index, step in enumerate(steps)}
    chosen = [form.cleaned_data for form in formset.forms
              if form.cleaned_data.get("name", "").strip()]
    taken = {row["id"] for row in chosen if row["id"]}
    starts: dict[str, str] = {}
    stages = []
    for row in sorted(chosen, key=lambda row: order[row["first_step"]]):
        if row["first_step"] in starts:
            raise forms.ValidationError(
                f"Two stages start with the same step: “{starts[row['first_step']]}” and "
                f"“{row['name']}”. Choose another first step for one of them.")
        starts[row["first_step"]] = row["name"]
        stage_id = row["id"] or _new_id("stage", taken)
        taken.add(stage_id)
        stages.append({"id": stage_id, "name": row["name"], "description": row["description"],
                       "first_step": row["first_step"]})
    step_stages: dict[str, str] = {}
    current = None
    by_start = {stage["first_step"]: stage["id"] for stage in stages}
    for step in steps:
        current = by_start.get(step.id, current)
        if current is not None:
            step_stages[step.id] = current
    return [{key: stage[key] for key in ("id", "name", "description")} for stage in stages], \
        step_stages


def _new_id(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}-{number}" in taken:
        number += 1
    return f"{prefix}-{number}"


class LaneForm(GovukForm):
    """One custom lane of the lanes formset: a blank name removes the lane and its values."""

    id = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="Lane name", required=False,
                           help_text="For example, Cost per step, or Opportunities")
    kind = forms.ChoiceField(label="It holds", choices=[
        (schema.LaneKind.TEXT.value, "Text"), (schema.LaneKind.NUMBER.value, "Numbers")])
    unit = forms.CharField(label="Unit, for numbers", required=False,
                           help_text="For example, £ or minutes")


LaneFormSet = forms.formset_factory(LaneForm, extra=2)


def lanes_from_formset(formset) -> list[dict]:
    rows = [form.cleaned_data for form in formset.forms
            if form.cleaned_data.get("name", "").strip()]
    taken = {row["id"] for row in rows if row["id"]}
    lanes = []
    for row in rows:
        lane_id = row["id"] or _new_id("lane", taken | set(schema.BUILT_IN_LANES))
        taken.add(lane_id)
        lanes.append({"id": lane_id, "name": row["name"], "kind": row["kind"],
                      "unit": row["unit"]})
    return lanes


class ShownLanesForm(GovukForm):
    """Which lanes the map's picture shows; the rest are listed in the map as hidden."""

    shown = forms.MultipleChoiceField(label="Lanes the picture shows", required=False,
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, lanes: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown"].choices = list(lanes)
        self.fields["shown"].widget.attrs["class"] = "govuk-checkboxes__input"

    def hidden_lanes(self, known: list[str]) -> list[str]:
        return [key for key in known if key not in self.cleaned_data["shown"]]


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=0)
    direction = forms.ChoiceField(choices=[("left", "left"), ("right", "right")],
                                  required=False)


class ShareForm(GovukForm):
    label = forms.CharField(label="Who is it for?", required=False, max_length=200,
                            help_text="For example, the pension board. Shown only to staff.")
    expires_on = forms.DateField(label="Stops working after", widget=_date_input(),
                                 help_text=f"At most {SHARE_DAYS_MAX} days from today")

    def clean_expires_on(self) -> datetime.date:
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError("Choose today or a later date.")
        if value > today + datetime.timedelta(days=SHARE_DAYS_MAX):
            raise forms.ValidationError(f"Choose a date at most {SHARE_DAYS_MAX} days away.")
        return value

    def expires_at(self) -> datetime.datetime:
        """The end of the chosen day, in the site's time zone."""
        day_after = self.cleaned_data["expires_on"] + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


class ImportForm(GovukForm):
    file = forms.FileField(label="Map file (Excel .xlsx or JSON)",
                           help_text="Fill in the Excel template offline, or use a journeymap "
                                     "JSON file")
    journey = forms.TypedChoiceField(label="Add to journey", required=False, coerce=int,
                                     empty_value=None)

    def __init__(self, *args, journeys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journey"].choices = [("", "A new journey, as described in the file")] + [
            (journey.pk, journey.title) for journey in journeys]


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(label="Earlier map", coerce=int)
    after = forms.TypedChoiceField(label="Later map", coerce=int)

    def __init__(self, *args, maps=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(row.pk, f"{row.title} ({row.get_kind_display()})") for row in maps]
        for name in ("before", "after"):
            self.fields[name].choices = choices
            self.fields[name].widget.attrs["class"] = "govuk-select"


class PortfolioFilterForm(GovukForm):
    """The journeys list's GET form: filter by service and register segment, choose the order."""

    service = forms.ChoiceField(label="Service", required=False)
    segment = forms.TypedChoiceField(label="Customer segment", required=False, coerce=int,
                                     empty_value=None)
    sort = forms.ChoiceField(label="Order", required=False)

    def __init__(self, *args, services=(), segments=(), sorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "All services")] + [(name, name)
                                                                   for name in services]
        self.fields["segment"].choices = [("", "All segments")] + [
            (segment.pk, segment.name) for segment in segments]
        self.fields["sort"].choices = list(sorts)

    def filters(self) -> dict:
        """The chosen filters; an unknown choice in the address is ignored, not an error."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"service": data.get("service") or "", "segment_id": data.get("segment"),
                "sort": data.get("sort") or "title"}
