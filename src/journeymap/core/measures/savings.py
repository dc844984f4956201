"""What avoided contacts save: contacts avoided on each channel times that channel's cost.

The organisation sets a cost per contact for each channel. A channel without a cost is not
priced, and is listed as such: pricing it at 0 would understate the saving and hide that the
figure is partial. More contacts after than before (a negative number avoided) are priced too,
as a negative saving, so a change that moved work to a dearer channel shows as one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

CURRENCY = "GBP"


@dataclass(frozen=True)
class PricedChannel:
    channel: str
    contacts_avoided: int
    cost_per_contact: Decimal

    @property
    def saving(self) -> Decimal:
        return self.cost_per_contact * self.contacts_avoided


@dataclass(frozen=True)
class UnpricedChannel:
    channel: str
    contacts_avoided: int


@dataclass(frozen=True)
class SavingsEstimate:
    """The priced channels and their total, and the channels left unpriced (no cost set)."""

    priced: tuple[PricedChannel, ...]
    unpriced: tuple[UnpricedChannel, ...]
    currency: str = CURRENCY

    @property
    def total(self) -> Decimal | None:
        """The sum over priced channels; None when no channel could be priced."""
        if not self.priced:
            return None
        return sum((line.saving for line in self.priced), Decimal(0))


def savings_estimate(*, avoided: Mapping[str, int],
                     costs: Mapping[str, Decimal]) -> SavingsEstimate:
    """Price `avoided` (channel -> contacts avoided) at `costs` (channel -> cost per contact).

    >>> estimate = savings_estimate(avoided={"telephone": 120, "post": 3},
    ...                             costs={"telephone": Decimal("2.83")})
    >>> estimate.total, [line.channel for line in estimate.unpriced]
    (Decimal('339.60'), ['post'])
    """
    priced, unpriced = [], []
    for channel in sorted(avoided):
        cost = costs.get(channel)
        if cost is None:
            unpriced.append(UnpricedChannel(channel=channel, contacts_avoided=avoided[channel]))
        elif cost < 0:
            raise ValueError(f"the cost per contact of {channel} is negative ({cost})")
        else:
            priced.append(PricedChannel(channel=channel, contacts_avoided=avoided[channel],
                                        cost_per_contact=Decimal(cost)))
    return SavingsEstimate(priced=tuple(priced), unpriced=tuple(unpriced))
