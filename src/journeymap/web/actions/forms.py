"""Forms of improvement actions; the services validate the links and check who may act."""

from django import forms

from journeymap.core.actions.board import SCALE
from journeymap.web.actions.models import EFFECT_CHOICES, Category, Status
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.journeys.forms import NEXT_VERSION_KINDS

SCALE_FORM_CHOICES = [("", "Not rated"), *((str(value), label) for value, label in SCALE.items())]


def _scale(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=False, choices=SCALE_FORM_CHOICES,
                                  coerce=int, empty_value=None)


def _ticks(label: str, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, required=False, help_text=help_text,
                                     widget=forms.CheckboxSelectMultiple)


class ActionForm(GovukForm):
    title = forms.CharField(label="Action", max_length=300,
                            help_text="For example, Check claim forms at reception")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(choices=Category.choices)
    steps = _ticks("Steps it answers")
    pain_points = _ticks("Pain points it answers", "Written on the steps chosen above")
    observations = _ticks("Research it answers")
    owner = forms.CharField(max_length=300, required=False,
                            help_text="Leave blank for the owner of the first step chosen")
    owner_member = forms.TypedChoiceField(label="Owner's account", required=False, coerce=int,
                                          empty_value=None)
    due_on = forms.DateField(label="Due by", required=False, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    status = forms.ChoiceField(choices=Status.choices)
    impact = _scale("Impact")
    effort = _scale("Effort")
    indicator = forms.TypedChoiceField(label="Indicator it should move", required=False,
                                       coerce=int, empty_value=None,
                                       help_text="One of the journey's indicators")
    indicator_name = forms.CharField(label="Or name an indicator not defined yet",
                                     max_length=200, required=False,
                                     help_text="For example, Contacts per claim")
    ticket_url = forms.URLField(label="Link to the ticket in your delivery tool", max_length=500,
                                required=False, assume_scheme="https",
                                help_text="An http or https address")
    effect = forms.ChoiceField(label="Effect on the map", choices=EFFECT_CHOICES,
                               help_text="Applied to the steps chosen when a to-be map is "
                                         "drafted from the accepted actions")
    effect_step_name = forms.CharField(label="Name of the merged or new step", max_length=300,
                                       required=False)

    def __init__(self, data=None, *, steps=(), observations=(), members=(), indicators=(),
                 initial=None):
        super().__init__(data, initial=initial)
        steps = list(steps)
        self.fields["steps"].choices = [
            (str(step.pk), f"{step.journey_map.title}: {step.position + 1}. {step.name}")
            for step in steps]
        pain_points = {}
        for step in steps:
            for text in step.pain_points:
                pain_points.setdefault(text, f"{step.name}: {text}")
        self.fields["pain_points"].choices = list(pain_points.items())
        self.fields["observations"].choices = [
            (str(row.pk), f"{row.activity.title}, participant {row.participant or '?'}: "
                          f"{row.note[:120]}{' (pain point)' if row.pain_point else ''}")
            for row in observations]
        self.fields["owner_member"].choices = [("", "None")] + [
            (membership.pk, membership.user.get_username()) for membership in members]
        self.fields["indicator"].choices = [("", "None chosen")] + [
            (indicator.pk, indicator.name) for indicator in indicators]

    def to_data(self) -> dict:
        links = {"steps", "observations", "owner_member", "indicator"}
        return {name: value for name, value in self.cleaned_data.items() if name not in links}

    def chosen_ids(self, name: str) -> list[int]:
        return [int(value) for value in self.cleaned_data[name]]


class FilterForm(forms.Form):
    """The board's filters, from the query string; an unknown value is ignored, not an error."""

    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Status.choices])
    category = forms.ChoiceField(required=False,
                                 choices=[("", "Any category"), *Category.choices])

    def __init__(self, data=None):
        super().__init__(data)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def chosen(self) -> dict:
        if not self.is_valid():
            return {"status": None, "category": None}
        return {name: self.cleaned_data[name] or None for name in ("status", "category")}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class DraftForm(GovukForm):
    """Draft a to-be map from one map of the journey and the accepted actions."""

    source = forms.TypedChoiceField(label="Start from the map", coerce=int)
    kind = forms.ChoiceField(label="Kind of map", choices=NEXT_VERSION_KINDS)
    title = forms.CharField(label="Title of the new map", max_length=300)

    def __init__(self, data=None, *, maps=(), initial=None):
        super().__init__(data, initial=initial)
        self.fields["source"].choices = [(row.pk, row.title) for row in maps]
