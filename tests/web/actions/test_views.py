"""The actions pages: adding an action from the board, the board's overdue marks and filters,
the organisation's board and the impact and effort matrix, marking done, and drafting a to-be
map from the accepted actions."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from journeymap.web.actions.models import ImprovementAction
from journeymap.web.journeys.models import JourneyMap
from tests.web.actions.builders import action_on
from tests.web.indicators.builders import indicator_with_measurement
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def board(made):
    return reverse("actions:journey_board", args=["edinburgh", made["journey"].pk])


def test_an_editor_adds_an_action_on_a_step_from_the_board(client, erin, made):
    step = made["as_is"].steps.order_by("position").first()
    client.force_login(erin)
    page = client.get(board(made)).content.decode()
    create = reverse("actions:create", args=["edinburgh", made["journey"].pk])
    assert f'href="{create}"' in page
    form = client.get(f"{create}?step={step.pk}").content.decode()
    assert re.search(rf'value="{step.pk}" checked', form)
    response = client.post(create, {
        "title": "<b>Check forms</b>", "category": "training", "steps": [str(step.pk)],
        "status": "accepted", "impact": "3", "effort": "1", "effect": "none",
        "indicator_name": "Contacts per claim", "ticket_url": "https://tickets.example/J-1",
        "due_on": "2030-01-31"})
    assert response.status_code == 302 and response.url == board(made)
    action = ImprovementAction.objects.get()
    assert (action.category, action.impact, action.effort, action.indicator_name) == (
        "training", 3, 1, "Contacts per claim")
    assert list(action.steps.all()) == [step]
    page = client.get(board(made)).content.decode()
    assert "&lt;b&gt;Check forms&lt;/b&gt;" in page and "<b>Check forms" not in page
    assert ('href="https://tickets.example/J-1" rel="noopener noreferrer"' in page)


def test_an_action_names_one_of_the_journeys_indicators_and_the_board_links_it(
        client, erin, edinburgh, made):
    indicator = indicator_with_measurement(organisation=edinburgh, user=erin,
                                           journey=made["journey"])
    client.force_login(erin)
    create = reverse("actions:create", args=["edinburgh", made["journey"].pk])
    assert f'<option value="{indicator.pk}">Complaints</option>' in client.get(
        create).content.decode()
    response = client.post(create, {"title": "Answer first time", "category": "process",
                                    "status": "proposed", "effect": "none",
                                    "indicator": str(indicator.pk)})
    assert response.status_code == 302
    assert ImprovementAction.objects.get().indicator == indicator
    detail = reverse("indicators:detail", args=["edinburgh", made["journey"].pk, indicator.pk])
    assert f'href="{detail}">Complaints</a>' in client.get(board(made)).content.decode()


def test_a_bad_ticket_link_is_shown_back_with_the_error(client, erin, made):
    client.force_login(erin)
    page = client.post(reverse("actions:create", args=["edinburgh", made["journey"].pk]), {
        "title": "Check forms", "category": "process", "status": "proposed",
        "effect": "remove", "ticket_url": "ftp://tickets.example/1"}).content.decode()
    assert "govuk-error-summary" in page
    assert "needs the step(s) it changes" in page or "valid URL" in page
    assert ImprovementAction.objects.count() == 0


def test_a_viewer_sees_the_board_but_cannot_add_or_mark_done(client, charlie, erin, edinburgh,
                                                             made):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    client.force_login(charlie)
    page = client.get(board(made)).content.decode()
    assert action.title in page and "Add an action" not in page and "Mark done" not in page
    status = reverse("actions:status", args=["edinburgh", made["journey"].pk, action.pk])
    assert client.post(status, {"status": "done"}).status_code == 403
    action.refresh_from_db()
    assert action.status == "proposed"


def test_overdue_actions_say_so_in_text_and_filters_narrow_the_board(client, erin, edinburgh,
                                                                     made):
    late = timezone.localdate() - datetime.timedelta(days=3)
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Late letters",
              category="communications", due_on=late)
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="New system",
              category="technology", status="done")
    client.force_login(erin)
    page = client.get(board(made)).content.decode()
    assert "1 action overdue" in page and ">Overdue</strong>" in page
    filtered = client.get(board(made), {"category": "technology"}).content.decode()
    assert "New system" in filtered and "Late letters" not in filtered
    filtered = client.get(board(made), {"status": "proposed"}).content.decode()
    assert "Late letters" in filtered and "New system" not in filtered
    # An unknown filter value is ignored, not an error.
    assert "New system" in client.get(board(made), {"status": "nonsense"}).content.decode()


def test_the_organisations_board_lists_every_journeys_actions(client, erin, edinburgh, made):
    other = journey_with_maps(organisation=edinburgh, user=erin)
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="First")
    action_on(organisation=edinburgh, user=erin, journey=other["journey"], title="Second")
    client.force_login(erin)
    page = client.get(reverse("actions:board", args=["edinburgh"])).content.decode()
    assert "First" in page and "Second" in page and "2 actions" in page
    assert 'href="/o/edinburgh/actions/"' in page  # the navigation's link


def test_the_matrix_places_actions_by_impact_and_effort(client, erin, edinburgh, made):
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Quick win",
              impact=3, effort=1)
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], title="Unrated one")
    client.force_login(erin)
    for url in (reverse("actions:journey_matrix", args=["edinburgh", made["journey"].pk]),
                reverse("actions:matrix", args=["edinburgh"])):
        page = client.get(url).content.decode()
        rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)
        high = next(row for row in rows if "Impact: High" in row)
        cells = re.findall(r"<td class=\"govuk-table__cell\">(.*?)</td>", high, re.S)
        assert "Quick win" in cells[0] and "Unrated" not in high
        not_rated = next(row for row in rows if "Impact: Not rated" in row)
        assert "Unrated one" in re.findall(r"<td class=\"govuk-table__cell\">(.*?)</td>",
                                           not_rated, re.S)[-1]


def test_mark_done_from_the_board(client, erin, edinburgh, made):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    client.force_login(erin)
    response = client.post(reverse("actions:status", args=["edinburgh", made["journey"].pk,
                                                           action.pk]), {"status": "done"})
    assert response.url == board(made)
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("done", timezone.localdate())
    assert "Mark done" not in client.get(board(made)).content.decode()


def test_drafting_a_to_be_map_opens_it_with_the_removed_step_gone(client, erin, edinburgh, made):
    steps = list(made["as_is"].steps.order_by("position"))
    action_on(organisation=edinburgh, user=erin, journey=made["journey"], steps=[steps[1]],
              effect="remove", status="accepted")
    client.force_login(erin)
    response = client.post(reverse("actions:to_be", args=["edinburgh", made["journey"].pk]), {
        "source": made["as_is"].pk, "kind": "to_be_interim", "title": "Joining – interim"})
    drafted = JourneyMap.objects.get(title="Joining – interim")
    assert response.url == reverse("journeys:map", args=["edinburgh", made["journey"].pk,
                                                         drafted.pk])
    assert [step.name for step in drafted.steps.order_by("position")] == ["Step 1", "Step 3"]
    assert drafted.kind == "to_be_interim" and drafted.based_on == made["as_is"]


def test_an_action_is_changed_and_deleted(client, erin, edinburgh, made):
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"])
    client.force_login(erin)
    edit = reverse("actions:edit", args=["edinburgh", made["journey"].pk, action.pk])
    assert "Check claim forms at reception" in client.get(edit).content.decode()
    client.post(edit, {"title": "Renamed", "category": "policy", "status": "in_progress",
                       "effect": "none", "owner": "Head of Benefits"})
    action.refresh_from_db()
    assert (action.title, action.status, action.owner) == ("Renamed", "in_progress",
                                                           "Head of Benefits")
    client.post(reverse("actions:delete", args=["edinburgh", made["journey"].pk, action.pk]))
    assert ImprovementAction.objects.count() == 0


def test_marking_done_an_action_whose_merge_lost_a_step_says_why(client, erin, edinburgh, made):
    from journeymap.web.audit.context import NO_CLIENT
    from journeymap.web.journeys import services as journey_services

    steps = list(made["as_is"].steps.order_by("position"))
    action = action_on(organisation=edinburgh, user=erin, journey=made["journey"],
                       steps=steps[:2], effect="merge", status="accepted")
    journey_services.step_delete(actor=made["actor"], context=NO_CLIENT, step=steps[1])
    client.force_login(erin)
    response = client.post(reverse("actions:status", args=["edinburgh", made["journey"].pk,
                                                           action.pk]), {"status": "done"},
                           follow=True)
    assert "Choose two or more steps to merge" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "accepted"
