"""The heartbeat chart of what people felt at each step: citizens' ratings pooled with the
feelings researchers recorded, drawn as a distribution per step, with one line per segment.

Both scores are put on the citizen's five-face scale (1 very unhappy to 5 very happy): a
researcher's feeling (-2 to 2, the map's emotion scale) is that plus 3. Each step's point is
the pooled distribution's median (a bar), mean (a dot) and spread (the mean give or take one
standard deviation, drawn as a whisker within the scale), with its n; a step with fewer than
the threshold scores is not drawn and says so. A segment's line joins its steps' means and
leaves a gap at each step where the segment has fewer than the threshold.

Pure Python: the SVG is built as text, every piece of user text escaped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from journeymap.core.disclosure import CountDisclosure
from journeymap.core.feedback.ratings import RATING_LABELS, RatingSummary, summarise


def feelings_as_ratings(feelings: Mapping[int, int]) -> dict[int, int]:
    """A histogram of researchers' feelings (-2 to 2) on the citizens' scale (1 to 5)."""
    for feeling in feelings:
        if feeling not in (-2, -1, 0, 1, 2):
            raise ValueError(f"a feeling is a whole number from -2 to 2, not {feeling!r}")
    return {feeling + 3: count for feeling, count in feelings.items()}


@dataclass(frozen=True)
class StepScores:
    """One step's pooled scores: the summary (None below the threshold or with none), and how
    many came from citizens and from researchers' observations."""

    name: str
    summary: RatingSummary | None
    citizens: int
    researchers: int
    threshold: int

    @property
    def total(self) -> int:
        return self.citizens + self.researchers

    @property
    def withheld(self) -> bool:
        return 0 < self.total < self.threshold


def pooled_step(*, name: str, citizens: Mapping[int, int], feelings: Mapping[int, int],
                threshold: int) -> StepScores:
    """Citizens' rating histogram and researchers' feeling histogram as one step's scores."""
    pooled = Counter(citizens)
    pooled.update(feelings_as_ratings(feelings))
    summary = summarise(pooled)
    total = sum(pooled.values())
    return StepScores(name=name, summary=summary if total >= threshold else None,
                      citizens=sum(citizens.values()), researchers=sum(feelings.values()),
                      threshold=threshold)


@dataclass(frozen=True)
class SegmentLine:
    """One group's mean at each step (None where withheld or unrated), and whether each step
    was withheld (rated, but by fewer than the threshold)."""

    label: str
    means: tuple[float | None, ...]
    withheld: tuple[bool, ...] = ()


def segment_line(*, label: str, histograms: Sequence[Mapping[int, int]],
                 threshold: int) -> SegmentLine:
    """A segment's line from its rating histogram at each step, suppressed step by step."""
    means, withheld = [], []
    for histogram in histograms:
        summary = summarise(histogram)
        shown = summary is not None and summary.n >= threshold
        means.append(summary.mean if shown else None)
        withheld.append(summary is not None and not shown)
    return SegmentLine(label=label, means=tuple(means), withheld=tuple(withheld))


# Drawing ---------------------------------------------------------------------------------------

WIDTH_PER_STEP, LEFT, TOP, PLOT_HEIGHT, BOTTOM = 120, 150, 20, 200, 70
# Told apart by dash pattern and marker as well as colour, so no one needs to see colour.
LINE_STYLES = [("#1d70b8", ""), ("#d4351c", "6 3"), ("#00703c", "2 3"), ("#6f72af", "10 3 2 3"),
               ("#b58840", "1 5")]


def _y(score: float) -> float:
    return TOP + (5 - score) / 4 * PLOT_HEIGHT


def _x(index: int) -> float:
    return LEFT + WIDTH_PER_STEP * index + WIDTH_PER_STEP / 2


def chart_svg(steps: Sequence[StepScores], lines: Sequence[SegmentLine] = (), *,
              title: str) -> str:
    """The chart as an SVG document; `title` and every name are escaped."""
    width = LEFT + WIDTH_PER_STEP * max(len(steps), 1) + 20
    legend_height = 20 * len(lines)
    height = TOP + PLOT_HEIGHT + BOTTOM + legend_height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="jm-chart-title">',
             f'<title id="jm-chart-title">{escape(title)}</title>']
    for score, label in RATING_LABELS.items():
        y = _y(score)
        parts.append(f'<line x1="{LEFT}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#b1b4b6" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
                     f'fill="#0b0c0c">{escape(label)}</text>')
    for index, step in enumerate(steps):
        x = _x(index)
        parts.append(f'<text x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 18}" text-anchor="middle" '
                     f'font-size="12" fill="#0b0c0c">{escape(step.name[:18])}</text>')
        summary = step.summary
        if summary is None:
            note = (f"fewer than {step.threshold}: withheld" if step.withheld
                    else "no scores yet")
            parts.append(f'<text x="{x:.1f}" y="{_y(3) + 4:.1f}" text-anchor="middle" '
                         f'font-size="11" fill="#505a5f">{note}</text>')
            continue
        spread = summary.standard_deviation or 0.0
        low, high = max(1.0, summary.mean - spread), min(5.0, summary.mean + spread)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{_y(high):.1f}" y2="{_y(low):.1f}" '
                     f'stroke="#0b0c0c" stroke-width="2"/>')
        parts.append(f'<rect x="{x - 14:.1f}" y="{_y(summary.median) - 2:.1f}" width="28" '
                     f'height="4" fill="#0b0c0c"/>')
        parts.append(f'<circle cx="{x:.1f}" cy="{_y(summary.mean):.1f}" r="6" fill="#ffffff" '
                     f'stroke="#0b0c0c" stroke-width="2"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 34}" text-anchor="middle" '
                     f'font-size="12" fill="#0b0c0c">n = {summary.n:,}</text>')
    for number, line in enumerate(lines):
        colour, dashes = LINE_STYLES[number % len(LINE_STYLES)]
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        for run in _runs(line.means):
            points = " ".join(f"{_x(i):.1f},{_y(mean):.1f}" for i, mean in run)
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
        y = TOP + PLOT_HEIGHT + BOTTOM + 20 * number + 10
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + 40}" y1="{y}" y2="{y}" stroke="{colour}" '
                     f'stroke-width="2"{dash}/>')
        parts.append(f'<text x="{LEFT + 48}" y="{y + 4}" font-size="12" fill="#0b0c0c">'
                     f'{escape(line.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _runs(means: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The line's unbroken stretches (a withheld step breaks it); a lone point is drawn as a
    stretch of one, which a polyline shows as nothing, so single points get no line."""
    runs: list[list[tuple[int, float]]] = [[]]
    for index, mean in enumerate(means):
        if mean is None:
            runs.append([])
        else:
            runs[-1].append((index, mean))
    return [run for run in runs if len(run) > 1]


def text_alternative(steps: Sequence[StepScores], lines: Sequence[SegmentLine] = ()) -> list[str]:
    """The chart in sentences, one a step then one a segment line, for screen readers and for
    anyone who prefers the figures."""
    sentences = []
    for step in steps:
        disclosure = CountDisclosure(step.threshold)
        sources = (f"citizens' ratings: {disclosure.text(step.citizens)}; researchers' "
                   f"observations: {disclosure.text(step.researchers)}")
        if step.summary is None:
            state = (f"withheld, fewer than {step.threshold} scores" if step.withheld
                     else "no scores yet")
            sentences.append(f"{step.name}: {state}.")
            continue
        summary = step.summary
        spread = ("spread not known" if summary.standard_deviation is None
                  else f"standard deviation {summary.standard_deviation:.2f}")
        sentences.append(f"{step.name}: n = {summary.n:,} ({sources}); median "
                         f"{summary.median:g}, mean {summary.mean:.2f}, {spread}.")
    for line in lines:
        points = ", ".join(f"{step.name} {'not shown' if mean is None else f'{mean:.2f}'}"
                           for step, mean in zip(steps, line.means, strict=True))
        sentences.append(f"{line.label}: mean by step: {points}.")
    return sentences
