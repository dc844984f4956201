"""The analysis result as typed, frozen models: one shape for the engine, the JSON and the reports.

`analyse` builds an `AnalysisResult` from plain dicts and lists (pydantic validates them on the
way in); `to_dict()` and `to_json()` give the documented JSON (schema `journeymap.analysis`,
version 2, see `report_json`), and `json_schema()` its JSON Schema, which is published in the
package as `analysis-v2.schema.json`.

A figure that a report withholds is a `Suppressed` marker, never 0: the exact result the engine
returns holds none, and `suppression.suppress` returns a copy holding them wherever a count is
small, or could be worked out from other figures, with the rows it pooled under `suppression`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ANALYSIS_SCHEMA = "journeymap.analysis"
ANALYSIS_SCHEMA_VERSION = 2
#: The published JSON Schema; regenerate with `SCHEMA_PATH.write_text(json_schema_text())`.
SCHEMA_PATH = Path(__file__).with_name(f"analysis-v{ANALYSIS_SCHEMA_VERSION}.schema.json")

#: What a report says when the log does not say which events are citizen contacts.
CONTACTS_NEEDED = (
    "This log does not say which events are citizen contacts, so no contact figures are "
    "given: add --channel, or --contact-activities (or --contact-column with --contact-value)."
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Suppressed(_Model):
    """A figure withheld so that no one can be singled out (with `threshold`, the N in force).

    The same marker stands for a small count and for a figure hidden because a small one could
    be worked out from it, so a reader cannot tell the two apart.
    """

    suppressed: Literal[True] = True
    threshold: int = Field(ge=2)


Count = Annotated[int, Field(ge=0)] | Suppressed
#: Seconds, a share (fraction of 1) or a ratio: null when there is nothing to compute it over.
Measure = float | None | Suppressed


class Summary(_Model):
    """Five numbers over the cases of the log (each null when there are none)."""

    min: Measure
    median: Measure
    mean: Measure
    p90: Measure
    max: Measure


class Source(_Model):
    name: str
    format: str
    pseudonymised: bool
    timezone: str
    mapping: dict[str, str | None]


class ActivityRow(_Model):
    activity: str
    events: Count
    cases: Count


class Variant(_Model):
    activities: list[str]
    cases: Count


class Edge(_Model):
    """One directly-follows path: `count` events of `from_` followed directly by `to`."""

    from_: str = Field(alias="from")
    to: str
    count: Count
    median_seconds: Measure


class MixRow(_Model):
    value: str
    events: Count
    cases: Count


class Crossing(_Model):
    """A channel, service or organisation column: its mix and the changes between values."""

    mix: list[MixRow]
    cases_with_value: Count
    changes: Count
    cases_changing: Count
    cases_crossing: Count
    distinct_per_case: Summary
    changes_per_case: Summary


class RepeatRow(_Model):
    activity: str
    cases: Count
    repeated_events: Count


class Repeats(_Model):
    cases_with_repeats: Count
    repeated_events: Count
    activities: list[RepeatRow]


class Bucket(_Model):
    bucket: str
    cases: Count


class Histograms(_Model):
    case_duration_seconds: list[Bucket]
    events_per_case: list[Bucket]
    contacts_per_case: list[Bucket] | None


class ContactDefinition(_Model):
    """Which events the log says are citizen contacts."""

    kind: Literal["channel", "activities", "column"]
    description: str


class Contacts(_Model):
    events: Count
    cases_with_contacts: Count
    per_case: Summary


class AvoidableCategory(_Model):
    category: str
    label: str
    contacts: Count
    share: Measure


class AvoidableRule(_Model):
    rule: str
    category: str
    description: str
    contacts: Count
    share: Measure


class Ni14(_Model):
    resolved_requests: Count
    resolved_means: str
    contacts_per_resolved_request: Measure


class Avoidable(_Model):
    method: Literal["reason", "rules"]
    contacts: Count
    avoidable_contacts: Count
    avoidable_share: Measure
    categories: list[AvoidableCategory]
    rules: list[AvoidableRule]
    ni14: Ni14


class HandoffPair(_Model):
    from_: str = Field(alias="from")
    to: str
    handoffs: Count
    cases: Count
    median_seconds: Measure


class Rework(_Model):
    """An activity done again in the receiving service after a hand-off."""

    from_: str = Field(alias="from")
    to: str
    activity: str
    cases: Count
    handoffs: Count


class HandoffTable(_Model):
    handoffs: Count
    cases_with_handoffs: Count
    pairs: list[HandoffPair]
    rework: list[Rework]


class Handoffs(_Model):
    service: HandoffTable | None
    organisation: HandoffTable | None


class ConformanceStep(_Model):
    id: str
    name: str
    cases_reaching: Count
    contacts: Count
    repeat_contacts: Count
    cases_repeating: Count
    cases_skipping: Count
    median_seconds_to_next_step: Measure


class UnmappedActivity(_Model):
    activity: str
    events: Count


class Conformance(_Model):
    cases: Count
    cases_mapped: Count
    cases_without_mapped_events: Count
    cases_in_order: Count
    cases_following_map: Count
    cases_skipping_steps: Count
    cases_repeating_steps: Count
    steps: list[ConformanceStep]
    unmapped_activities: list[UnmappedActivity]


class PooledCases(_Model):
    """The rows (variants, start or end activities) fewer than the threshold took, as one."""

    rows: int = Field(ge=1)
    cases: Count


class PooledActivities(_Model):
    """Activities fewer than the threshold of cases did: their events (cases may overlap)."""

    rows: int = Field(ge=1)
    events: Count


class PooledEdges(_Model):
    rows: int = Field(ge=1)
    count: Count


class PooledRepeats(_Model):
    rows: int = Field(ge=1)
    cases: Count
    repeated_events: Count


class PooledPairs(_Model):
    rows: int = Field(ge=1)
    handoffs: Count
    cases: Count


class PooledRework(_Model):
    rows: int = Field(ge=1)
    cases: Count
    handoffs: Count


class PooledUnmapped(_Model):
    rows: int = Field(ge=1)
    events: Count


class PooledRows(_Model):
    """Per table, the "other paths" row its rare rows were pooled into (null: none pooled)."""

    variants: PooledCases | None = None
    activities: PooledActivities | None = None
    start_activities: PooledCases | None = None
    end_activities: PooledCases | None = None
    dfg: PooledEdges | None = None
    repeated_activities: PooledRepeats | None = None
    service_pairs: PooledPairs | None = None
    service_rework: PooledRework | None = None
    organisation_pairs: PooledPairs | None = None
    organisation_rework: PooledRework | None = None
    unmapped_activities: PooledUnmapped | None = None


class Suppression(_Model):
    """Present when small numbers were suppressed: the threshold N and the pooled rows."""

    threshold: int = Field(ge=2)
    pooled: PooledRows = PooledRows()


class AnalysisResult(_Model):
    """Every figure of one log; `to_dict()` gives the documented JSON (see `report_json`)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        title="journeymap analysis",
        json_schema_extra={
            "$id": f"https://journeymap.example/schemas/analysis-v{ANALYSIS_SCHEMA_VERSION}.json"
        },
    )

    schema_name: Literal["journeymap.analysis"] = Field(default=ANALYSIS_SCHEMA, alias="schema")
    schema_version: Literal[2] = ANALYSIS_SCHEMA_VERSION
    source: Source
    backend: str
    events: Count
    cases: Count
    activity_count: int = Field(ge=0)
    variant_count: int = Field(ge=0)
    first_event: str | None
    last_event: str | None
    activities: list[ActivityRow]
    start_activities: dict[str, Count]
    end_activities: dict[str, Count]
    variants: list[Variant]
    dfg: list[Edge]
    case_duration_seconds: Summary
    events_per_case: Summary
    contact_definition: ContactDefinition | None
    contacts_needed: str | None
    contacts: Contacts | None
    channels: Crossing | None
    services: Crossing | None
    organisations: Crossing | None
    handoffs: Handoffs
    repeats: Repeats
    histograms: Histograms
    avoidable: Avoidable | None
    conformance: Conformance | None
    suppression: Suppression | None = None

    @model_validator(mode="after")
    def _contacts_only_where_the_log_says(self) -> AnalysisResult:
        # An event is a citizen contact only where the log says so; without that, no contact
        # figure at all, and one sentence saying what is needed.
        known = self.contact_definition is not None
        if known == (self.contacts_needed is not None):
            raise ValueError("give exactly one of contact_definition and contacts_needed")
        if known != (self.contacts is not None):
            raise ValueError("contacts are given exactly when contact_definition is")
        if not known and self.avoidable is not None:
            raise ValueError("avoidable contact needs a contact_definition")
        if not known and self.histograms.contacts_per_case is not None:
            raise ValueError("a contacts-per-case histogram needs a contact_definition")
        return self

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the analysis JSON (exact or suppressed), as published in the package."""
    return AnalysisResult.model_json_schema(by_alias=True, mode="serialization")


def json_schema_text() -> str:
    """`json_schema()` as the text of the published file."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
