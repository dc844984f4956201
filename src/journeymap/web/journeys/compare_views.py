"""Two maps of a journey side by side: what was removed, added and changed, and the totals."""

from django.shortcuts import render

from journeymap.core.maps import render_comparison_svg
from journeymap.core.maps.compare import compare_maps
from journeymap.web.accounts.access import organisation_view
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.forms import CompareForm
from journeymap.web.journeys.grid import ROW_LABELS
from journeymap.web.journeys.map_pages import svg_data_uri


@organisation_view()
def journey_compare(request, journey_id: int):
    journey = selectors.journey_get(organisation=request.organisation, journey_id=journey_id)
    maps = list(selectors.maps_of(journey=journey))
    form = CompareForm(request.GET or None, maps=maps)
    context = {"journey": journey, "form": form, "maps": maps}
    if form.is_valid():
        loaded = selectors.maps_with_steps(
            journey=journey, map_ids=[form.cleaned_data["before"], form.cleaned_data["after"]])
        before = documents.map_to_schema(loaded[form.cleaned_data["before"]])
        after = documents.map_to_schema(loaded[form.cleaned_data["after"]])
        journey_schema = documents.journey_to_schema(journey)
        comparison = compare_maps(before=before, after=after)
        context.update({
            "before": before, "after": after, "comparison": comparison,
            "changes": [(change, ", ".join(ROW_LABELS.get(name, name).lower()
                                           for name in change.fields))
                        for change in comparison.changed],
            "picture_src": svg_data_uri(render_comparison_svg(before=before, after=after,
                                                              journey=journey_schema)),
        })
    return render(request, "journeys/compare.html", context)
