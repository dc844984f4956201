"""Suggested links from a log's activities to a map's steps, by name similarity.

The rule: names are compared lower-cased with punctuation and repeated spaces removed, by
`difflib.SequenceMatcher`'s ratio (2 x matching characters / total characters, 0 to 1); an
activity is suggested for the step whose name scores highest, when that score is at least
`SUGGESTION_THRESHOLD`, and a name contained whole in the other counts as a match (so "Upload
evidence" suggests the step "Evidence"). Ties go to the earlier step. A suggestion is only that:
the analyst confirms or changes every link before it is saved.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

#: The lowest similarity ratio at which an activity is suggested for a step.
SUGGESTION_THRESHOLD = 0.6
_NOT_WORD = re.compile(r"[\W_]+")


def _normalised(name: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


def name_similarity(activity: str, step: str) -> float:
    """How alike two names are, 0 to 1 (1 when one holds the other whole)."""
    first, second = _normalised(activity), _normalised(step)
    if not first or not second:
        return 0.0
    if f" {first} " in f" {second} " or f" {second} " in f" {first} ":
        return 1.0
    return SequenceMatcher(None, first, second).ratio()


def suggest_step_links(activities: list[str], steps: list[tuple[str, str]]) -> dict[str, str]:
    """Activity -> suggested step id, for the activities that resemble a step's name.

    `steps` are (step id, step name) in map order.
    """
    suggested = {}
    for activity in activities:
        best_id, best_score = None, SUGGESTION_THRESHOLD
        for step_id, name in steps:
            score = name_similarity(activity, name)
            if score > best_score or (best_id is None and score >= best_score):
                best_id, best_score = step_id, score
        if best_id is not None:
            suggested[activity] = best_id
    return suggested
