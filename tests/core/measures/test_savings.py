"""The savings estimate, on figures worked out by hand."""

from decimal import Decimal

import pytest

from journeymap.core.measures.savings import savings_estimate


def test_contacts_avoided_times_cost_per_channel_summed_over_priced_channels():
    estimate = savings_estimate(
        avoided={"telephone": 1200, "face_to_face": 150, "email": -40},
        costs={"telephone": Decimal("2.83"), "face_to_face": Decimal("8.62"),
               "email": Decimal("0.50")})
    # email: -40 x 0.50 = -20.00 (more e-mails after: a cost, not a saving)
    # face to face: 150 x 8.62 = 1,293.00
    # telephone: 1,200 x 2.83 = 3,396.00
    # total: -20.00 + 1,293.00 + 3,396.00 = 4,669.00
    assert [(line.channel, line.saving) for line in estimate.priced] == [
        ("email", Decimal("-20.00")), ("face_to_face", Decimal("1293.00")),
        ("telephone", Decimal("3396.00"))]
    assert estimate.total == Decimal("4669.00")
    assert estimate.currency == "GBP"


def test_a_channel_without_a_cost_is_listed_unpriced_never_priced_at_nothing():
    estimate = savings_estimate(avoided={"telephone": 10, "post": 7},
                                costs={"telephone": Decimal("3")})
    # telephone: 10 x 3 = 30; post has no cost: left out of the total and named
    assert estimate.total == Decimal("30")
    assert [(line.channel, line.contacts_avoided) for line in estimate.unpriced] == [("post", 7)]


def test_no_priced_channel_means_no_total_rather_than_zero():
    estimate = savings_estimate(avoided={"post": 7}, costs={})
    assert estimate.total is None
    assert savings_estimate(avoided={}, costs={"post": Decimal("1")}).total is None


def test_a_cost_of_zero_is_a_cost_the_organisation_set():
    # a free channel (a self-service kiosk) really saves nothing per contact
    assert savings_estimate(avoided={"web": 50}, costs={"web": Decimal("0")}).total == 0


def test_a_negative_cost_is_refused_naming_the_channel():
    with pytest.raises(ValueError, match="telephone"):
        savings_estimate(avoided={"telephone": 1}, costs={"telephone": Decimal("-1")})
