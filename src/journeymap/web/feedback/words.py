"""The organisation's own words on the citizen's form (the journey's title, each step's name and
what the customer does) in the language the citizen chose, falling back field by field.

The product's words come from gettext; these come from the map's translation for the language
(`MapTranslation`). A field the translation leaves empty, or a step added to the map after it
was translated, shows the original text, marked with the original's language, so a screen
reader reads it in the right voice (WCAG 3.1.2, language of parts). In the original language
nothing here touches the database.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html

from journeymap.web.feedback import raw_rows
from journeymap.web.feedback.models import FeedbackLink, MapTranslation, StepTranslation
from journeymap.web.journeys.models import Step


@dataclass(frozen=True)
class Words:
    """Text for the page. `lang` is None when it is in the page's language, otherwise the
    language it is in (the original, shown because the translation has none)."""

    text: str
    lang: str | None = None

    def html(self) -> str:
        """The text, escaped, wrapped in a span naming its language when that is not the page's."""
        if self.lang is None:
            return format_html("{}", self.text)
        return format_html('<span lang="{}">{}</span>', self.lang, self.text)


def _original(text: str) -> Words:
    return Words(text, lang=settings.LANGUAGE_CODE)


def _chosen(translated: str, original: str, language: str) -> Words:
    if language == settings.LANGUAGE_CODE:
        return Words(original)
    return Words(translated) if translated else _original(original)


def languages_of(*, link: FeedbackLink) -> list[tuple[str, str]]:
    """The languages the form is offered in, as (code, name in that language): the original,
    then each one the link's map has a translation for, in the installation's order."""
    # As text (see raw_rows): the first page of every citizen's form asks.
    translated = set(raw_rows.values_of(MapTranslation, "language", where="journey_map",
                                        equals=link.journey_map_id))
    return [(code, name) for code, name in settings.LANGUAGES
            if code == settings.LANGUAGE_CODE or code in translated]


def journey_title(*, link: FeedbackLink, language: str) -> Words:
    original = link.journey_map.journey.title
    if language == settings.LANGUAGE_CODE:
        return Words(original)
    translated = (MapTranslation.objects.filter(journey_map_id=link.journey_map_id,
                                                language=language)
                  .values_list("journey_title", flat=True).first())
    return _chosen(translated or "", original, language)


@dataclass(frozen=True)
class StepText:
    name: Words
    customer_does: Words | None  # None: the map says nothing, in any language


def step_text(*, step: Step, language: str) -> StepText:
    """A step's name and what the customer does, in `language` where the translation has them."""
    row = None
    if language != settings.LANGUAGE_CODE:
        row = (StepTranslation.objects.filter(step=step, translation__language=language)
               .only("name", "customer_does").first())
    name = _chosen(row.name if row else "", step.name, language)
    does = None
    if step.customer_does or (row and row.customer_does):
        does = _chosen(row.customer_does if row else "", step.customer_does, language)
    return StepText(name=name, customer_does=does)
