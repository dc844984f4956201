"""The indicators journeymap knows how to define, and for some how to compute.

The Edinburgh guide's four (number of steps, time taken, contact volumes, complaints), customer
satisfaction from citizens' ratings and the share of avoidable contact (NI14), and the GOV.UK
Service Standard's four mandatory measures, each with its unit, which way is better and the
definition a reader needs to trust a figure. `MANUAL` is anything else an organisation measures.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    STEPS = "steps"
    PROCESS_TIME = "process_time"
    CONTACTS = "contacts"
    COMPLAINTS = "complaints"
    SATISFACTION = "satisfaction"
    AVOIDABLE_SHARE = "avoidable_share"
    COST_PER_TRANSACTION = "cost_per_transaction"
    USER_SATISFACTION = "user_satisfaction"
    COMPLETION_RATE = "completion_rate"
    DIGITAL_TAKE_UP = "digital_take_up"
    MANUAL = "manual"


class Direction(StrEnum):
    LOWER = "lower"
    HIGHER = "higher"


DIRECTION_LABELS = {Direction.LOWER: "Lower is better", Direction.HIGHER: "Higher is better"}


class SourceKind(StrEnum):
    """Where a measurement's figure came from; every figure names one."""

    MAP = "map"
    DATASET = "dataset"
    FEEDBACK = "feedback"
    MANUAL = "manual"


SOURCE_LABELS = {SourceKind.MAP: "A map", SourceKind.DATASET: "A contact dataset and period",
                 SourceKind.FEEDBACK: "Citizens' feedback in a period",
                 SourceKind.MANUAL: "Entered by hand"}


@dataclass(frozen=True)
class Definition:
    """A ready-made indicator: what it is called, measured in, and how its figures may be had
    (`computed_from` names the sources journeymap computes it from; it can always be entered by
    hand as well)."""

    kind: Kind
    name: str
    unit: str
    direction: Direction
    definition: str
    computed_from: tuple[SourceKind, ...] = ()


CATALOGUE: dict[Kind, Definition] = {definition.kind: definition for definition in (
    Definition(Kind.STEPS, "Number of steps", "steps", Direction.LOWER,
               "How many steps the customer goes through, counted on a map of the journey.",
               (SourceKind.MAP,)),
    Definition(Kind.PROCESS_TIME, "Time taken for the process", "minutes", Direction.LOWER,
               "The customer's time across the map's steps (only when every step is timed), or "
               "the median time from a case's first to its last event in a contact dataset.",
               (SourceKind.MAP, SourceKind.DATASET)),
    Definition(Kind.CONTACTS, "Contact volumes", "contacts", Direction.LOWER,
               "Citizen contacts in a period, from a contact dataset that says which events "
               "are contacts.", (SourceKind.DATASET,)),
    Definition(Kind.COMPLAINTS, "Complaints", "complaints", Direction.LOWER,
               "Complaints received about the journey in a period, from the complaints "
               "system.", ()),
    Definition(Kind.SATISFACTION, "Customer satisfaction", "mean rating (1 to 5)",
               Direction.HIGHER,
               "The mean of citizens' overall ratings (1 very unhappy to 5 very happy) of the "
               "journey's maps in a period, with how many rated; withheld when too few did.",
               (SourceKind.FEEDBACK,)),
    Definition(Kind.AVOIDABLE_SHARE, "Share of avoidable contact (NI14)", "%", Direction.LOWER,
               "Avoidable contacts as a share of all citizen contacts in a period (the former "
               "National Indicator 14), from a contact dataset.", (SourceKind.DATASET,)),
    Definition(Kind.COST_PER_TRANSACTION, "Cost per transaction", "£", Direction.LOWER,
               "GOV.UK Service Standard: the total cost of providing the service (staff, "
               "technology, accommodation, overheads) in a period divided by the number of "
               "completed transactions in that period."),
    Definition(Kind.USER_SATISFACTION, "User satisfaction", "%", Direction.HIGHER,
               "GOV.UK Service Standard: the percentage of people who said they were satisfied "
               "or very satisfied with the service, of all who answered, in a period."),
    Definition(Kind.COMPLETION_RATE, "Completion rate", "%", Direction.HIGHER,
               "GOV.UK Service Standard: the percentage of transactions started that were "
               "completed (the person got the outcome they came for) in a period."),
    Definition(Kind.DIGITAL_TAKE_UP, "Digital take-up", "%", Direction.HIGHER,
               "GOV.UK Service Standard: the percentage of completed transactions done through "
               "the digital service, of those done through every channel, in a period."),
)}
