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

A *contact* is an event with a channel value when the log has a channel column (events without
one are the organisation's own work), else every event. A request is *resolved* when any of its
events has an outcome matching `resolved_pattern`, or (with no outcome column) when its last
activity matches it. Every pattern is a case-insensitive regular expression (RE2 and Java
syntax agree on the simple ones used here) and every part is configurable via `AvoidableRules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ibis
from ibis import _
from ibis.expr.types import Table

from journeymap.core.analytics.columns import ACTIVITY, CASE
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.metrics.ordering import case_window

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
        unknown_rules = sorted(set(self.sequence_rules) - set(RULE_DESCRIPTIONS))
        if unknown_rules:
            raise ConfigurationError(
                f"unknown avoidable-contact rules {unknown_rules}; "
                f"expected some of {list(RULE_DESCRIPTIONS)}"
            )

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


def _matches(column, pattern: str):
    return column.re_search("(?i)" + pattern)


def _labelled_contacts(
    events: Table, *, rules: AvoidableRules, has_channel: bool, has_service: bool,
    has_reason: bool,
) -> tuple[Table, str]:
    window = case_window(events)
    is_contact = events.channel.notnull() if has_channel else ibis.literal(True)
    flagged = events.mutate(is_contact=is_contact)
    flagged = flagged.mutate(previous_is_contact=flagged.is_contact.lag().over(window))
    contacts = flagged.filter(flagged.is_contact)
    if has_reason:
        branches = [
            (_matches(contacts.reason, pattern), f"reason_pattern:{category}")
            for category, pattern in rules.reason_patterns.items()
        ]
        method = "reason"
    else:
        method = "rules"
        contact_window = case_window(contacts)
        repeat_window = ibis.window(
            group_by=[contacts[CASE], contacts[ACTIVITY]],
            order_by=[contacts.time_us, contacts.event_index],
        )
        previous_service = (
            contacts.service.lag().over(contact_window) if has_service else ibis.null("string")
        )
        contacts = contacts.mutate(
            previous_service=previous_service,
            activity_rank=ibis.row_number().over(repeat_window),
        )
        branches = [
            (_matches(contacts[ACTIVITY], pattern), f"activity_pattern:{category}")
            for category, pattern in rules.activity_patterns.items()
        ]
        conditions = {
            "no_progress_since_last_contact": contacts.previous_is_contact.fill_null(False),
            "service_changed_since_last_contact": (
                contacts.previous_service.notnull()
                & contacts.service.notnull()
                & (contacts.previous_service != contacts.service)
            )
            if has_service
            else ibis.literal(False),
            "same_activity_as_earlier_contact": contacts.activity_rank > 0,
        }
        branches += [(conditions[rule], rule) for rule in rules.sequence_rules]
    rule = ibis.cases(*branches, else_=ibis.null("string")) if branches else ibis.null("string")
    return contacts.mutate(rule=rule), method


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
    events: Table, *, rules: AvoidableRules, has_outcome: bool
) -> tuple[int, str]:
    if has_outcome:
        resolved = events.filter(_matches(events.outcome, rules.resolved_pattern))
        how = f"cases with an outcome matching /{rules.resolved_pattern}/"
    else:
        window = case_window(events)
        last = events.mutate(next_activity=events[ACTIVITY].lead().over(window))
        resolved = last.filter(
            last.next_activity.isnull() & _matches(last[ACTIVITY], rules.resolved_pattern)
        )
        how = f"cases whose last activity matches /{rules.resolved_pattern}/"
    count = resolved.aggregate(n=_[CASE].nunique()).execute().iloc[0]["n"]
    return int(count or 0), how


def avoidable_contact(
    events: Table,
    *,
    rules: AvoidableRules,
    has_channel: bool,
    has_service: bool,
    has_reason: bool,
    has_outcome: bool,
) -> dict[str, object]:
    """NI14 figures: avoidable share overall, by category and by rule, and contacts per request."""
    contacts, method = _labelled_contacts(
        events, rules=rules, has_channel=has_channel, has_service=has_service,
        has_reason=has_reason,
    )
    frame = contacts.group_by("rule").aggregate(contacts=_.count()).execute()
    by_rule = {
        (None if rule is None or rule != rule else str(rule)): int(n)
        for rule, n in zip(frame["rule"], frame["contacts"], strict=True)
    }
    total = sum(by_rule.values())
    avoidable = total - by_rule.get(None, 0)

    def share(n: int) -> float | None:
        return n / total if total else None

    by_category = dict.fromkeys(CATEGORIES, 0)
    rule_rows = []
    for rule, n in sorted(
        ((r, n) for r, n in by_rule.items() if r is not None), key=lambda item: -item[1]
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
    resolved, resolved_how = _resolved_requests(events, rules=rules, has_outcome=has_outcome)
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
