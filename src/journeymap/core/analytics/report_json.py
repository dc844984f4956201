"""The analysis as JSON: the stable, documented keys other tools (and the web app) read.

The models in `result` define the shape, and its JSON Schema is published in the package
(`result.SCHEMA_PATH`, schema `journeymap.analysis`, schema_version 2). Top-level keys:

- `events`, `cases`, `activity_count`, `variant_count` - integers.
- `first_event`, `last_event` - ISO 8601 UTC.
- `activities` - [{"activity", "events", "cases"}], most events first.
- `start_activities`, `end_activities` - {activity: cases}, most cases first.
- `variants` - [{"activities": [...], "cases": n}], most frequent first.
- `dfg` - [{"from", "to", "count", "median_seconds"}], most frequent first.
- `case_duration_seconds`, `events_per_case` (all events of each case) - summaries
  {"min", "median", "mean", "p90", "max"}.
- `contact_definition` - null when the log does not say which events are citizen contacts,
  else {"kind": "channel"|"activities"|"column", "description"} (see `contacts`).
- `contacts_needed` - null when there is a contact definition, else the one sentence saying
  what is needed (`result.CONTACTS_NEEDED`).
- `contacts` - null without a contact definition, else {"events" (contact events),
  "cases_with_contacts", "per_case" (a summary over all cases; a case with no contact counts
  0)}.
- `channels`, `services`, `organisations` - null when the log lacks the column, else
  {"mix": [{"value", "events", "cases"}], "cases_with_value", "changes" (switches or
  hand-offs), "cases_changing", "cases_crossing" (more than one value), "distinct_per_case"
  and "changes_per_case" (summaries as above)}.
- `handoffs` - {"service": table|null, "organisation": table|null}, null when the log lacks
  the column; a table is {"handoffs", "cases_with_handoffs", "pairs": [{"from", "to",
  "handoffs", "cases", "median_seconds"}] (most hand-offs first), "rework": [{"from", "to",
  "activity", "cases", "handoffs"}] (most hand-offs first)}. Events without a value are
  skipped; median_seconds runs from the last event before the hand-off to the first after;
  re-work is an activity of the receiving stay already done in the stay before it (see
  `metrics.handoffs`).
- `repeats` - {"cases_with_repeats", "repeated_events", "activities": [{"activity", "cases",
  "repeated_events"}]}.
- `histograms` - {"case_duration_seconds": [{"bucket", "cases"}], "events_per_case": [...],
  "contacts_per_case": [...] (with a "0" bucket) or null without a contact definition}.
- `avoidable` - null without a contact definition, else {"method": "reason"|"rules",
  "contacts", "avoidable_contacts", "avoidable_share", "categories": [{"category", "label",
  "contacts", "share"}], "rules": [{"rule", "category", "description", "contacts", "share"}],
  "ni14": {"resolved_requests", "resolved_means", "contacts_per_resolved_request"}}.
- `conformance` - null without a map, else {"cases", "cases_mapped",
  "cases_without_mapped_events", "cases_in_order", "cases_following_map",
  "cases_skipping_steps", "cases_repeating_steps", "steps": [{"id", "name", "cases_reaching",
  "contacts", "repeat_contacts", "cases_repeating", "cases_skipping",
  "median_seconds_to_next_step"}], "unmapped_activities": [{"activity", "events"}]}.
- `source` (file name, format, pseudonymised, timezone, mapping) and `backend`.
- `suppression` - null for exact figures; after `suppression.suppress`, {"threshold": N,
  "pooled": {table: {"rows", counts...} or null}}, and every withheld figure anywhere above
  reads {"suppressed": true, "threshold": N} instead of a number.

Seconds are floats; shares are fractions of 1; absent values are null.
"""

from __future__ import annotations

from pathlib import Path

from journeymap.core.analytics.result import AnalysisResult


def write_analysis_json(*, result: AnalysisResult, path: Path) -> None:
    """Write the analysis to `path` as UTF-8 JSON."""
    path.write_text(result.to_json(), encoding="utf-8")
