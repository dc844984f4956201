"""Forms of research evidence; the services validate and check who may act."""

import datetime

from django import forms
from django.utils import timezone

from journeymap.web.evidence.models import PROVENANCE_STRENGTH, ResearchKind
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.journeys.forms import EMOTION_FORM_CHOICES
from journeymap.web.journeys.models import CHANNEL_CHOICES, PROVENANCE_CHOICES

#: Offered as the default retention: research records kept for two years unless set otherwise.
DEFAULT_RETENTION_DAYS = 730


def _date() -> forms.DateField:
    return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _text(label: str, rows: int = 3, required: bool = False, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class ActivityForm(GovukForm):
    title = forms.CharField(max_length=300, help_text="For example, Interviews with new claimants")
    kind = forms.ChoiceField(label="Kind of research", choices=ResearchKind.choices)
    objectives = _text("Objectives", required=True,
                       help_text="Start here, as the guide says: what should this find out?")
    critical_questions = _text("Critical questions asked", rows=4)
    held_on = _date()
    method = _text("Method", rows=2)
    participants = forms.IntegerField(label="Number of participants", required=False,
                                      min_value=0, help_text="Leave blank if not known")
    sample_make_up = _text("Make-up of the sample", rows=2,
                           help_text="For example, 6 members, 3 women and 3 men. No names.")
    consent_recorded = forms.BooleanField(label="Participants' consent is recorded",
                                          required=False)
    retain_until = _date()
    notes = _text("Notes")
    segment = forms.TypedChoiceField(label="Segment researched", required=False, coerce=int,
                                     empty_value=None)

    def __init__(self, data=None, *, segments=(), initial=None):
        super().__init__(data, initial=initial or {
            "retain_until": timezone.localdate() + datetime.timedelta(
                days=DEFAULT_RETENTION_DAYS)})
        self.fields["held_on"].label = "Date"
        self.fields["held_on"].required = False
        self.fields["retain_until"].label = "Keep the records until"
        self.fields["retain_until"].help_text = ("After this date the activity and its "
                                                 "observations are deleted")
        self.fields["segment"].choices = [("", "No segment")] + [
            (segment.pk, segment.name) for segment in segments]

    def to_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "segment"}


class ObservationForm(GovukForm):
    step = forms.TypedChoiceField(label="Step of a map", coerce=int)
    participant = forms.IntegerField(label="Participant number", required=False, min_value=1,
                                     help_text="For example 3 for participant 3. Never a name.")
    note = _text("Quote or note", required=True)
    feeling = forms.TypedChoiceField(label="Feeling expressed", required=False,
                                     choices=EMOTION_FORM_CHOICES, coerce=int, empty_value=None)
    channel = forms.ChoiceField(required=False, choices=[("", "Not recorded"), *CHANNEL_CHOICES])
    pain_point = forms.BooleanField(label="This is a pain point", required=False)
    suggestion = _text("Customer's suggestion", rows=2)
    other_services = _text("Unexpected links to other services", rows=2,
                           help_text="For example, entitled to other benefits, or needs "
                                     "language support")

    def __init__(self, data=None, *, steps=()):
        super().__init__(data)
        groups: dict[str, list] = {}
        for step in steps:
            journey_map = step.journey_map
            label = f"{journey_map.journey.title}: {journey_map.title}"
            groups.setdefault(label, []).append((step.pk, f"{step.position + 1}. {step.name}"))
        self.fields["step"].choices = list(groups.items())

    def to_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "step"}


class ProvenanceForm(GovukForm):
    """Set a step's provenance from the evidence behind it (the step's version guards edits)."""

    provenance = forms.ChoiceField(label="What the evidence shows", choices=[
        (value, label) for value, label in PROVENANCE_CHOICES
        if value in PROVENANCE_STRENGTH])
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProposedStepForm(GovukForm):
    """A step customers described that a map lacks; `place` is "m<map id>" (before the map's
    first step) or "s<step id>" (after that step), grouped by map so no script is needed."""

    place = forms.ChoiceField(label="Where customers put it")
    name = forms.CharField(label="What the customer does", max_length=300)
    description = _text("What customers said about it", rows=2)

    def __init__(self, data=None, *, steps=()):
        super().__init__(data)
        groups: dict[str, list] = {}
        for step in steps:
            journey_map = step.journey_map
            label = f"{journey_map.journey.title}: {journey_map.title}"
            if label not in groups:
                groups[label] = [(f"m{journey_map.pk}", "At the start of this map")]
            groups[label].append((f"s{step.pk}", f"After {step.position + 1}. {step.name}"))
        self.fields["place"].choices = list(groups.items())

    def chosen_place(self) -> tuple[str, int]:
        """("map", id) or ("step", id)."""
        value = self.cleaned_data["place"]
        return ("map" if value[0] == "m" else "step"), int(value[1:])


class AcceptForm(GovukForm):
    into = forms.TypedChoiceField(label="Add it to the map", coerce=int)

    def __init__(self, data=None, *, maps=(), initial=None):
        super().__init__(data, initial=initial)
        self.fields["into"].choices = [(journey_map.pk, str(journey_map)) for journey_map in maps]
