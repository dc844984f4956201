"""The analysis as JSON: the stable, documented keys other tools (and the web app) read.

Top-level keys (schema `journeymap.analysis`, schema_version 1):

- `events`, `cases`, `activity_count`, `variant_count` - integers.
- `first_event`, `last_event` - ISO 8601 UTC.
- `activities` - [{"activity", "events", "cases"}], most events first.
- `start_activities`, `end_activities` - {activity: cases}, most cases first.
- `variants` - [{"activities": [...], "cases": n}], most frequent first.
- `dfg` - [{"from", "to", "count", "median_seconds"}], most frequent first.
- `case_duration_seconds`, `contacts_per_case` - {"min", "median", "mean", "p90", "max"}.
- `channels`, `services`, `organisations` - null when the log lacks the column, else
  {"mix": [{"value", "events", "cases"}], "cases_with_value", "changes" (switches or
  hand-offs), "cases_changing", "cases_crossing" (more than one value), "distinct_per_case"
  and "changes_per_case" (summaries as above)}.
- `repeats` - {"cases_with_repeats", "repeated_events", "activities": [{"activity", "cases",
  "repeated_events"}]}.
- `histograms` - {"case_duration_seconds": [{"bucket", "cases"}], "contacts_per_case": [...]}.
- `avoidable` - {"method": "reason"|"rules", "contacts", "avoidable_contacts",
  "avoidable_share", "categories": [{"category", "label", "contacts", "share"}], "rules":
  [{"rule", "category", "description", "contacts", "share"}], "ni14": {"resolved_requests",
  "resolved_means", "contacts_per_resolved_request"}}.
- `conformance` - null without a map, else {"cases", "cases_mapped",
  "cases_without_mapped_events", "cases_in_order", "cases_following_map",
  "cases_skipping_steps", "cases_repeating_steps", "steps": [{"id", "name", "cases_reaching",
  "contacts", "repeat_contacts", "cases_repeating", "cases_skipping",
  "median_seconds_to_next_step"}], "unmapped_activities": [{"activity", "events"}]}.
- `source` (file name, format, pseudonymised, timezone, mapping) and `backend`.

Seconds are floats; shares are fractions of 1; absent values are null.
"""

from __future__ import annotations

from pathlib import Path

from journeymap.core.analytics.analysis import AnalysisResult


def write_analysis_json(*, result: AnalysisResult, path: Path) -> None:
    """Write the analysis to `path` as UTF-8 JSON."""
    path.write_text(result.to_json(), encoding="utf-8")
