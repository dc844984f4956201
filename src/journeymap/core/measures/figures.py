"""The built-in indicators' figures, each computed only where the data supports it.

A figure that cannot be had is `not known` with the reason (a map with untimed steps, a log that
does not say which events are contacts, a figure withheld to protect small numbers), never 0:
the web stores a measurement only when `value` is known. Dataset figures come from a result that
is already suppressed, so a withheld count stays withheld here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeymap.core.analytics import AnalysisResult, Suppressed
from journeymap.core.feedback.ratings import summarise
from journeymap.core.maps.schema import JourneyMap
from journeymap.core.maps.totals import number_text

CONTACTS_UNKNOWN = "not known: the log does not say which events are contacts"


@dataclass(frozen=True)
class Figure:
    """`value` with `detail` (what it covers, e.g. "n = 23"), or None with `reason`."""

    value: float | None
    detail: str = ""
    reason: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None

    def text(self, unit: str = "") -> str:
        if self.value is None:
            return self.reason
        amount = f"{number_text(round(self.value, 2))} {unit}".strip()
        return f"{amount} ({self.detail})" if self.detail else amount


def not_known(reason: str) -> Figure:
    return Figure(value=None, reason=reason)


def _withheld(value, what: str) -> Figure | None:
    if isinstance(value, Suppressed):
        return not_known(f"not known: {what} withheld (fewer than {value.threshold} cases, or "
                         "it would reveal a smaller count)")
    return None


def steps_of_map(journey_map: JourneyMap) -> Figure:
    count = len(journey_map.steps)
    if count == 0:
        return not_known("not known: the map has no steps yet")
    return Figure(value=float(count), detail=f"counted on the map {journey_map.title}")


def time_of_map(journey_map: JourneyMap) -> Figure:
    """The sum of the steps' times, only when every step is timed (a partial sum would look like
    a faster process)."""
    steps = journey_map.steps
    timed = [step.time_taken_minutes for step in steps if step.time_taken_minutes is not None]
    if not steps:
        return not_known("not known: the map has no steps yet")
    if len(timed) < len(steps):
        return not_known(f"not known: only {len(timed)} of {len(steps)} steps of the map are "
                         "timed")
    return Figure(value=float(sum(timed)), detail=f"every one of {len(steps)} steps timed")


def duration_of_dataset(result: AnalysisResult) -> Figure:
    """The median case duration, in minutes, of the cases in the (suppressed) result."""
    median = result.case_duration_seconds.median
    withheld = _withheld(median, "the median duration is")
    if withheld:
        return withheld
    if median is None:
        return not_known("not known: no cases in the period")
    return Figure(value=median / 60, detail=f"median over {_count_text(result.cases)} cases")


def _count_text(count) -> str:
    return "a withheld number of" if isinstance(count, Suppressed) else f"{count:,}"


def contacts_of_dataset(result: AnalysisResult) -> Figure:
    if result.contacts is None:
        return not_known(CONTACTS_UNKNOWN)
    events = result.contacts.events
    withheld = _withheld(events, "the number of contacts is")
    if withheld:
        return withheld
    definition = result.contact_definition.description
    return Figure(value=float(events), detail=f"contacts as the log defines them: {definition}")


def avoidable_share_of_dataset(result: AnalysisResult) -> Figure:
    """NI14's share of avoidable contact, as a percentage."""
    if result.contacts is None:
        return not_known(CONTACTS_UNKNOWN)
    if result.avoidable is None:
        return not_known("not known: the log gives no contact reasons or rules to say which "
                         "contacts were avoidable")
    share = result.avoidable.avoidable_share
    withheld = _withheld(share, "the share is")
    if withheld:
        return withheld
    if share is None:
        return not_known("not known: no contacts in the period")
    return Figure(value=share * 100,
                  detail=f"{_count_text(result.avoidable.avoidable_contacts)} avoidable of "
                         f"{_count_text(result.avoidable.contacts)} contacts")


def satisfaction_of_ratings(histogram: Mapping[int, int], *, threshold: int) -> Figure:
    """The mean overall rating (1 to 5) and how many rated; withheld below `threshold`."""
    summary = summarise(histogram)
    if summary is None:
        return not_known("not known: nobody rated the journey in the period")
    if summary.n < threshold:
        return not_known(f"not known: fewer than {threshold} people rated the journey in the "
                         "period, so the figure is withheld")
    return Figure(value=summary.mean, detail=f"n = {summary.n:,}, median {summary.median:g}")
