"""A realistic synthetic council contact log: housing repairs and benefit claims.

For demos, tests and benchmarks. Each case follows one of a set of journeys written the way a
contact centre would record them, including the avoidable contact NI14 is about: chasing
progress, clarifying a confusing letter, being sent to the wrong team, re-telling the story
after a hand-off, and repeat contact when a repair is not fixed first time; and the hand-offs
between services Chelmsford looked at, including evidence scanned again by Council Tax after
Benefits had scanned it. Back-office events have no channel, so only the citizen's own contacts
count as contacts (see `contacts`). Generation is
vectorised (NumPy), so ten million events take seconds, and seeded, so a log is reproducible.

Columns: case_id, timestamp (ISO 8601 UTC, whole seconds, so ties occur), activity, channel
(empty for back-office work), service, reason (empty for back-office work), outcome (on the
last event).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

# (activity, channel or "", service, reason or "", median hours after the previous event)
_Step = tuple[str, str, str, str, float]

_REPAIR_REPORT: _Step = ("Report repair", "phone", "Housing Repairs", "Report a repair", 0)
_REPAIR_WEB: _Step = ("Report repair", "web", "Housing Repairs", "Report a repair", 0)
_INSPECT: _Step = ("Inspect property", "", "Housing Repairs", "", 72)
_ORDER: _Step = ("Raise works order", "", "Housing Repairs", "", 24)
_CHASE: _Step = ("Chase repair", "phone", "Contact Centre", "Chasing progress of repair", 240)
_CHASE_EMAIL: _Step = ("Chase repair", "email", "Contact Centre", "Still waiting for update", 120)
_REPAIR_DONE: _Step = ("Complete repair", "", "Housing Repairs", "", 96)
_NOT_FIXED: _Step = ("Report repair", "phone", "Housing Repairs", "Repeat: repair not fixed", 48)
_WRONG_TEAM: _Step = (
    "General enquiry", "phone", "Revenues", "Wrong department: transferred", 1
)
_CLAIM_WEB: _Step = ("Submit claim", "web", "Benefits", "New claim", 0)
_CLAIM_F2F: _Step = ("Submit claim", "face-to-face", "Benefits", "New claim", 0)
_EVIDENCE_REQ: _Step = ("Request evidence", "", "Benefits", "", 48)
_EVIDENCE: _Step = ("Scan evidence", "", "Benefits", "", 120)
_LETTER_QUERY: _Step = (
    "Letter query", "phone", "Contact Centre", "Query about letter: did not understand", 72
)
_RETELL: _Step = (
    "Explain circumstances", "phone", "Benefits", "Re-tell circumstances after hand-off", 24
)
_HOW_TO: _Step = ("General enquiry", "web", "Contact Centre", "How to upload evidence", 12)
_ASSESS: _Step = ("Assess claim", "", "Benefits", "", 168)
_DECIDE: _Step = ("Decide claim", "", "Benefits", "", 48)
_EVIDENCE_AGAIN: _Step = ("Scan evidence", "", "Council Tax", "", 72)
_REDUCTION: _Step = ("Decide council tax reduction", "", "Council Tax", "", 48)
_ERROR_FIX: _Step = (
    "Correct award", "phone", "Benefits", "Incorrect amount: our error", 240
)

JOURNEYS: tuple[tuple[tuple[_Step, ...], float], ...] = (
    ((_REPAIR_REPORT, _INSPECT, _ORDER, _REPAIR_DONE), 0.22),
    ((_REPAIR_WEB, _ORDER, _REPAIR_DONE), 0.14),
    ((_REPAIR_REPORT, _INSPECT, _CHASE, _ORDER, _REPAIR_DONE), 0.08),
    ((_REPAIR_REPORT, _CHASE, _CHASE_EMAIL, _INSPECT, _ORDER, _REPAIR_DONE), 0.05),
    ((_REPAIR_REPORT, _ORDER, _REPAIR_DONE, _NOT_FIXED, _ORDER, _REPAIR_DONE), 0.05),
    ((_WRONG_TEAM, _REPAIR_REPORT, _INSPECT, _ORDER, _REPAIR_DONE), 0.04),
    ((_CLAIM_WEB, _EVIDENCE_REQ, _EVIDENCE, _ASSESS, _DECIDE), 0.18),
    ((_CLAIM_F2F, _EVIDENCE, _ASSESS, _DECIDE), 0.07),
    ((_CLAIM_WEB, _EVIDENCE_REQ, _LETTER_QUERY, _EVIDENCE, _EVIDENCE, _ASSESS, _DECIDE), 0.06),
    ((_CLAIM_WEB, _EVIDENCE_REQ, _HOW_TO, _EVIDENCE, _ASSESS, _DECIDE), 0.04),
    ((_CLAIM_F2F, _WRONG_TEAM, _RETELL, _EVIDENCE, _ASSESS, _DECIDE), 0.03),
    ((_CLAIM_WEB, _EVIDENCE, _ASSESS, _DECIDE, _ERROR_FIX), 0.04),
    ((_CLAIM_WEB, _EVIDENCE_REQ, _EVIDENCE, _ASSESS, _DECIDE, _EVIDENCE_AGAIN, _REDUCTION), 0.04),
)

_EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
_YEAR_SECONDS = 365 * 24 * 3600


def synth_table(*, cases: int, seed: int = 5) -> pa.Table:
    """A synthetic log of `cases` cases as an Arrow table (events in case order)."""
    if cases < 1:
        raise ValueError(f"cases must be at least 1, got {cases}")
    rng = np.random.default_rng(seed)
    weights = np.array([weight for _, weight in JOURNEYS])
    chosen = rng.choice(len(JOURNEYS), size=cases, p=weights / weights.sum())
    steps = [journey for journey, _ in JOURNEYS]
    lengths = np.array([len(journey) for journey in steps])[chosen]
    flat_steps = [step for journey in steps for step in journey]
    offsets = np.concatenate([[0], np.cumsum([len(journey) for journey in steps])[:-1]])
    case_of_event = np.repeat(np.arange(cases), lengths)
    position = np.arange(case_of_event.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    step_index = offsets[chosen][case_of_event] + position

    def column(field: int) -> np.ndarray:
        return np.array([step[field] for step in flat_steps], dtype=object)[step_index]

    median_hours = np.array([step[4] for step in flat_steps])[step_index]
    gaps = median_hours * 3600 * rng.lognormal(0.0, 0.6, size=step_index.size)
    gaps[position == 0] = 0
    case_start = rng.integers(0, _YEAR_SECONDS, size=cases)
    cumulative = np.cumsum(gaps)
    case_base = np.repeat(cumulative[np.cumsum(lengths) - lengths], lengths)
    seconds = np.repeat(case_start, lengths) + np.floor(cumulative - case_base).astype(np.int64)
    timestamps = pa.array(seconds + int(_EPOCH.timestamp()), pa.timestamp("s", tz="UTC"))
    is_last = np.append(case_of_event[1:] != case_of_event[:-1], True)
    resolved = rng.random(cases) < 0.9
    outcome = np.where(is_last, np.where(resolved[case_of_event], "resolved", "open"), None)
    channel = column(1)
    reason = column(3)
    return pa.table(
        {
            "case_id": pa.array(np.char.add("C", (case_of_event + 100000).astype(str))),
            "timestamp": pc.strftime(timestamps, format="%Y-%m-%dT%H:%M:%SZ"),
            "activity": pa.array(column(0), pa.string()),
            "channel": pa.array(np.where(channel == "", None, channel), pa.string()),
            "service": pa.array(column(2), pa.string()),
            "reason": pa.array(np.where(reason == "", None, reason), pa.string()),
            "outcome": pa.array(outcome, pa.string()),
        }
    )


def write_synth(*, cases: int, out: Path, seed: int = 5) -> int:
    """Write a synthetic log as CSV (or Parquet for a .parquet name); returns the event count."""
    table = synth_table(cases=cases, seed=seed)
    if out.suffix.lower() == ".parquet":
        pq.write_table(table, out)
    else:
        pacsv.write_csv(table, out)
    return table.num_rows
