"""Which column of an uploaded log holds the case, the time, the activity and the optional fields.

The mapping is guessed from the headers (CRM exports name things in many ways) and then given or
confirmed by the caller; the engine only ever reads the canonical names the store writes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

# Canonical names in the stored Parquet, in the order they are written.
CASE = "case_id"
# A dense integer per case, written at import: every per-case sort and group-by runs on it,
# which is several times faster than on the 32-digit pseudonym text.
CASE_KEY = "case_key"
ACTIVITY = "activity"
TIMESTAMP = "timestamp"
TIME_US = "time_us"
EVENT_INDEX = "event_index"
OPTIONAL_FIELDS = ("channel", "service", "organisation", "resource", "reason", "outcome",
                   "segment")

XES_CASE = "case:concept:name"
XES_ACTIVITY = "concept:name"
XES_TIME = "time:timestamp"

# Header words that suggest each field, most specific first. Matching ignores case and
# punctuation, so "Case ID", "case_id" and "CaseID" all match "caseid".
_HINTS: dict[str, tuple[str, ...]] = {
    "case": (
        "caseconceptname", "caseid", "case", "customerid", "customer", "requestid", "request",
        "ticketid", "ticket", "referenceid", "reference", "dossierid", "applicationid",
        "complaintid", "traceid", "trace",
    ),
    "time": (
        "timetimestamp", "timestamp", "datetime", "eventtime", "time", "contactdate", "date",
        "created", "starttime", "start", "when",
    ),
    "activity": (
        "conceptname", "activity", "activityname", "event", "eventname", "action", "task",
        "step", "contacttype", "type", "what",
    ),
    "channel": ("casechannel", "channel", "contactchannel", "contactchannelid", "medium", "source"),
    "service": (
        "caseservice", "service", "casedepartment", "department", "team", "orggroup", "group",
    ),
    "organisation": ("caseorganisation", "organisation", "organization", "agency", "council"),
    "resource": ("orgresource", "resource", "agent", "user", "officer", "staff"),
    "reason": ("reason", "contactreason", "casereason", "topic", "subject", "category"),
    "outcome": ("outcome", "result", "resolution", "status"),
    # A group of citizens (a category like the channel, never a person): see `segments`.
    "segment": ("customersegment", "segment", "customergroup", "customertype", "cohort",
                "persona"),
}


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


@dataclass(frozen=True, kw_only=True)
class ColumnMapping:
    """Source column names for each field; `None` for an optional field the log lacks."""

    case: str
    time: str
    activity: str
    channel: str | None = None
    service: str | None = None
    organisation: str | None = None
    resource: str | None = None
    reason: str | None = None
    outcome: str | None = None
    segment: str | None = None

    def optional_columns(self) -> dict[str, str]:
        """Canonical optional field name -> source column, for the fields that are mapped."""
        return {
            name: getattr(self, name)
            for name in OPTIONAL_FIELDS
            if getattr(self, name) is not None
        }

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str | None]) -> ColumnMapping:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})



XES_MAPPING_DEFAULTS = {"case": XES_CASE, "time": XES_TIME, "activity": XES_ACTIVITY}


def guess_mapping(*, headers: list[str], is_xes: bool = False) -> dict[str, str | None]:
    """Guess each field's column from the headers; fields with no plausible column map to None.

    The result is a plain dict because it may be incomplete; the caller confirms it and builds a
    `ColumnMapping`. Each header is used for at most one field, the required fields first.
    """
    guessed: dict[str, str | None] = {}
    taken: set[str] = set()
    if is_xes:
        for field_name, column in XES_MAPPING_DEFAULTS.items():
            if column in headers:
                guessed[field_name] = column
                taken.add(column)
    by_norm: dict[str, str] = {}
    for header in headers:
        by_norm.setdefault(_normalise(header), header)
    for field_name, hints in _HINTS.items():
        if field_name in guessed:
            continue
        guessed[field_name] = None
        for hint in hints:
            column = by_norm.get(hint)
            if column is not None and column not in taken:
                guessed[field_name] = column
                taken.add(column)
                break
    return guessed


def mapping_from_guess(
    *, headers: list[str], is_xes: bool = False, **overrides: str | None
) -> ColumnMapping:
    """Guess a mapping, apply the caller's overrides, and insist the required fields are known."""
    guessed = guess_mapping(headers=headers, is_xes=is_xes)
    guessed.update({k: v for k, v in overrides.items() if v is not None})
    missing = [name for name in ("case", "time", "activity") if not guessed.get(name)]
    if missing:
        from journeymap.core.analytics.errors import ConfigurationError

        raise ConfigurationError(
            "could not tell which column holds the "
            + ", ".join(missing)
            + f"; give it explicitly (columns found: {', '.join(map(repr, headers[:30]))})"
        )
    return ColumnMapping.from_dict(guessed)
