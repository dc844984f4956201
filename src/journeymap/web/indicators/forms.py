"""The indicator, measurement, evaluation and contact-cost forms (govuk-frontend classes)."""

from django import forms

from journeymap.core.measures.catalogue import CATALOGUE, Kind
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.indicators.models import DIRECTION_CHOICES, KIND_CHOICES
from journeymap.web.journeys.models import CHANNEL_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"


def _date(label: str, **options) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **options)


class IndicatorForm(GovukForm):
    kind = forms.ChoiceField(label="Indicator", choices=KIND_CHOICES, help_text=(
        "A ready-made indicator comes with its name, unit and definition; choose "
        "“Other (manual)” for anything else and name it below."))
    name = forms.CharField(label="Name (leave blank for a ready-made one's own)", required=False,
                           max_length=200)
    unit = forms.CharField(label="Unit", required=False, max_length=50)
    direction = forms.ChoiceField(label="Which way is better",
                                  choices=[("", "As the ready-made indicator says"),
                                           *DIRECTION_CHOICES], required=False)
    definition = forms.CharField(label="Definition", required=False, widget=forms.Textarea(
        attrs={"rows": 3}))
    baseline_value = forms.FloatField(label="Baseline value", required=False)
    baseline_on = _date("Baseline date", required=False)
    target_value = forms.FloatField(label="Target", required=False)

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.MANUAL.value:
            for name in ("name", "unit", "direction"):
                if not data.get(name):
                    self.add_error(name, "An indicator of your own needs this.")
        return data

    def indicator_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "kind"}


class TargetForm(GovukForm):
    baseline_value = forms.FloatField(label="Baseline value", required=False)
    baseline_on = _date("Baseline date", required=False)
    target_value = forms.FloatField(label="Target", required=False)


class MeasurementForm(GovukForm):
    value = forms.FloatField(label="Value")
    measured_on = _date("Date it was measured (or the last day of its period)")
    note = forms.CharField(label="Where the figure comes from (optional)", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ComputeForm(GovukForm):
    """Which source to compute a built-in figure from; the fields offered depend on the kind."""

    journey_map = forms.ModelChoiceField(label="Map", queryset=None, required=False)
    dataset = forms.ModelChoiceField(label="Contact dataset", queryset=None, required=False)
    period_from = _date("First day of the period", required=False)
    period_to = _date("Last day of the period", required=False)

    def __init__(self, *args, kind: str, maps, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journey_map"].queryset = maps
        self.fields["dataset"].queryset = datasets
        sources = {source.value for source in CATALOGUE[Kind(kind)].computed_from}
        if "map" not in sources:
            del self.fields["journey_map"]
        if "dataset" not in sources:
            del self.fields["dataset"]
        if sources == {"map"}:
            del self.fields["period_from"], self.fields["period_to"]


class ScheduleForm(GovukForm):
    actions_taken_on = _date("When were the actions taken?")
    months = forms.IntegerField(label="Evaluate after how many months (6 to 24)", initial=12,
                                min_value=6, max_value=24)


class PerformForm(GovukForm):
    baseline_map = forms.ModelChoiceField(label="Baseline map (before the actions)",
                                          queryset=None)
    remap = forms.ModelChoiceField(label="Re-map (after the actions)", queryset=None)
    dataset = forms.ModelChoiceField(label="Contact dataset (optional)", queryset=None,
                                     required=False)
    before_from = _date("Before: first day", required=False)
    before_to = _date("Before: last day", required=False)
    after_from = _date("After: first day", required=False)
    after_to = _date("After: last day", required=False)

    def __init__(self, *args, maps, datasets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["baseline_map"].queryset = maps
        self.fields["remap"].queryset = maps
        self.fields["dataset"].queryset = datasets

    def clean(self):
        data = super().clean()
        if data.get("dataset"):
            for name in ("before_from", "before_to", "after_from", "after_to"):
                if not data.get(name):
                    self.add_error(name, "A dataset needs the periods before and after.")
        return data

    def periods(self) -> dict:
        data = self.cleaned_data
        if not data.get("dataset"):
            return {}
        return {"before": (data["before_from"], data["before_to"]),
                "after": (data["after_from"], data["after_to"])}


class ContactCostsForm(GovukForm):
    """One cost per contact per channel, in pounds; blank means "no cost set". The maps'
    channels come first, then the channels the organisation's contact logs name in their own
    words (a log's "phone" is priced as itself, not guessed to be the maps' telephone)."""

    def __init__(self, *args, log_channels: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self._channels: dict[str, str] = {}
        for channel, label in CHANNEL_CHOICES:
            self._add(channel, channel, f"{label} (£ per contact)")
        for index, channel in enumerate(log_channels):
            if channel not in self._channels.values():
                self._add(f"log_channel_{index}", channel,
                          f"“{channel}” in the contact logs (£ per contact)")
        initial = self.initial
        self.initial = {field: initial.get(channel) for field, channel in self._channels.items()}

    def _add(self, field: str, channel: str, label: str) -> None:
        self._channels[field] = channel
        self.fields[field] = forms.DecimalField(label=label, required=False, min_value=0,
                                                max_digits=10, decimal_places=2)

    def costs(self) -> dict:
        return {channel: self.cleaned_data.get(field) for field, channel in self._channels.items()}
