"""Which segment to map first: the register ranked by the analyst's weights (a GET form)."""

from django.shortcuts import render

from journeymap.core.segments import MAX_WEIGHT, QUICK_TARGETS, rank_segments
from journeymap.web.accounts.access import organisation_view
from journeymap.web.segments import selectors
from journeymap.web.segments.forms import WeightsForm


@organisation_view()
def priorities(request):
    form = WeightsForm(request.GET or None)
    weights = form.weights()
    rows = selectors.register_rows(organisation=request.organisation)
    ranked = rank_segments([(segment.pk, row) for segment, row in rows], weights)
    target = form.cleaned_data.get("target") if form.is_bound and form.is_valid() else ""
    if target:  # show the quick target's weights in the form, ready to adjust
        form = WeightsForm({term: str(weight) for term, weight in weights.items()})
    return render(request, "segments/priorities.html", {
        "form": form, "ranked": ranked, "weights": weights, "max_weight": MAX_WEIGHT,
        "target": QUICK_TARGETS[target][0] if target else "",
        "quick_targets": [(key, label) for key, (label, _) in QUICK_TARGETS.items()]})
