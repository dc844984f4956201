"""The pack's sections from the actions and indicators apps, registered in `sections.SECTIONS`
only when those apps are installed (this module is imported only then).

Each builder turns the other app's rows into the pack's own frozen rows in one small function
(`_action_row`, `_indicator_row`, `_evaluation_row`), so a change of the other app's fields is
met in one place and the templates read only what is defined here.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from journeymap.web.accounts.models import Organisation
from journeymap.web.journeys.map_pages import svg_data_uri
from journeymap.web.journeys.models import Journey
from journeymap.web.packs.sections import PackSection


@dataclass(frozen=True)
class ActionRow:
    title: str
    category: str
    status: str
    owner: str
    due_on: datetime.date | None
    done: bool
    steps: tuple[str, ...]

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_on is not None and self.due_on < timezone.localdate()


def _action_row(action) -> ActionRow:
    return ActionRow(title=action.title, category=action.get_category_display(),
                     status=action.get_status_display(), owner=action.owner,
                     due_on=action.due_on, done=action.is_done,
                     steps=tuple(step.name for step in action.steps.all()))


def actions_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    from journeymap.web.actions.selectors import actions_for_journey

    rows = [_action_row(action)
            for action in actions_for_journey(organisation=organisation, journey=journey)]
    return PackSection(key="actions", title="Actions and their status",
                       template_name="packs/sections/actions.html", context={"actions": rows})


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator before and after: a figure that is not known is None, shown as such."""

    name: str
    unit: str
    baseline: str | None
    baseline_on: datetime.date | None
    latest: str | None
    latest_on: datetime.date | None
    target: str | None
    source: str
    chart_svg: str | None

    @property
    def chart_src(self) -> str | None:
        """The chart as an image source (the page's strict CSP refuses inline SVG styles)."""
        return svg_data_uri(self.chart_svg) if self.chart_svg else None


def _indicator_row(indicator) -> IndicatorRow:
    return IndicatorRow(name=indicator.name, unit=indicator.unit,
                        baseline=indicator.baseline_text, baseline_on=indicator.baseline_on,
                        latest=indicator.latest_text, latest_on=indicator.latest_on,
                        target=indicator.target_text, source=indicator.source_text,
                        chart_svg=indicator.chart_svg)


@dataclass(frozen=True)
class EvaluationRow:
    due_on: datetime.date
    performed_on: datetime.date | None
    findings: tuple[str, ...]


def _evaluation_row(evaluation) -> EvaluationRow:
    return EvaluationRow(due_on=evaluation.due_on, performed_on=evaluation.performed_on,
                         findings=tuple(evaluation.findings))


def indicators_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    from journeymap.web.indicators.selectors import (
        evaluations_for_journey,
        indicators_for_journey,
    )

    indicators = [_indicator_row(indicator) for indicator
                  in indicators_for_journey(organisation=organisation, journey=journey)]
    evaluations = [_evaluation_row(evaluation) for evaluation
                   in evaluations_for_journey(organisation=organisation, journey=journey)]
    return PackSection(key="indicators", title="Indicators before and after, and evaluations",
                       template_name="packs/sections/indicators.html",
                       context={"indicators": indicators, "evaluations": evaluations})
