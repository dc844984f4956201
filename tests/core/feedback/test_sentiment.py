"""VADER's score of a citizen's words: its sign follows the words, and empty text has none."""

from journeymap.core.feedback.sentiment import sentiment_label, sentiment_score


def test_kind_words_score_positive_and_complaints_negative():
    assert sentiment_score("The staff were kind and really helpful") > 0.05
    assert sentiment_score("I waited for hours and nobody answered, awful") < -0.05


def test_nothing_written_has_no_score_rather_than_a_neutral_one():
    assert sentiment_score("") is None
    assert sentiment_score(" \n ") is None
    assert sentiment_label(None) == "No text"


def test_labels_follow_vaders_own_cut_offs():
    assert [sentiment_label(score) for score in (0.05, 0.0, -0.05)] == [
        "Positive", "Neutral", "Negative"]
