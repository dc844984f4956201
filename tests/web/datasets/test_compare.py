"""Two periods of a dataset side by side, suppressed, by a plain GET form."""

import re

from django.urls import reverse

from tests.web.datasets.builders import contact_csv, imported


def compare(client, dataset, **periods):
    url = reverse("datasets:compare", args=[dataset.organisation.slug, dataset.pk])
    return client.get(url, periods).content.decode()


def cells(page: str, figure: str) -> list[str]:
    row = re.search(rf">{figure}</th>(.*?)</tr>", page, re.S).group(1)
    return re.findall(r'cell--numeric">([^<]*)<', row)


def test_two_periods_side_by_side(client, charlie, erin, edinburgh):
    # 42 cases starting on 1 + n % 27 March: 28 start on days 1-14, 14 on days 15-27.
    dataset = imported(organisation=edinburgh, user=erin, content=contact_csv(cases=40))
    client.force_login(charlie)
    page = compare(client, dataset, before_from="2024-03-01", before_to="2024-03-15",
                   after_from="2024-03-15", after_to="2024-04-01")
    assert cells(page, "Cases") == ["28", "14"]
    assert cells(page, "Events") == ["56", "28"]
    assert cells(page, "Contacts") == ["28", "14"]  # the phone call of each case
    assert cells(page, "Median time from first to last event") == ["2.5 h", "2.5 h"]


def test_a_small_period_is_withheld_not_zero(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin, content=contact_csv(cases=40))
    client.force_login(erin)
    page = compare(client, dataset, before_from="2024-03-01", before_to="2024-03-02",
                   after_from="2024-04-01", after_to="2024-05-01")
    # 2 cases started on 1 March (fewer than 5); none in April.
    assert cells(page, "Cases") == ["not shown", "0"]
    assert cells(page, "Median time from first to last event")[0] == "not shown"


def test_without_a_contact_definition_contacts_are_not_known(client, erin, edinburgh):
    mapping = {"case": "Case ID", "time": "Timestamp", "activity": "Activity", "channel": None,
               "service": None, "organisation": None, "reason": None, "outcome": None}
    dataset = imported(organisation=edinburgh, user=erin, mapping=mapping, contacts=None)
    client.force_login(erin)
    page = compare(client, dataset, before_from="2024-03-01", before_to="2024-03-15",
                   after_from="2024-03-15", after_to="2024-04-01")
    assert cells(page, "Contacts") == ["not known", "not known"]
    assert cells(page, "Share of contacts that were avoidable") == ["not known", "not known"]


def test_a_period_ending_before_it_starts_is_refused_by_name(client, erin, edinburgh):
    dataset = imported(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = compare(client, dataset, before_from="2024-03-15", before_to="2024-03-01",
                   after_from="2024-03-15", after_to="2024-04-01")
    assert "Choose a date after the first one." in page
    assert "<table" not in page
