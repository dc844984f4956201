"""The dashboard's evaluations partial reads its figures through this tag, so the dashboard
(another app) includes the partial with one line and needs no change to its own selector."""

from django import template

from journeymap.web.indicators.selectors import evaluations_due as select_evaluations_due

register = template.Library()


@register.simple_tag
def evaluations_due(organisation) -> dict:
    return select_evaluations_due(organisation=organisation)
