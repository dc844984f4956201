"""The sentiment of what a citizen wrote, by VADER: a lexicon and rules that ship with the
package (no model download, no network), scoring English text from -1 (negative) to 1.

The score is a reading aid for an analyst going through many answers, shown beside the
citizen's own rating and never instead of it: the citizen's rating is what they said they felt.
"""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@cache
def _analyser() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes a moment; one analyser serves every call.
    return SentimentIntensityAnalyzer()


def sentiment_score(text: str) -> float | None:
    """VADER's compound score of `text`, rounded to 3 places; None when there is nothing to read.

    >>> sentiment_score("The staff were kind and helpful") > 0
    True
    >>> sentiment_score("   ") is None
    True
    """
    if not text.strip():
        return None
    return round(_analyser().polarity_scores(text)["compound"], 3)


def sentiment_label(score: float | None) -> str:
    """VADER's own reading of its compound score: positive from 0.05, negative to -0.05."""
    if score is None:
        return "No text"
    if score >= 0.05:
        return "Positive"
    if score <= -0.05:
        return "Negative"
    return "Neutral"
