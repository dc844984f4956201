"""Ranking arithmetic on data checked by hand, and unknowns left out rather than taken as 0."""

from decimal import Decimal

import pytest

from journeymap.core.segments import QUICK_TARGETS, SegmentRow, rank_segments

NEW = SegmentRow(name="New scheme members", size=4000, dissatisfied_percent=Decimal("20"),
                 complaints=10, journeys_per_year=8000, vulnerability="low")
MEMBERS = SegmentRow(name="Members", size=40000, dissatisfied_percent=Decimal("10"),
                     complaints=40, journeys_per_year=20000, vulnerability="medium")
RETIRING = SegmentRow(name="Members approaching retirement", size=2000,
                      dissatisfied_percent=Decimal("50"), complaints=20,
                      journeys_per_year=None, vulnerability="high")
ROWS = [(1, NEW), (2, MEMBERS), (3, RETIRING)]
EQUAL = {"size": 1, "dissatisfaction": 1, "complaints": 1, "journeys": 1, "need": 1}


def by_name(result):
    return {ranked.name: ranked for ranked in result}


def test_equal_weights_match_the_hand_worked_scores():
    # New:      size 4000/40000=.1, dissat .2, complaints 10/40=.25, journeys 8000/20000=.4,
    #           need 0   -> mean .19  -> 19
    # Members:  1, .1, 1, 1, .5 -> 3.6/5 = .72 -> 72
    # Retiring: .05, .5, .5, (journeys not known), 1 -> 2.05/4 = .5125 -> 51.25
    result = rank_segments(ROWS, EQUAL)
    assert [(r.name, r.rank) for r in result] == [
        ("Members", 1), ("Members approaching retirement", 2), ("New scheme members", 3)]
    scores = {r.name: r.score for r in result}
    assert scores == pytest.approx({"Members": 72.0, "Members approaching retirement": 51.25,
                                    "New scheme members": 19.0})
    assert by_name(result)["Members approaching retirement"].left_out == ("Journeys a year",)
    assert by_name(result)["Members"].left_out == ()


def test_weights_change_the_order_and_zero_weight_terms_are_not_counted():
    # Dissatisfaction weighted 3, need 1, the rest 0:
    # New (.6+0)/4=.15; Members (.3+.5)/4=.2; Retiring (1.5+1)/4=.625
    result = rank_segments(ROWS, {"dissatisfaction": 3, "need": 1})
    assert [r.name for r in result] == [
        "Members approaching retirement", "Members", "New scheme members"]
    assert [round(r.score, 6) for r in result] == [62.5, 20.0, 15.0]
    assert all(r.left_out == () for r in result)


def test_an_unknown_is_left_out_not_counted_as_zero():
    """Only journeys weighted: the retiring segment's journeys are not known, so it is unranked
    (not ranked last with 0), and says which term it lacks."""
    result = rank_segments(ROWS, {"journeys": 1})
    retiring = by_name(result)["Members approaching retirement"]
    assert (retiring.rank, retiring.score, retiring.left_out) == (None, None,
                                                                  ("Journeys a year",))
    assert result[-1] is retiring
    assert [r.rank for r in result[:2]] == [1, 2]


def test_the_largest_known_value_scales_and_unknowns_do_not_enter_it():
    rows = [(1, SegmentRow(name="A", size=None)), (2, SegmentRow(name="B", size=50)),
            (3, SegmentRow(name="C", size=25))]
    result = by_name(rank_segments(rows, {"size": 2}))
    assert (result["B"].score, result["C"].score) == (100.0, 50.0)
    size_term = next(t for t in result["A"].terms if t.name == "size")
    assert (size_term.figure, size_term.known) == (None, False)


def test_equal_scores_share_a_rank():
    rows = [(n, SegmentRow(name=name, complaints=c))
            for n, (name, c) in enumerate([("A", 5), ("B", 10), ("C", 10), ("D", 1)])]
    assert [(r.name, r.rank) for r in rank_segments(rows, {"complaints": 1})] == [
        ("B", 1), ("C", 1), ("A", 3), ("D", 4)]


def test_quick_targets_pick_the_guides_three_segments():
    # Experience: Members (.1 + 40/40) / 2 = .55 beats Retiring (.5 + 20/40) / 2 = .5.
    pick = {key: rank_segments(ROWS, weights)[0].name
            for key, (_, weights) in QUICK_TARGETS.items()}
    assert pick == {"need": "Members approaching retirement",
                    "experience": "Members",
                    "journeys": "Members"}


@pytest.mark.parametrize("weights", [{"size": 11}, {"size": -1}, {"colour": 1}])
def test_bad_weights_are_refused_by_name(weights):
    with pytest.raises(ValueError, match=next(iter(weights))):
        rank_segments(ROWS, weights)
