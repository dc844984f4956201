"""Small-number suppression for reports that leave the analyst's desk.

A count of 1 to 4 people can identify someone in a small area or a rare situation (the Scottish
Government's warning in the seeds: a small country's data sets are hard to anonymise). Reports
meant for managers and partners therefore show such counts as "fewer than N", along with any
share computed from them; zero stays zero, because "nobody" reveals no one. The analyst's own
machine-readable output (the JSON) keeps exact figures, so checks against other tools still hold.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class CountDisclosure:
    """How a report writes counts: exact from `threshold` up, "fewer than N" below it.

    `threshold=0` (or 1) shows every count, for an analyst's internal report.
    """

    threshold: int = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.threshold < 0:
            raise ValueError(f"the suppression threshold must be 0 or more, not {self.threshold}")

    def hidden(self, count: int) -> bool:
        return 0 < count < self.threshold

    def text(self, count: int) -> str:
        return f"fewer than {self.threshold}" if self.hidden(count) else f"{count:,}"

    def shown(self, count: int) -> int:
        """The count to draw (bar length, line width): 0 when it must not be revealed."""
        return 0 if self.hidden(count) else count
