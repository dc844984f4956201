"""Forms of the segment register. Blank figures stay None (not known); the services validate."""

from django import forms

from journeymap.core.segments import MAX_WEIGHT, QUICK_TARGETS, TERMS
from journeymap.web.govuk_forms import GovukForm
from journeymap.web.segments.models import LEVEL_CHOICES

NOT_KNOWN_HINT = "Leave blank if not known (it is then shown as not known, never as 0)"


def _text(label: str, rows: int = 3, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, required=False,
                           widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0,
                              help_text=NOT_KNOWN_HINT)


class SegmentForm(GovukForm):
    group = forms.CharField(label="Segment group", required=False, max_length=200,
                            help_text="For example, Scheme members")
    name = forms.CharField(label="Segment", max_length=200,
                           help_text="For example, Members approaching retirement")
    current_service = _text("Current service")
    needs = _text("Description of needs")
    characteristics = _text("Characteristics to overcome")
    consultations = _text("Consultations and changes made")
    priority = forms.ChoiceField(label="Priority", required=False, choices=LEVEL_CHOICES)
    size = _count("Number of customers")
    dissatisfied_percent = forms.DecimalField(
        label="Dissatisfied (%)", required=False, min_value=0, max_value=100, decimal_places=2,
        help_text="The share of this segment's customers dissatisfied, from 0 to 100. "
                  + NOT_KNOWN_HINT)
    complaints = _count("Complaints a year")
    journeys_per_year = _count("Journeys a year")
    cost_to_serve = forms.DecimalField(label="Cost to serve a year (£)", required=False,
                                       min_value=0, decimal_places=2, max_digits=14,
                                       help_text=NOT_KNOWN_HINT)
    vulnerability = forms.ChoiceField(label="Vulnerability or equality impact", required=False,
                                      choices=LEVEL_CHOICES)
    greatest_need_notes = _text("Who has the greatest need", rows=2)


class WeightsForm(GovukForm):
    """The ranking's weights, from the page's GET form or a quick target's link."""

    def __init__(self, data=None):
        super().__init__(data)
        for term, label in TERMS.items():
            self.fields[term] = forms.IntegerField(
                label=label, required=False, min_value=0, max_value=MAX_WEIGHT, initial=1,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))
        self.fields["target"] = forms.ChoiceField(
            required=False, choices=[("", "")] + [(key, label) for key, (label, _) in
                                                  QUICK_TARGETS.items()],
            widget=forms.HiddenInput)

    def weights(self) -> dict[str, int]:
        """The chosen weights; a quick target's, or 1 for each term the form left blank."""
        if not self.is_bound or not self.is_valid():
            return dict.fromkeys(TERMS, 1)
        target = self.cleaned_data.get("target")
        if target:
            return {term: QUICK_TARGETS[target][1].get(term, 0) for term in TERMS}
        return {term: 1 if self.cleaned_data[term] is None else self.cleaned_data[term]
                for term in TERMS}


class ImportForm(GovukForm):
    file = forms.FileField(label="Register file (.csv or .xlsx)",
                           help_text="The first row names the columns, as the downloaded "
                                     "register does")


class JourneyLinkForm(GovukForm):
    journey = forms.TypedChoiceField(label="Journey", coerce=int)

    def __init__(self, data=None, *, journeys=()):
        super().__init__(data)
        self.fields["journey"].choices = [(journey.pk, journey.title) for journey in journeys]


def _lines(label: str, hint: str) -> forms.CharField:
    return _text(label, rows=4, help_text=f"One a line. {hint}")


class PersonaForm(GovukForm):
    """The segment's persona, as the map schema holds one: lists are one item a line."""

    LISTS = ("needs", "goals", "frustrations")

    name = forms.CharField(label="Persona's name", required=False, max_length=200,
                           help_text="For example, Morag, 64, retiring on ill-health grounds. "
                                     "Leave blank to remove the segment's persona")
    description = _text("Who they are")
    needs = _lines("Needs", "What they need from the service, from the research")
    goals = _lines("Goals", "What they want to achieve")
    frustrations = _lines("Frustrations", "What they find hard")

    @classmethod
    def initial_from(cls, persona: dict | None) -> dict:
        persona = persona or {}
        return {"name": persona.get("name", ""), "description": persona.get("description", ""),
                **{name: "\n".join(persona.get(name, [])) for name in cls.LISTS}}

    def persona(self) -> dict | None:
        """The persona as the services take it; None when the name is left blank."""
        data = self.cleaned_data
        if not data["name"].strip():
            return None
        return {"name": data["name"], "description": data["description"],
                **{name: [line.strip() for line in data[name].splitlines() if line.strip()]
                   for name in self.LISTS}}
