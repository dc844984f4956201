"""The forms of feedback: the editor's link form, and the citizen's pages (one step a page, then
the overall rating and the segment questions). Every question of the citizen's form is optional:
a person may skip what they do not want to answer."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journeymap.core.feedback.ratings import RATING_LABELS
from journeymap.web.feedback.models import TEXT_LIMIT
from journeymap.web.feedback.questions import (
    CHANNEL_CHOICES,
    SEGMENT_QUESTION_CHOICES,
    SEGMENT_QUESTIONS,
    segment_options,
)
from journeymap.web.feedback.services import StepWords
from journeymap.web.govuk_forms import GovukForm

RATING_CHOICES = [(str(rating), _(label)) for rating, label in sorted(RATING_LABELS.items())]
TEXT_ATTRS = {"rows": 3}


class _CitizenForm(GovukForm):
    """Radios carry govuk-frontend's radio class; text answers say their limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "govuk-radios__input"
            if isinstance(field.widget, forms.Textarea):
                # No `maxlength`: a browser cuts pasted text at it silently (GOV.UK's advice is
                # to avoid it); the server says plainly when an answer is too long.
                field.widget.attrs.pop("maxlength", None)
                if field.help_text:
                    # A screen reader reads the hint with the field (journeymap/field.html ids).
                    field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and isinstance(self.fields[name].widget, forms.Textarea):
                widget = self.fields[name].widget
                described = f"{widget.attrs.get('aria-describedby', '')} id_{name}-error"
                widget.attrs["aria-describedby"] = described.strip()

    def radio_fields(self):
        return [self[name] for name, field in self.fields.items()
                if isinstance(field.widget, forms.RadioSelect)]


def _text(label, hint=""):
    return forms.CharField(
        label=label, help_text=hint, required=False, max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs=TEXT_ATTRS),
        error_messages={"max_length": _("Keep this to %(limit_value)s characters or fewer "
                                        "(it has %(show_value)s).")})


def _rating(label):
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None,
                                  choices=RATING_CHOICES, widget=forms.RadioSelect)


class StepAnswerForm(_CitizenForm):
    rating = _rating(_("How did you feel at this step?"))
    what_happened = _text(_("What happened?"),
                          _("In your own words. Do not include your name or contact details."))
    how_they_felt = _text(_("How did it make you feel?"))
    channel = forms.ChoiceField(label=_("How did you do this step?"), required=False,
                                choices=CHANNEL_CHOICES, widget=forms.RadioSelect)
    something_else = _text(_("Did anything else happen before the next step?"),
                           _("For example, a call you had to make, or a wait. Leave it empty "
                             "if nothing else happened."))


class FinalPageForm(_CitizenForm):
    overall_rating = _rating(_("Overall, how did you feel about the whole journey?"))
    anything_else = _text(_("Is there anything else you want to tell us?"))
    # The honeypot: hidden from people (and from screen readers) by CSS and aria-hidden; a bot
    # filling every field fills it too.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args, segment_questions: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        for key in segment_questions:
            self.fields[f"segment_{key}"] = forms.ChoiceField(
                label=SEGMENT_QUESTIONS[key]["question"], required=False,
                choices=segment_options(key), widget=forms.RadioSelect(
                    attrs={"class": "govuk-radios__input"}))
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def segment_fields(self):
        return [self[name] for name in self.fields if name.startswith("segment_")]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {"overall_rating": data["overall_rating"], "anything_else": data["anything_else"],
                "segments": {name.removeprefix("segment_"): value for name, value in data.items()
                             if name.startswith("segment_") and value}}


class FeedbackLinkForm(GovukForm):
    label = forms.CharField(label="What the link is for", max_length=200, required=False,
                            help_text="For example, “Reception desk, Waverley Court”.")
    closes_on = forms.DateField(label="Stop taking answers after (optional)", required=False,
                                help_text="A date, for example 31/3/2027. Leave empty to keep "
                                          "the link open until you close it.",
                                input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    response_cap = forms.IntegerField(label="Most answers to take (optional)", required=False,
                                      min_value=1, max_value=1_000_000)
    suppress_below = forms.IntegerField(
        label="Hide a step's figures until this many people have rated it (optional)",
        required=False, min_value=1, max_value=1000,
        help_text="Protects people in small groups. The default is 5; a lower number is not "
                  "used if another link to this map has a higher one.")
    segment_questions = forms.MultipleChoiceField(
        label="Questions about the person (all optional for them)", required=False,
        choices=SEGMENT_QUESTION_CHOICES, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment_questions"].widget.attrs["class"] = "govuk-checkboxes__input"

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on is not None and closes_on < timezone.localdate():
            raise forms.ValidationError("The date must be today or later.")
        return closes_on

    def closes_at(self) -> datetime.datetime | None:
        """The end of the chosen day, in the installation's time zone."""
        closes_on = self.cleaned_data["closes_on"]
        if closes_on is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(closes_on, datetime.time.max))


class MapTranslationForm(GovukForm):
    """The organisation's words of a map in one language: the journey's title, and per step its
    name (`step_<id>`) and what the customer does (`step_<id>_does`). Nothing is required here:
    the service refuses, by step, a step left without a name, and the form shows that on the
    step's field."""

    journey_title = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, journey_map, language_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        title = self.fields["journey_title"]
        title.widget.attrs["aria-describedby"] = "id_journey_title-hint"
        title.label = f"The journey’s title in {language_name} (optional)"
        title.help_text = f"In English: {journey_map.journey.title}"
        self.steps = list(journey_map.steps.order_by("position"))
        for step in self.steps:
            # Made after GovukForm's __init__ has dressed the declared fields: dressed here.
            self.fields[f"step_{step.pk}"] = forms.CharField(
                label=f"Step {step.position + 1}’s name in {language_name}", required=False,
                help_text=f"In English: {step.name}", widget=forms.TextInput(
                    attrs={"class": "govuk-input", "aria-describedby": f"id_step_{step.pk}-hint"}))
            self.fields[f"step_{step.pk}_does"] = forms.CharField(
                label=f"What the customer does at step {step.position + 1}, in {language_name} "
                      "(optional)", required=False,
                help_text=(f"In English: {step.customer_does}" if step.customer_does
                           else "Not written in English either."),
                widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2,
                                             "aria-describedby": f"id_step_{step.pk}_does-hint"}))

    def step_field_pairs(self):
        return [(step, self[f"step_{step.pk}"], self[f"step_{step.pk}_does"])
                for step in self.steps]

    def step_words(self) -> dict[int, StepWords]:
        data = self.cleaned_data
        return {step.pk: StepWords(data[f"step_{step.pk}"], data[f"step_{step.pk}_does"])
                for step in self.steps}
