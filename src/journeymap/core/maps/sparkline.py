"""A map's heartbeat in a line small enough for a table row (the portfolio's "at a glance").

An unrecorded feeling is a gap in the line, never a point at 0: the line is cut there, and the
words say how many steps are not recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.core.maps.schema import EMOTION_LABELS


@dataclass(frozen=True)
class Sparkline:
    width: float
    height: float
    #: Runs of consecutive known feelings, each a tuple of (x, y) points; a lone known step
    #: is a run of one point (drawn as a dot).
    runs: tuple[tuple[tuple[float, float], ...], ...]
    description: str

    def polyline_points(self) -> list[str]:
        return [" ".join(f"{x:g},{y:g}" for x, y in run) for run in self.runs if len(run) > 1]

    def dots(self) -> list[tuple[float, float]]:
        return [run[0] for run in self.runs if len(run) == 1]


def sparkline(emotions: list[int | None], *, width: float = 120, height: float = 28,
              pad: float = 3) -> Sparkline:
    """The line of `emotions` (-2 .. 2, None if not recorded): a point per step, happier higher."""
    count = len(emotions)
    step = (width - 2 * pad) / (count - 1) if count > 1 else 0
    runs: list[list[tuple[float, float]]] = []
    previous_known = False
    for index, emotion in enumerate(emotions):
        if emotion is None:
            previous_known = False
            continue
        x = pad + index * step if count > 1 else width / 2
        y = pad + (2 - emotion) / 4 * (height - 2 * pad)
        if not previous_known:
            runs.append([])
        runs[-1].append((round(x, 1), round(y, 1)))
        previous_known = True
    return Sparkline(width=width, height=height, runs=tuple(tuple(run) for run in runs),
                     description=describe(emotions))


def describe(emotions: list[int | None]) -> str:
    """The line in words, step by step, for the text alternative."""
    if not emotions:
        return "No steps yet."
    words = [EMOTION_LABELS[emotion] if emotion is not None else "not recorded"
             for emotion in emotions]
    unknown = sum(emotion is None for emotion in emotions)
    counted = f" ({unknown} not recorded)" if unknown else ""
    steps = f"{len(emotions)} step{'s' if len(emotions) != 1 else ''}"
    return f"Emotion across {steps}{counted}: " + ", ".join(words) + "."
