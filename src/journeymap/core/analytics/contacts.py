"""Which events are citizen contacts: only those the log, or the analyst, says are.

Most real event logs record the organisation's own work (a permit checked, evidence scanned) as
well as, or instead of, the citizen's contacts. Counting every event as a contact made 73-98 % of
public municipal logs look like "avoidable contact", so an event is a contact only by one of
three definitions:

- **channel**: the event has a value in the channel column (back-office steps have none). This
  is the default when the log has a channel column recorded per event. A channel that is an XES
  trace attribute (`case:channel`) says how the case arrived, not which events were contacts, so
  it is a contact definition only when the analyst asks for it (`--channel`).
- **activities**: the analyst names the activities that are contacts ("Phone call, Web form").
- **column**: an event is a contact where a column equals a value ("type" is "contact").

Without any of these there are no contact figures at all, and the analysis says what it would
need (`result.CONTACTS_NEEDED`). The definition becomes one boolean Ibis expression over the
stored events (`contact_predicate`), so every backend applies the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeymap.core.analytics.columns import ACTIVITY, OPTIONAL_FIELDS, XES_CASE
from journeymap.core.analytics.errors import ConfigurationError
from journeymap.core.analytics.store import RESERVED, StoredLog

# A definition is made before an import (the command line's options) and Ibis is loaded
# beside the import (`analysis_warmup`), so only the functions that build expressions need it.
if TYPE_CHECKING:
    from ibis.expr.types import BooleanValue, Table

ContactKind = Literal["channel", "activities", "column"]
_XES_TRACE_PREFIX = XES_CASE.split(":", 1)[0] + ":"
_SHOWN_VALUES = 10


@dataclass(frozen=True, kw_only=True)
class ContactDefinition:
    """How to tell a citizen's contact from the organisation's own work (see the module doc).

    Build one with `by_channel()`, `by_activities(names)` or `by_column(column, value)`.
    `column` is the column's name in the source file, as the analyst knows it.
    """

    kind: ContactKind
    activities: tuple[str, ...] = ()
    column: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.kind == "activities":
            if not self.activities or any(not name.strip() for name in self.activities):
                raise ConfigurationError(
                    "name at least one contact activity, with no blank names "
                    f"(got {list(self.activities)!r})"
                )
        elif self.kind == "column":
            if not self.column or self.value is None or self.value == "":
                raise ConfigurationError(
                    "a contact column needs both the column and the value that marks a contact "
                    f"(got column {self.column!r}, value {self.value!r})"
                )
        elif self.kind != "channel":
            raise ConfigurationError(
                f"unknown contact definition {self.kind!r}; expected channel, activities or column"
            )
        if self.kind != "activities" and self.activities:
            raise ConfigurationError("contact activities belong to an 'activities' definition")
        if self.kind != "column" and (self.column is not None or self.value is not None):
            raise ConfigurationError("a contact column belongs to a 'column' definition")

    @classmethod
    def by_channel(cls) -> ContactDefinition:
        return cls(kind="channel")

    @classmethod
    def by_activities(cls, names: list[str] | tuple[str, ...]) -> ContactDefinition:
        return cls(kind="activities", activities=tuple(dict.fromkeys(names)))

    @classmethod
    def by_column(cls, column: str, value: str) -> ContactDefinition:
        return cls(kind="column", column=column, value=value)

    def to_dict(self) -> dict[str, str]:
        """The JSON `contact_definition`: its kind and a sentence a manager can read."""
        if self.kind == "channel":
            description = "events with a value in the channel column"
        elif self.kind == "activities":
            description = "activities named as contacts: " + ", ".join(self.activities)
        else:
            description = f"events whose {self.column!r} is {self.value!r}"
        return {"kind": self.kind, "description": description}


def channel_is_per_case(log: StoredLog) -> bool:
    """Whether the log's channel is an XES trace attribute, the same on every event of a case."""
    channel = log.mapping.channel
    return log.fmt == "xes" and channel is not None and channel.startswith(_XES_TRACE_PREFIX)


def default_contacts(log: StoredLog) -> ContactDefinition | None:
    """The definition the log itself supports: its per-event channel column, else none."""
    if log.has("channel") and not channel_is_per_case(log):
        return ContactDefinition.by_channel()
    return None


def _stored_column(log: StoredLog, column: str) -> str:
    """Where the source column `column` lives in the stored Parquet (see `store._select_sql`)."""
    mapped = {source: field for field, source in log.mapping.to_dict().items() if source}
    if column in mapped:
        field = mapped[column]
        if field not in OPTIONAL_FIELDS:
            raise ConfigurationError(
                f"the contact column {column!r} is the log's {field} column; name activities "
                "with --contact-activities instead, or choose another column"
            )
        return field
    stored = f"source:{column}" if column in RESERVED else column
    if not log.has(stored):
        known = [*mapped, *(name.removeprefix("source:") for name in log.columns
                            if name not in RESERVED)]
        raise ConfigurationError(
            f"the contact column {column!r} is not in the log; its columns are "
            + ", ".join(map(repr, known))
        )
    return stored


def contact_predicate(
    table: Table, *, log: StoredLog, contacts: ContactDefinition
) -> BooleanValue:
    """True for the contacts among the stored events `table`, False (never NULL) otherwise."""
    import ibis

    if contacts.kind == "channel":
        if not log.has("channel"):
            raise ConfigurationError(
                "contacts were asked for by channel, but the log has no channel column; "
                "map one with --channel"
            )
        return table.channel.notnull()
    if contacts.kind == "activities":
        return table[ACTIVITY].isin(list(contacts.activities)).fill_null(False)
    column = _stored_column(log, contacts.column)  # type: ignore[arg-type]
    if column in log.personal_columns or contacts.column in log.personal_columns:
        raise ConfigurationError(
            f"the contact column {contacts.column!r} is pseudonymised, so its values cannot "
            "be compared; do not list it as personal, or choose another column"
        )
    return (table[column].cast("string") == ibis.literal(contacts.value)).fill_null(False)


def check_contacts(
    stored: Table, *, contacts: ContactDefinition, activity_names: list[str], log: StoredLog
) -> None:
    """Refuse a definition that names what the log does not hold, saying what it does hold.

    Named activities must all occur; a contact column must hold the value on some event.
    """
    from journeymap.core.analytics.metrics.fetch import rows

    if contacts.kind == "activities":
        known = set(activity_names)
        unknown = [name for name in contacts.activities if name not in known]
        if unknown:
            raise ConfigurationError(
                "no event has the contact activit"
                + ("y " if len(unknown) == 1 else "ies ")
                + ", ".join(map(repr, unknown))
                + f"; the log's activities include {', '.join(map(repr, activity_names[:20]))}"
            )
    elif contacts.kind == "column":
        predicate = contact_predicate(stored, log=log, contacts=contacts)
        if rows(stored.filter(predicate).select(ACTIVITY).limit(1)):
            return
        column = _stored_column(log, contacts.column)  # type: ignore[arg-type]
        values = stored.select(value=stored[column].cast("string")).distinct().drop_null()
        seen = [row["value"] for row in rows(values.order_by("value").limit(_SHOWN_VALUES))]
        raise ConfigurationError(
            f"no event has {contacts.column!r} equal to {contacts.value!r}; values found "
            f"include {', '.join(map(repr, seen))}"
        )
