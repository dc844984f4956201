"""Two periods of a dataset side by side (before and after a change), from the suppressed
results only. A figure one side cannot give (withheld, or contacts not known) is said so on
that side; nothing is computed across the two, so no withheld count can be recovered."""

from dataclasses import dataclass

from journeymap.core.analytics import (
    AnalysisResult,
    count_text,
    duration_text,
    number_text,
    percent_text,
)

NOT_KNOWN = "not known"


@dataclass(frozen=True)
class ComparedRow:
    figure: str
    before: str
    after: str


def _figures(result: AnalysisResult) -> dict[str, str]:
    contacts, avoidable = result.contacts, result.avoidable
    return {
        "Cases": count_text(result.cases),
        "Events": count_text(result.events),
        "Median events per case": number_text(result.events_per_case.median),
        "Median time from first to last event": duration_text(
            result.case_duration_seconds.median),
        "Contacts": NOT_KNOWN if contacts is None else count_text(contacts.events),
        "Median contacts per case": (NOT_KNOWN if contacts is None
                                     else number_text(contacts.per_case.median)),
        "Share of contacts that were avoidable": (
            NOT_KNOWN if avoidable is None else percent_text(avoidable.avoidable_share)),
    }


def compared_rows(before: AnalysisResult, after: AnalysisResult) -> tuple[ComparedRow, ...]:
    first, second = _figures(before), _figures(after)
    return tuple(ComparedRow(figure=name, before=first[name], after=second[name])
                 for name in first)
