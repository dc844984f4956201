"""Rank segments by a weighted score the analyst sets, showing what each rank is made of.

Each term is scaled to 0..1 before weighting, so that a council of 40,000 customers does not
drown a complaint count: size, complaints and journeys by the largest known value among the
segments ranked (the largest scores 1); dissatisfaction as its share (100% scores 1); need from
the vulnerability or equality impact (high 1, medium 0.5, low 0).

An unknown is never taken as 0. A term a segment has no figure for is left out of its score,
which is the weighted mean of the terms it does have, and the result names the terms left out so
the page can say the rank rests on less. A segment with none of the weighted terms known is not
ranked at all. Equal scores share a rank (1, 2, 2, 4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from journeymap.core.segments.register import SegmentRow

#: The terms of the score: name -> what the page calls it.
TERMS = {
    "size": "Number of customers",
    "dissatisfaction": "Dissatisfied (%)",
    "complaints": "Complaints a year",
    "journeys": "Journeys a year",
    "need": "Vulnerability or equality impact",
}
NEED_SCALE = {"high": 1.0, "medium": 0.5, "low": 0.0}
MAX_WEIGHT = 10

#: The guide's three quick targets, as weights: who has the greatest need, where the current
#: experience is least satisfactory (dissatisfaction and complaints), who makes most journeys.
QUICK_TARGETS: dict[str, tuple[str, dict[str, int]]] = {
    "need": ("Greatest need", {"need": 1}),
    "experience": ("Least satisfactory experience", {"dissatisfaction": 1, "complaints": 1}),
    "journeys": ("Most journeys", {"journeys": 1}),
}


@dataclass(frozen=True)
class Term:
    """One input behind a rank: the figure, its scaled value and its weight (None: not known)."""

    name: str
    label: str
    figure: float | None
    scaled: float | None
    weight: int

    @property
    def known(self) -> bool:
        return self.scaled is not None


@dataclass(frozen=True)
class RankedSegment:
    """A segment's place. `rank` and `score` (0..100) are None when no weighted term is known;
    `left_out` names the weighted terms whose figure is not known."""

    key: object
    name: str
    rank: int | None
    score: float | None
    terms: tuple[Term, ...]
    left_out: tuple[str, ...]


def _figure(row: SegmentRow, term: str) -> float | None:
    value = {
        "size": row.size,
        "dissatisfaction": row.dissatisfied_percent,
        "complaints": row.complaints,
        "journeys": row.journeys_per_year,
        "need": NEED_SCALE.get(row.vulnerability),
    }[term]
    return float(value) if isinstance(value, int | float | Decimal) else None


def _scaled(term: str, figure: float | None, largest: float | None) -> float | None:
    if figure is None:
        return None
    if term == "dissatisfaction":
        return figure / 100
    if term == "need":
        return figure
    return figure / largest if largest else 0.0


def rank_segments(rows: Sequence[tuple[object, SegmentRow]],
                  weights: Mapping[str, int]) -> list[RankedSegment]:
    """Each (key, row) ranked, best first; unranked segments last, by name.

    `weights` maps term names to whole numbers 0..MAX_WEIGHT; a term missing from it weighs 0.
    """
    for term, weight in weights.items():
        if term not in TERMS:
            raise ValueError(f"unknown term {term!r}; expected one of {', '.join(TERMS)}")
        if not 0 <= weight <= MAX_WEIGHT:
            raise ValueError(f"weight of {term} must be from 0 to {MAX_WEIGHT}, got {weight}")
    figures = [{term: _figure(row, term) for term in TERMS} for _, row in rows]
    largest = {term: max((f[term] for f in figures if f[term] is not None), default=None)
               for term in TERMS}
    scored = []
    for (key, row), figure in zip(rows, figures, strict=True):
        terms = tuple(Term(name=term, label=label, figure=figure[term],
                           scaled=_scaled(term, figure[term], largest[term]),
                           weight=weights.get(term, 0))
                      for term, label in TERMS.items())
        weighted = [term for term in terms if term.weight]
        known = [term for term in weighted if term.known]
        total_weight = sum(term.weight for term in known)
        score = (100 * sum(term.weight * term.scaled for term in known) / total_weight
                 if total_weight else None)
        left_out = tuple(term.label for term in weighted if not term.known)
        scored.append((key, row.name, score, terms, left_out))
    ranked = sorted((s for s in scored if s[2] is not None),
                    key=lambda s: (-round(s[2], 9), s[1].casefold()))
    unranked = sorted((s for s in scored if s[2] is None), key=lambda s: s[1].casefold())
    result, previous, rank = [], None, 0
    for position, (key, name, score, terms, left_out) in enumerate(ranked, start=1):
        if previous is None or round(score, 9) != previous:
            rank = position
        previous = round(score, 9)
        result.append(RankedSegment(key=key, name=name, rank=rank, score=score, terms=terms,
                                    left_out=left_out))
    result.extend(RankedSegment(key=key, name=name, rank=None, score=None, terms=terms,
                                left_out=left_out) for key, name, _, terms, left_out in unranked)
    return result
