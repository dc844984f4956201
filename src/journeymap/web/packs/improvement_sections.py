"""The pack's sections from the actions and indicators apps, registered in `sections.SECTIONS`
only when those apps are installed (this module is imported only then).

Each builder turns the other app's rows into the pack's own frozen rows in one small function
(`_action_row`, `_indicator_row`, `_evaluation_row`), so a change of the other app's fields is
met in one place and the templates read only what is defined here. The shapes read are those the
apps expose for the pack: `actions_for_journey` gives `ActionOnBoard` (the action, its steps,
whether it is overdue); `indicators_for_journey` gives `IndicatorSummary` (baseline, target,
measurements, the latest one's source, the chart); `evaluations_for_journey` gives evaluations
whose `findings` hold a performed one's figures, each naming its source.
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
    overdue: bool
    indicator: str
    steps: tuple[str, ...]


def _action_row(on_board) -> ActionRow:
    action = on_board.action
    return ActionRow(title=action.title, category=action.get_category_display(),
                     status=action.get_status_display(), owner=action.owner,
                     due_on=action.due_on, overdue=on_board.overdue,
                     indicator=action.indicator.name if action.indicator else
                     action.indicator_name,
                     steps=tuple(step.name for step in on_board.steps))


def actions_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    from journeymap.web.actions.selectors import actions_for_journey

    rows = [_action_row(on_board)
            for on_board in actions_for_journey(organisation=organisation, journey=journey)]
    return PackSection(key="actions", title="Actions and their status",
                       template_name="packs/sections/actions.html", context={"actions": rows})


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator before and after: a figure that is not known is None, shown as such."""

    name: str
    unit: str
    baseline: float | None
    baseline_on: datetime.date | None
    latest: float | None
    latest_on: datetime.date | None
    target: float | None
    source: str
    chart_svg: str | None

    @property
    def chart_src(self) -> str | None:
        """The chart as an image source (the page's strict CSP refuses inline SVG styles)."""
        return svg_data_uri(self.chart_svg) if self.chart_svg else None


def _indicator_row(summary) -> IndicatorRow:
    latest = summary.latest
    return IndicatorRow(name=summary.indicator.name, unit=summary.indicator.unit,
                        baseline=summary.baseline, baseline_on=summary.baseline_on,
                        latest=latest.value if latest else None,
                        latest_on=latest.measured_on if latest else None,
                        target=summary.target, source=summary.latest_source,
                        chart_svg=summary.chart_svg() if summary.measurements else None)


@dataclass(frozen=True)
class FindingLine:
    label: str
    value: str
    source: str


@dataclass(frozen=True)
class EvaluationRow:
    """An evaluation: due, or performed with its figures (each naming its source), the savings
    estimate and the assumptions printed beside it."""

    due_on: datetime.date
    performed_on: datetime.date | None
    performed_by: str
    lines: tuple[FindingLine, ...]
    savings: str
    assumptions: tuple[str, ...]


def _evaluation_row(evaluation) -> EvaluationRow:
    findings = evaluation.findings or {}
    performed_at = evaluation.performed_at
    return EvaluationRow(
        due_on=evaluation.due_on,
        performed_on=timezone.localdate(performed_at) if performed_at else None,
        performed_by=evaluation.performed_by_label,
        lines=tuple(FindingLine(line["label"], line["value"], line["source"])
                    for line in findings.get("lines", [])),
        savings=findings.get("savings", {}).get("total_text", ""),
        assumptions=tuple(findings.get("assumptions", [])))


def indicators_section(*, organisation: Organisation, journey: Journey) -> PackSection:
    from journeymap.web.indicators.selectors import (
        evaluations_for_journey,
        indicators_for_journey,
    )

    indicators = [_indicator_row(summary) for summary
                  in indicators_for_journey(organisation=organisation, journey=journey)]
    evaluations = [_evaluation_row(evaluation) for evaluation
                   in evaluations_for_journey(organisation=organisation, journey=journey)]
    return PackSection(key="indicators", title="Indicators before and after, and evaluations",
                       template_name="packs/sections/indicators.html",
                       context={"indicators": indicators, "evaluations": evaluations})
