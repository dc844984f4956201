"""Avoidable contact (National Indicator 14): contacts of low or no value to the customer.

NI14 asks for "the proportion of customer contact that is of low or no value to the customer",
in categories (progress chasing, clarification, findable information, misdirection, repeat
contact, correcting the organisation's error, re-telling after a hand-off, other), and a draft
measure: contacts per resolved request.

Two methods, chosen by the data:
- **reason**: the log has a contact-reason column; each reason is matched against per-category
  patterns (first match wins). Unmatched reasons are value contacts.
- **rules**: no reason column; transparent rules over the sequence of events, evaluated in order,
  first match wins, each rule's share reported so a manager can see what drove the figure:
  1. `activity_pattern:<category>` - the activity's name says what it is ("Chase repair").
  2. `no_progress_since_last_contact` - a contact whose previous event in the case was also a
     contact: the organisation did nothing in between, so the customer was chasing progress.
  3. `service_changed_since_last_contact` - a contact handled by a different service than the
     previous contact: the customer had to tell their story again after a hand-off.
  4. `same_activity_as_earlier_contact` - a contact repeating an earlier contact's activity in
     the case: not resolved first time.

A *contact* is what the analysis's contact definition says (see `contacts`): an event with a
channel value, a named activity, or a column holding a value. There are no avoidable-contact
figures without one: counting every event would call the organisation's own work "contact".
A request is *resolved* when any of its events has an outcome matching `resolved_pattern`, or
(with no outcome column) when its last activity matches it. Every pattern is a
case-insensitive (Python) regular expression, matched once against each distinct activity
name, reason and outcome rather than against every row, and every part is configurable via
`AvoidableRules`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import ACTIVITY, CASE_KEY
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.metrics.fetch import one, rows
from journeymap.core.analytics.metrics.ordering import ACTIVITY_CODE, position_window

CATEGORIES: dict[str, str] = {
    "progress_chasing": "Progress chasing",
    "clarification": "Clarification of a letter, form or email",
    "findable_information": "Information that should have been findable",
    "misdirected": "Misdirected or wrong contact point",
    "repeat_contact": "Repeat contact (not resolved first time)",
    "correcting_error": "Correcting an organisation's error",
    "retelling_after_handoff": "Re-telling after a hand-off",
    "other": "Other avoidable contact",
}

DEFAULT_REASON_PATTERNS: dict[str, str] = {
    "misdirected": r"misdirect|wrong (department|team|number|service|council)|transferr?|redirect"
    r"|not (our|the right)",
    "correcting_error": r"error|mistake|incorrect|wrong (amount|address|name|bill|details|date)"
    r"|correct(ion)?\b|complain",
    "progress_chasing": r"chas|progress|status|update on|where is|still waiting|not (yet )?heard"
    r"|delay|too late|duration",
    "clarification": r"clarif|explain|understand|confus|unclear|what does|meaning of"
    r"|(letter|form|email|bill) (query|question)|query about",
    "findable_information": r"general enquir|information|opening hours|how (do|to|can)"
    r"|website|online|signpost|faq",
    "repeat_contact": r"repeat|again|second contact|not resolved|re-?open|multiple requests",
    "retelling_after_handoff": r"re-?tell|hand-?(off|over)|explain(ed)? again",
    "other": r"avoidable",
}

DEFAULT_ACTIVITY_PATTERNS: dict[str, str] = {
    "progress_chasing": r"\bchas(e|ing)|progress (enquiry|chase|call)",
    "clarification": r"clarif",
    "findable_information": r"general enquiry|information request",
    "misdirected": r"misdirect|wrong department|transfer(red)? call",
    "correcting_error": r"correct(ion)? (of|an)? ?error|complaint",
    "repeat_contact": r"repeat contact|re-?open",
}

DEFAULT_RESOLVED_PATTERN = (
    r"resolv|complet|closed|done|fixed|paid|approved|granted|decided|finished|award"
)

RULE_DESCRIPTIONS: dict[str, str] = {
    "no_progress_since_last_contact": "a contact whose previous event in the case was also a "
    "contact (no progress by the organisation since)",
    "service_changed_since_last_contact": "a contact handled by a different service than the "
    "previous contact (story re-told after a hand-off)",
    "same_activity_as_earlier_contact": "a contact repeating an earlier contact's activity in "
    "the case (not resolved first time)",
}
RULE_CATEGORIES: dict[str, str] = {
    "no_progress_since_last_contact": "progress_chasing",
    "service_changed_since_last_contact": "retelling_after_handoff",
    "same_activity_as_earlier_contact": "repeat_contact",
}


@dataclass(frozen=True, kw_only=True)
class AvoidableRules:
    """The configurable parts of avoidable-contact classification (see the module docstring)."""

    reason_patterns: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_REASON_PATTERNS))
    activity_patterns: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_ACTIVITY_PATTERNS)
    )
    sequence_rules: tuple[str, ...] = tuple(RULE_DESCRIPTIONS)
    resolved_pattern: str = DEFAULT_RESOLVED_PATTERN

    def __post_init__(self) -> None:
        for patterns in (self.reason_patterns, self.activity_patterns):
            unknown = sorted(set(patterns) - set(CATEGORIES))
            if unknown:
                raise ConfigurationError(
                    f"unknown avoidable-contact categories {unknown}; "
                    f"expected some of {list(CATEGORIES)}"
                )
        for name, pattern in [
            *self.reason_patterns.items(),
            *self.activity_patterns.items(),
            ("resolved", self.resolved_pattern),
        ]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigurationError(
                    f"the avoidable-contact pattern for {name!r} is not a regular expression: "
                    f"/{pattern}/ ({exc})"
                ) from exc
        unknown_rules = sorted(set(self.sequence_rules) - set(RULE_DESCRIPTIONS))
        if unknown_rules:
            raise ConfigurationError(
                f"unknown avoidable-contact rules {unknown_rules}; "
                f"expected some of {list(RULE_DESCRIPTIONS)}"
            )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready settings that `from_dict` reads back to equal rules."""
        return {"reason_patterns": dict(self.reason_patterns),
                "activity_patterns": dict(self.activity_patterns),
                "sequence_rules": list(self.sequence_rules),
                "resolved_pattern": self.resolved_pattern}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> AvoidableRules:
        allowed = {"reason_patterns", "activity_patterns", "sequence_rules", "resolved_pattern"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ConfigurationError(f"unknown avoidable-rule settings {unknown}")
        values = dict(data)
        if "sequence_rules" in values:
            values["sequence_rules"] = tuple(values["sequence_rules"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]


def _matching(values, pattern: str) -> list:
    """The values (names, reasons, outcomes) that `pattern` matches, case-insensitively."""
    compiled = re.compile(pattern, re.IGNORECASE)
    return [value for value in values if value is not None and compiled.search(str(value))]


def _first_match(value: str | None, patterns: dict[str, str], prefix: str) -> str | None:
    if value is None:
        return None
    for category, pattern in patterns.items():
        if re.search(pattern, value, re.IGNORECASE):
            return f"{prefix}:{category}"
    return None


def _contacts_by_rule_from_reasons(
    contacts: Table, rules: AvoidableRules
) -> Counter[tuple[str, str | None]]:
    """Contacts per (activity, rule), each distinct reason classified once (first matching
    pattern).

    Needs no order, so it counts straight from the stored contacts.
    """
    by_rule: Counter = Counter()
    for row in rows(contacts.group_by([ACTIVITY, "reason"]).aggregate(contacts=_.count())):
        rule = _first_match(row["reason"], rules.reason_patterns, "reason_pattern")
        by_rule[(row[ACTIVITY], rule)] += int(row["contacts"])
    return by_rule


def _contacts_by_rule_from_sequence(
    contacts: Table, *, rules: AvoidableRules, names: list[str], has_service: bool
) -> Counter[tuple[str, str | None]]:
    """Contacts per (activity, rule) from the activity name and the contact's place in its
    case.

    The engine counts contacts per (activity, and which sequence conditions hold); the
    first-match order is then applied to those few groups in Python.
    """
    contact_window = position_window(contacts)
    repeat_window = ibis.window(
        group_by=[contacts[CASE_KEY], contacts[ACTIVITY_CODE]], order_by=contacts.position
    )
    if has_service:
        previous_service = contacts.service.lag().over(contact_window)
        service_changed = (
            previous_service.notnull()
            & contacts.service.notnull()
            & (previous_service != contacts.service)
        )
    else:
        service_changed = ibis.literal(False)
    conditions = {
        "no_progress_since_last_contact": contacts.previous_is_contact.fill_null(False),
        "service_changed_since_last_contact": service_changed,
        "same_activity_as_earlier_contact": ibis.row_number().over(repeat_window) > 0,
    }
    flagged = contacts.mutate(**conditions).group_by([ACTIVITY_CODE, *conditions])
    by_rule: Counter = Counter()
    for row in rows(flagged.aggregate(contacts=_.count())):
        activity = names[row[ACTIVITY_CODE]]
        rule = _first_match(activity, rules.activity_patterns, "activity_pattern")
        if rule is None:
            rule = next((name for name in rules.sequence_rules if row[name]), None)
        by_rule[(activity, rule)] += int(row["contacts"])
    return by_rule


def _contacts_by_activity_and_rule(
    events: Table, *, stored_contacts: Table, names: list[str], rules: AvoidableRules,
    has_service: bool, has_reason: bool,
) -> tuple[str, Counter[tuple[str, str | None]]]:
    """The method the data allows, and contacts per (activity, rule); rule None is a contact
    of value."""
    if has_reason:
        return "reason", _contacts_by_rule_from_reasons(stored_contacts, rules)
    return "rules", _contacts_by_rule_from_sequence(
        events.filter(events.is_contact), rules=rules, names=names, has_service=has_service)


def avoidable_by_activity(
    events: Table, *, stored_contacts: Table, names: list[str], rules: AvoidableRules,
    has_service: bool, has_reason: bool,
) -> dict[str, int]:
    """Avoidable contacts per activity name, by the same rules as `avoidable_contact` (so they
    add up to its `avoidable_contacts`); an activity with contacts but none avoidable is 0."""
    _, by_rule = _contacts_by_activity_and_rule(
        events, stored_contacts=stored_contacts, names=names, rules=rules,
        has_service=has_service, has_reason=has_reason)
    avoidable: Counter = Counter()
    for (activity, rule), n in by_rule.items():
        avoidable[activity] += n if rule is not None else 0
    return dict(avoidable)


def _category(rule: str) -> str:
    if ":" in rule:
        return rule.split(":", 1)[1]
    return RULE_CATEGORIES[rule]


def _rule_description(rule: str, rules: AvoidableRules) -> str:
    if rule.startswith("reason_pattern:"):
        category = rule.split(":", 1)[1]
        return f"contact reason matches /{rules.reason_patterns[category]}/"
    if rule.startswith("activity_pattern:"):
        category = rule.split(":", 1)[1]
        return f"activity name matches /{rules.activity_patterns[category]}/"
    return RULE_DESCRIPTIONS[rule]


def _resolved_requests(
    *, stored: Table, rules: AvoidableRules, names: list[str],
    variants: list[dict[str, object]], has_outcome: bool,
) -> tuple[int, str]:
    """Cases resolved: by their outcome where the log has one, else by their last activity
    (the last of their variant's, so no query)."""
    if not has_outcome:
        matching = set(_matching(names, rules.resolved_pattern))
        resolved = sum(int(variant["cases"]) for variant in variants
                       if variant["activities"][-1] in matching)
        return resolved, f"cases whose last activity matches /{rules.resolved_pattern}/"
    outcomes = [row["outcome"] for row in rows(stored.select("outcome").distinct())]
    matching = _matching(outcomes, rules.resolved_pattern)
    how = f"cases with an outcome matching /{rules.resolved_pattern}/"
    if not matching:
        return 0, how
    resolved = stored.filter(stored.outcome.isin(matching))
    count = one(resolved.aggregate(n=_[CASE_KEY].nunique()))["n"]
    return int(count or 0), how


def avoidable_contact(
    events: Table,
    *,
    stored: Table,
    stored_contacts: Table,
    names: list[str],
    variants: list[dict[str, object]],
    rules: AvoidableRules,
    has_service: bool,
    has_reason: bool,
    has_outcome: bool,
) -> dict[str, object]:
    """NI14 figures: avoidable share overall, by category and by rule, and contacts per request.

    `events` come from `ordering.with_neighbours`, each with `is_contact` and, when
    `has_reason` is false (the sequence rules), `previous_is_contact` (the event before it in
    the case was a contact); `names` are the activity names by code; `stored` is the stored
    Parquet, for the outcomes, and `stored_contacts` its contacts, for the reasons: neither
    needs order; `variants` are every variant of the cases (`process.variants`), whose last
    activities say which cases ended resolved when the log has no outcome.
    """
    method, by_activity = _contacts_by_activity_and_rule(
        events, stored_contacts=stored_contacts, names=names, rules=rules,
        has_service=has_service, has_reason=has_reason)
    by_rule: Counter = Counter()
    for (_activity, rule), n in by_activity.items():
        by_rule[rule] += n
    total = sum(by_rule.values())
    avoidable = total - by_rule.get(None, 0)

    def share(n: int) -> float | None:
        return n / total if total else None

    by_category = dict.fromkeys(CATEGORIES, 0)
    rule_rows = []
    for rule, n in sorted(
        # Ties by name: the engines hand the rules over in no fixed order.
        ((r, n) for r, n in by_rule.items() if r is not None), key=lambda item: (-item[1], item[0])
    ):
        by_category[_category(rule)] += n
        rule_rows.append(
            {
                "rule": rule,
                "category": _category(rule),
                "description": _rule_description(rule, rules),
                "contacts": n,
                "share": share(n),
            }
        )
    resolved, resolved_how = _resolved_requests(
        stored=stored, rules=rules, names=names, variants=variants, has_outcome=has_outcome
    )
    return {
        "method": method,
        "contacts": total,
        "avoidable_contacts": avoidable,
        "avoidable_share": share(avoidable),
        "categories": [
            {"category": key, "label": label, "contacts": by_category[key],
             "share": share(by_category[key])}
            for key, label in CATEGORIES.items()
        ],
        "rules": rule_rows,
        "ni14": {
            "resolved_requests": resolved,
            "resolved_means": resolved_how,
            "contacts_per_resolved_request": total / resolved if resolved else None,
        },
    }
