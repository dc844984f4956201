"""Which channels the contacts avoided were on, as far as a comparison can say.

Pricing needs a channel: a telephone call costs more than a web form. From two maps, a change's
contacts are put on a channel only when every step of the change that has contacts meets the
customer on exactly one channel; a change whose contacts are spread over several channels (or
none) is named, not guessed. From a contact dataset, the channel mix is the contacts' only when
the dataset defines contacts by channel; under another definition the mix also counts work that
is not contact, so it is not used.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from journeymap.core.analytics import AnalysisResult, Suppressed
from journeymap.core.maps.compare import MapComparison
from journeymap.core.maps.schema import Step


@dataclass(frozen=True)
class ChannelAttribution:
    """Contacts avoided per channel (before minus after), and what could not be attributed."""

    avoided: dict[str, int]
    not_attributed: tuple[str, ...]


def _change_groups(comparison: MapComparison) -> list[tuple[list[Step], list[Step]]]:
    """Earlier and later steps of each change; a step split in two is one change."""
    by_earlier: dict[str, tuple[list[Step], list[Step]]] = {}
    for change in (*comparison.changed, *comparison.unchanged):
        by_earlier.setdefault(change.before.id, ([change.before], []))[1].append(change.after)
    groups = list(by_earlier.values())
    groups += [(list(merge.before), [merge.after]) for merge in comparison.merged]
    groups += [([step], []) for step in comparison.removed]
    groups += [([], [step]) for step in comparison.added]
    return groups


def _only_channel(step: Step) -> str | None:
    channels = {touchpoint.channel.value for touchpoint in step.touchpoints}
    return channels.pop() if len(channels) == 1 else None


def contacts_avoided_from_maps(comparison: MapComparison) -> ChannelAttribution:
    avoided: dict[str, int] = defaultdict(int)
    not_attributed = []
    for earlier, later in _change_groups(comparison):
        steps = [*earlier, *later]
        if any(step.contacts is None for step in steps):
            continue  # not known on both sides: the contacts line already says how many
        unclear = [step.name for step in steps if step.contacts and _only_channel(step) is None]
        if unclear:
            if sum(s.contacts for s in earlier) != sum(s.contacts for s in later):
                not_attributed.append(
                    "contacts at " + ", ".join(unclear) + " are on several channels or none")
            continue
        for sign, side in ((1, earlier), (-1, later)):
            for step in side:
                if step.contacts:
                    avoided[_only_channel(step)] += sign * step.contacts
    return ChannelAttribution(avoided={channel: count for channel, count in avoided.items()
                                       if count != 0},
                              not_attributed=tuple(not_attributed))


def _channel_contacts(result: AnalysisResult) -> dict[str, int | Suppressed] | str:
    if result.contact_definition is None:
        return "the log does not say which events are contacts"
    if result.contact_definition.kind != "channel":
        return ("the dataset defines contacts by " + result.contact_definition.kind
                + ", so its channel mix counts more than contacts")
    if result.channels is None:
        return "the log has no channel column"
    return {row.value: row.events for row in result.channels.mix}


def contacts_avoided_from_datasets(before: AnalysisResult,
                                   after: AnalysisResult) -> ChannelAttribution:
    sides = [_channel_contacts(before), _channel_contacts(after)]
    reasons = sorted({side for side in sides if isinstance(side, str)})
    if reasons:
        return ChannelAttribution(avoided={}, not_attributed=tuple(reasons))
    earlier, later = sides
    avoided, not_attributed = {}, []
    for channel in sorted(set(earlier) | set(later)):
        # A channel missing from a period's mix had no events in it.
        counts = (earlier.get(channel, 0), later.get(channel, 0))
        if any(isinstance(count, Suppressed) for count in counts):
            not_attributed.append(f"contacts by {channel} are withheld in a period (small "
                                  "numbers)")
        elif counts[0] != counts[1]:
            avoided[channel] = counts[0] - counts[1]
    return ChannelAttribution(avoided=avoided, not_attributed=tuple(not_attributed))
