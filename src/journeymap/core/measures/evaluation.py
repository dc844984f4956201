"""An evaluation: a re-map compared with its baseline, months after the actions were taken.

It reuses the map comparison (`core.maps.compare`) so that, as there, only what is known on
both sides is compared; it adds citizens' satisfaction with each map, the figures of a contact
dataset in a period before and after, and the savings estimate, with the assumptions it rests
on written out beside it. `Findings.as_record()` is what the web stores: the figures as numbers
and as the text a page prints, so a stored evaluation reads the same after the data changes.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from journeymap.core.analytics import AnalysisResult
from journeymap.core.maps.compare import compare_maps
from journeymap.core.maps.schema import EMOTION_LABELS, JourneyMap
from journeymap.core.maps.totals import number_text
from journeymap.core.measures.attribution import (
    ChannelAttribution,
    contacts_avoided_from_datasets,
    contacts_avoided_from_maps,
)
from journeymap.core.measures.figures import (
    Figure,
    contacts_of_dataset,
    duration_of_dataset,
    satisfaction_of_ratings,
)
from journeymap.core.measures.savings import SavingsEstimate, savings_estimate

MONTHS_AFTER = range(6, 25)  # the Edinburgh guide: evaluate 6 to 24 months after the change


def due_date(actions_taken_on: dt.date, months: int) -> dt.date:
    """`months` calendar months after `actions_taken_on`, on the last day of a shorter month.

    >>> due_date(dt.date(2025, 8, 31), 6)
    datetime.date(2026, 2, 28)
    """
    if months not in MONTHS_AFTER:
        raise ValueError(f"an evaluation is due 6 to 24 months after the actions, not {months}")
    index = actions_taken_on.month - 1 + months
    year, month = actions_taken_on.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(actions_taken_on.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class DatasetPeriods:
    """A contact dataset's (suppressed) figures in a period before and one after the change,
    with the words that name each (the dataset and its dates)."""

    before: AnalysisResult
    after: AnalysisResult
    before_label: str
    after_label: str


@dataclass(frozen=True)
class EmotionChange:
    before_step: str
    after_step: str
    before: int
    after: int


@dataclass(frozen=True)
class Line:
    """One figure as a page prints it, with its source."""

    label: str
    value: str
    source: str


@dataclass(frozen=True)
class Findings:
    lines: tuple[Line, ...]
    emotion_changes: tuple[EmotionChange, ...]
    emotion_not_compared: int
    steps_removed: int  # net: steps before minus steps after (a merge of two removes one)
    time_saved_minutes: float | None
    contacts_avoided: int | None
    satisfaction_change: float | None
    savings: SavingsEstimate
    savings_source: str
    assumptions: tuple[str, ...]

    def as_record(self) -> dict:
        total = self.savings.total
        return {
            "lines": [line.__dict__ for line in self.lines],
            "emotion_changes": [{**change.__dict__, "before_label": EMOTION_LABELS[change.before],
                                 "after_label": EMOTION_LABELS[change.after]}
                                for change in self.emotion_changes],
            "emotion_not_compared": self.emotion_not_compared,
            "steps_removed": self.steps_removed,
            "time_saved_minutes": self.time_saved_minutes,
            "contacts_avoided": self.contacts_avoided,
            "satisfaction_change": self.satisfaction_change,
            "savings": {
                "currency": self.savings.currency,
                "total": None if total is None else str(total),
                "total_text": money_text(total) if total is not None else
                "not estimated: no contacts avoided on a channel with a cost",
                "priced": [{"channel": line.channel, "contacts_avoided": line.contacts_avoided,
                            "cost_per_contact": money_text(line.cost_per_contact),
                            "saving": money_text(line.saving)} for line in self.savings.priced],
                "unpriced": [{"channel": line.channel, "contacts_avoided": line.contacts_avoided}
                             for line in self.savings.unpriced],
                "source": self.savings_source,
            },
            "assumptions": list(self.assumptions),
        }


def money_text(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def _change_text(before: Figure, after: Figure, unit: str) -> tuple[str, float | None]:
    if not (before.known and after.known):
        return (f"before {before.text(unit)}; after {after.text(unit)}; no change can be "
                "compared (not known on both sides)"), None
    change = after.value - before.value
    return f"{before.text(unit)} → {after.text(unit)}; change {change:+.2f}", change


def _emotions(before: JourneyMap, after: JourneyMap) -> tuple[list[EmotionChange], int]:
    comparison = compare_maps(before=before, after=after)
    changes, unknown = [], 0
    for change in (*comparison.changed, *comparison.unchanged):
        if change.before.emotion is None or change.after.emotion is None:
            unknown += 1
        else:
            changes.append(EmotionChange(change.before.name, change.after.name,
                                         change.before.emotion, change.after.emotion))
    # A merged step had several feelings before and has one after: not one comparison.
    unknown += len(comparison.merged)
    return changes, unknown


def evaluate(*, baseline: JourneyMap, remap: JourneyMap,
             baseline_ratings: Mapping[int, int], remap_ratings: Mapping[int, int],
             rating_threshold: int, costs: Mapping[str, Decimal],
             datasets: DatasetPeriods | None = None) -> Findings:
    """Compare `remap` with `baseline` (both maps of the journey), their citizens' ratings
    (histograms of overall ratings, withheld below `rating_threshold`), and, when given, a
    contact dataset before and after; price the contacts avoided at `costs` per channel."""
    comparison = compare_maps(before=baseline, after=remap)
    maps_source = f"maps: {baseline.title} (baseline) and {remap.title} (re-map)"
    merges = len(comparison.merged)
    fewer = -comparison.step_difference
    lines = [Line("Steps", f"{comparison.before_totals.steps} → {comparison.after_totals.steps}"
                  f": {fewer} fewer ({len(comparison.removed)} removed, "
                  f"{len(comparison.added)} added, {merges} merge{'s' if merges != 1 else ''})",
                  maps_source),
             Line("Time taken", comparison.time_summary, maps_source),
             Line("Contacts", comparison.contacts_summary, maps_source)]
    time_saved = comparison.time_difference_minutes
    contacts_avoided = comparison.contact_difference
    satisfaction = [satisfaction_of_ratings(ratings, threshold=rating_threshold)
                    for ratings in (baseline_ratings, remap_ratings)]
    satisfaction_text, satisfaction_change = _change_text(*satisfaction, "")
    lines.append(Line("Customer satisfaction (mean overall rating, 1 to 5)", satisfaction_text,
                      "citizens' feedback on each map"))
    attribution = contacts_avoided_from_maps(comparison)
    savings_source = maps_source
    if datasets is not None:
        dataset_source = f"{datasets.before_label} and {datasets.after_label}"
        for label, unit, compute in (("Contacts in the dataset", "", contacts_of_dataset),
                                     ("Median case duration", "min", duration_of_dataset)):
            text, _ = _change_text(compute(datasets.before), compute(datasets.after), unit)
            lines.append(Line(label, text, dataset_source))
        attribution = contacts_avoided_from_datasets(datasets.before, datasets.after)
        savings_source = dataset_source
    savings = savings_estimate(avoided=attribution.avoided, costs=costs)
    emotions, emotion_unknown = _emotions(baseline, remap)
    return Findings(
        lines=tuple(lines), emotion_changes=tuple(emotions),
        emotion_not_compared=emotion_unknown, steps_removed=fewer,
        time_saved_minutes=None if time_saved is None else -time_saved,
        contacts_avoided=None if contacts_avoided is None else -contacts_avoided,
        satisfaction_change=satisfaction_change, savings=savings, savings_source=savings_source,
        assumptions=_assumptions(attribution, savings, costs, savings_source))


def _assumptions(attribution: ChannelAttribution, savings: SavingsEstimate,
                 costs: Mapping[str, Decimal], source: str) -> tuple[str, ...]:
    said = [f"Contacts avoided are counted from {source}."]
    if costs:
        said.append("Costs per contact set by the organisation: " + ", ".join(
            f"{channel} {money_text(Decimal(cost))}" for channel, cost in sorted(costs.items()))
            + ".")
    else:
        said.append("The organisation has set no cost per contact for any channel.")
    if savings.priced:
        said.append("Priced: " + "; ".join(
            f"{line.channel}: {number_text(line.contacts_avoided)} contacts avoided × "
            f"{money_text(line.cost_per_contact)} = {money_text(line.saving)}"
            for line in savings.priced) + ".")
    for line in savings.unpriced:
        said.append(f"Not priced: {number_text(line.contacts_avoided)} contacts avoided by "
                    f"{line.channel}, which has no cost set (not counted as £0).")
    said.extend(f"Not attributed to a channel: {reason}." for reason in attribution.not_attributed)
    if not attribution.avoided and not attribution.not_attributed:
        said.append("No change in contacts on any channel was found.")
    return tuple(said)

