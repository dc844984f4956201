"""The indicator and evaluation pages, as a member uses them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.web.indicators.builders import indicator_with_measurement, scheduled_evaluation
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def url(name, made, *ids):
    return reverse(f"indicators:{name}", args=["edinburgh", made["journey"].pk, *ids])


def test_an_editor_adds_a_ready_made_indicator_and_computes_it(client, erin, made):
    client.force_login(erin)
    response = client.post(url("create", made), {"kind": "steps"})
    indicator = made["journey"].indicators.get()
    assert response.url == url("detail", made, indicator.pk)
    response = client.post(url("compute", made, indicator.pk),
                           {"journey_map": made["as_is"].pk})
    assert response.status_code == 302
    page = client.get(url("detail", made, indicator.pk)).content.decode()
    assert "map Joining – as is" in page
    assert "<svg" in page and "<polyline" not in page  # one point: a dot, no line


def test_a_figure_that_cannot_be_computed_shows_the_reason(client, erin, made):
    client.force_login(erin)
    client.post(url("create", made), {"kind": "satisfaction"})
    indicator = made["journey"].indicators.get()
    today = timezone.localdate()
    response = client.post(url("compute", made, indicator.pk), {
        "period_from": (today - datetime.timedelta(days=3)).isoformat(),
        "period_to": today.isoformat()})
    assert response.status_code == 200
    assert "nobody rated the journey in the period" in response.content.decode()
    assert not indicator.measurements.exists()


def test_indicator_names_are_escaped_in_the_page_and_the_chart(client, erin, made):
    client.force_login(erin)
    client.post(url("create", made), {"kind": "manual", "name": "<script>x</script>",
                                      "unit": "<b>", "direction": "lower"})
    indicator = made["journey"].indicators.get()
    page = client.get(url("detail", made, indicator.pk)).content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x" in page


def test_a_viewer_reads_but_sees_no_forms_and_cannot_post(client, charlie, erin, edinburgh,
                                                         made):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    client.force_login(charlie)
    page = client.get(url("detail", made, indicator.pk)).content.decode()
    assert "12" in page and "Record the figure" not in page
    assert client.post(url("record", made, indicator.pk),
                       {"value": "1", "measured_on": "2025-01-01"}).status_code == 403


def test_an_editor_deletes_a_figure_then_the_indicator_after_confirming(client, erin,
                                                                        edinburgh, made):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    measurement = indicator.measurements.get()
    client.force_login(erin)
    detail = client.get(url("detail", made, indicator.pk)).content.decode()
    delete_figure = url("measurement_delete", made, indicator.pk, measurement.pk)
    assert delete_figure in detail and url("delete", made, indicator.pk) in detail
    confirm = client.get(delete_figure).content.decode()
    assert "Delete the figure 12 of 30 June 2025?" in confirm
    assert indicator.measurements.exists()  # asking is not deleting
    response = client.post(delete_figure)
    assert response.url == url("detail", made, indicator.pk)
    assert not indicator.measurements.exists()
    response = client.post(url("delete", made, indicator.pk))
    assert response.url == url("list", made)
    assert not made["journey"].indicators.exists()


def test_a_viewer_cannot_delete(client, charlie, erin, edinburgh, made):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    client.force_login(charlie)
    page = client.get(url("detail", made, indicator.pk)).content.decode()
    assert "Delete this indicator" not in page
    assert client.post(url("delete", made, indicator.pk)).status_code == 403
    assert made["journey"].indicators.exists()


def test_schedule_and_perform_an_evaluation_through_the_pages(client, erin, made):
    client.force_login(erin)
    response = client.post(url("schedule", made), {"actions_taken_on": "2025-02-10",
                                                   "months": "18"})
    evaluation = made["journey"].evaluations.get()
    assert evaluation.due_on == datetime.date(2026, 8, 10)
    assert response.url == url("evaluation", made, evaluation.pk)
    response = client.post(url("perform", made, evaluation.pk), {
        "baseline_map": made["as_is"].pk, "remap": made["to_be"].pk})
    assert response.status_code == 302
    page = client.get(url("evaluation", made, evaluation.pk)).content.decode()
    assert "Savings estimate" in page
    assert "not estimated: no contacts avoided on a channel with a cost" in page


def test_the_dashboard_shows_evaluations_overdue(client, erin, edinburgh, made):
    scheduled_evaluation(organisation=edinburgh, user=erin, journey=made["journey"],
                         taken=datetime.date(2020, 1, 1), months=6)
    client.force_login(erin)
    page = client.get(reverse("dashboard:organisation", args=["edinburgh"])).content.decode()
    assert "Overdue (1)" in page and "was due" in page


def test_only_an_admin_sets_contact_costs(client, erin, alice):
    client.force_login(erin)
    assert client.get(reverse("indicators:costs", args=["edinburgh"])).status_code == 403
    client.force_login(alice)
    response = client.post(reverse("indicators:costs", args=["edinburgh"]),
                           {"telephone": "2.83", "web": ""})
    assert response.status_code == 302
    page = client.get(reverse("indicators:costs", args=["edinburgh"])).content.decode()
    assert 'value="2.83"' in page
