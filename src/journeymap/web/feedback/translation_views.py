"""Editors give the form the organisation's own words (a map's step names, what the customer
does, the journey's title) in each language the product offers besides English."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from journeymap.web.accounts.access import acting, organisation_view
from journeymap.web.accounts.actors import Permission
from journeymap.web.feedback import selectors, services
from journeymap.web.feedback.forms import MapTranslationForm
from journeymap.web.feedback.models import translation_languages
from journeymap.web.journeys import selectors as journey_selectors
from journeymap.web.journeys.view_helpers import service_call


@organisation_view(Permission.EDIT)
def map_translation(request, journey_id: int, map_id: int, language: str):
    journey_map = journey_selectors.map_get(organisation=request.organisation,
                                            journey_id=journey_id, map_id=map_id)
    language_name = dict(translation_languages()).get(language)
    if language_name is None:
        raise Http404("The form is not offered in that language.")
    form = MapTranslationForm(
        request.POST or None, journey_map=journey_map, language_name=language_name,
        initial=selectors.translation_initial(journey_map=journey_map, language=language))
    if request.method == "POST" and form.is_valid() and service_call(
            form, services.map_translation_save, **acting(request), journey_map=journey_map,
            language=language, journey_title=form.cleaned_data["journey_title"],
            steps=form.step_words()):
        messages.success(request, f"The form’s words in {language_name} are saved.")
        return redirect("feedback:links", organisation_slug=request.organisation.slug,
                        journey_id=journey_id, map_id=map_id)
    return render(request, "feedback/translation.html", {
        "journey": journey_map.journey, "journey_map": journey_map, "form": form,
        "language": language, "language_name": language_name})
