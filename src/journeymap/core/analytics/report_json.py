"""The analysis as JSON: the stable, documented keys other tools (and the web app) read.

The models in `result` define the shape, and its JSON Schema is published in the package
(`result.SCHEMA_PATH`, schema `journeymap.analysis`, schema_version 2). Top-level keys:

- `events`, `cases`, `activity_count`, `variant_count` - integers.
- `first_event`, `last_event` - ISO 8601 UTC.
- `activities` - [{"activity", "events", "cases"}], most events first.
- `start_activities`, `end_activities` - {activity: cases}, most cases first.
- `variants` - [{"activities": [...], "cases": n}], most frequent first.
- `dfg` - [{"from", "to", "count", "median_seconds"}], most frequent first.
- `case_duration_seconds`, `events_per_case` - {"min", "median", "mean", "p90", "max"}; events
  per case counts every event of a case, contact or not.
- `contact_definition` - null when the log does not say which events are citizen contacts, else
  {"kind": "channel"|"activities"|"column", "description"}; `contacts_needed` is then one
  sentence saying what would be needed (and null otherwise).
- `contacts` - null without a contact definition, else {"events", "cases_with_contacts",
  "per_case" (summary over every case)}.
- `channels`, `services`, `organisations` - null when the log lacks the column, else
  {"mix": [{"value", "events", "cases"}], "cases_with_value", "changes" (switches or
  hand-offs), "cases_changing", "cases_crossing" (more than one value), "distinct_per_case"
  and "changes_per_case" (summaries as above)}.
- `handoffs` - {"service", "organisation"}, each null without the column, else {"handoffs",
  "cases_with_handoffs", "pairs": [{"from", "to", "handoffs", "cases", "median_seconds"}],
  "rework": [{"from", "to", "activity", "cases", "handoffs"}]}.
- `repeats` - {"cases_with_repeats", "repeated_events", "activities": [{"activity", "cases",
  "repeated_events"}]}.
- `histograms` - {"case_duration_seconds": [{"bucket", "cases"}], "events_per_case": [...],
  "contacts_per_case": [...] or null without a contact definition}.
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
