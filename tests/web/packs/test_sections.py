"""The section seam: the registered sections in order, the actions and indicators sections only
when their apps are installed, and those builders read the selectors the apps expose (stood in
for here, since the apps arrive separately) into rows the pack's templates show."""

import datetime
import sys
import types
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from journeymap.web.packs import sections
from tests.web.journeys.builders import journey_with_maps

pytestmark = pytest.mark.django_db


def test_without_the_actions_and_indicators_apps_the_pack_has_four_sections(monkeypatch):
    installed = {"journeymap.web.journeys", "journeymap.web.segments"}
    monkeypatch.setattr(sections, "apps",
                        SimpleNamespace(is_installed=lambda name: name in installed))
    assert [entry.key for entry in sections.installed_sections()] == [
        "segment", "research", "maps", "feedback"]
    assert [entry.key for entry in sections.SECTIONS][-2:] == ["actions", "indicators"]


def _on_board(title, *, due_on, overdue, owner="", steps=()):
    """What `actions_for_journey` gives: an `ActionOnBoard` of the action and its steps."""
    action = SimpleNamespace(title=title, owner=owner, due_on=due_on, indicator=None,
                             indicator_name="",
                             get_category_display=lambda: "Communications",
                             get_status_display=lambda: "Planned")
    return SimpleNamespace(action=action, overdue=overdue,
                           steps=tuple(SimpleNamespace(name=name) for name in steps))


CHART = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" role="img">'
         "<title>Calls a month</title></svg>")


@pytest.fixture
def improvement_apps(monkeypatch):
    """The actions and indicators apps as installed, their selectors answering for the journey
    they are given (and checking they were given the organisation too)."""
    seen = []

    def actions_for_journey(*, organisation, journey):
        seen.append(("actions", organisation.slug, journey.pk))
        return [_on_board("Send a welcome letter <b>now</b>", due_on=datetime.date(2020, 1, 1),
                          overdue=True, steps=("Step 1", "Step 2")),
                _on_board("Cut the second form", due_on=datetime.date(2020, 1, 1),
                          overdue=False, owner="Pensions team")]

    def indicators_for_journey(*, organisation, journey):
        seen.append(("indicators", organisation.slug, journey.pk))
        latest = SimpleNamespace(value=380.0, measured_on=datetime.date(2026, 4, 1))
        return [SimpleNamespace(
            indicator=SimpleNamespace(name="Calls a month", unit="calls"), baseline=420.0,
            baseline_on=datetime.date(2025, 4, 1), target=None, latest=latest,
            measurements=[latest], latest_source="Contact log, April 2026",
            chart_svg=lambda: CHART)]

    def evaluations_for_journey(*, organisation, journey):
        line = {"label": "Steps removed", "value": "1 <of 5>", "source": "maps compared"}
        return [SimpleNamespace(due_on=datetime.date(2027, 4, 1), performed_at=None,
                                performed_by_label="", findings=None),
                SimpleNamespace(due_on=datetime.date(2026, 4, 1),
                                performed_at=timezone.make_aware(datetime.datetime(2026, 5, 2)),
                                performed_by_label="erin",
                                findings={"lines": [line], "savings": {"total_text": "£120.00"},
                                          "assumptions": ["Telephone at £4.00 a contact"]})]

    for app, functions in (("actions", [actions_for_journey]),
                           ("indicators", [indicators_for_journey, evaluations_for_journey])):
        package = types.ModuleType(f"journeymap.web.{app}")
        module = types.ModuleType(f"journeymap.web.{app}.selectors")
        for function in functions:
            setattr(module, function.__name__, function)
        monkeypatch.setitem(sys.modules, package.__name__, package)
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(sections, "apps", SimpleNamespace(is_installed=lambda name: True))
    return seen


def test_installed_actions_and_indicators_join_the_pack_after_the_ratings(
        client, erin, edinburgh, improvement_apps):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    built = sections.pack_sections(organisation=edinburgh, journey=made["journey"])
    assert [section.key for section in built] == [
        "segment", "research", "maps", "feedback", "actions", "indicators"]
    assert ("actions", "edinburgh", made["journey"].pk) in improvement_apps
    late, done = built[4].context["actions"]
    assert (late.overdue, done.overdue, late.steps) == (True, False, ("Step 1", "Step 2"))

    client.force_login(erin)
    page = client.get(reverse("packs:page", kwargs={
        "organisation_slug": "edinburgh", "journey_id": made["journey"].pk})).content.decode()
    assert "Send a welcome letter &lt;b&gt;now&lt;/b&gt;" in page
    assert page.count("Overdue</strong>") == 1
    indicators = page.split('id="indicators"')[1]
    assert "420, 1 April 2025" in indicators and "380, 1 April 2026" in indicators
    assert "none set" in indicators  # no target: not 0
    assert "Contact log, April 2026" in indicators
    assert "Due 1 April 2027, not yet performed" in indicators
    assert "Performed 2 May 2026 by" in indicators and "1 &lt;of 5&gt;" in indicators
    assert "£120.00" in indicators and "Telephone at £4.00 a contact" in indicators
    assert "<svg" not in page  # the chart is an image on the page (strict CSP)
