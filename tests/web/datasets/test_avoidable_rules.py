"""An organisation's own avoidable-contact rules: an administrator's form, validated line by
line, audited, and used by every dataset's report and map figures."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.audit.models import AuditEvent
from journeymap.web.datasets import selectors, services
from journeymap.web.datasets.models import AvoidableRuleSet
from tests.web.datasets.builders import imported, linked
from tests.web.journeys.builders import actor_of

DEFAULT_SEQUENCE = ["no_progress_since_last_contact", "service_changed_since_last_contact",
                    "same_activity_as_earlier_contact"]


def rules_url(organisation):
    return reverse("datasets:avoidable_rules", args=[organisation.slug])


def posted(**overrides) -> dict:
    return {"reason_patterns": "progress_chasing: chas|still waiting",
            "activity_patterns": "progress_chasing: phone call",
            "sequence_rules": DEFAULT_SEQUENCE, "resolved_pattern": "checked|visit",
            **overrides}


def test_the_form_shows_the_default_rules_until_the_organisation_sets_its_own(
        client, alice, edinburgh):
    client.force_login(alice)
    page = client.get(rules_url(edinburgh)).content.decode()
    assert "uses journeymap's default rules" in page
    assert "progress_chasing: \\bchas(e|ing)|progress (enquiry|chase|call)" in page
    assert 'value="no_progress_since_last_contact" class="govuk-checkboxes__input"' in page


def test_saving_the_rules_is_audited_and_the_report_recounts_with_them(
        client, alice, erin, edinburgh):
    # 14 cases each phone once (a contact) and then are dealt with: by the defaults no
    # contact is avoidable; by an activity rule naming the phone call, all 14 are.
    dataset = imported(organisation=edinburgh, user=erin)
    assert selectors.dataset_result(dataset=dataset).avoidable.avoidable_contacts == 0
    client.force_login(alice)
    response = client.post(rules_url(edinburgh), posted())
    assert response.status_code == 302
    rule_set = AvoidableRuleSet.objects.get(organisation=edinburgh)
    assert rule_set.version == 1
    assert rule_set.rules["activity_patterns"] == {"progress_chasing": "phone call"}
    event = AuditEvent.objects.get(object_type="avoidable rules")
    assert (event.action, event.organisation_id, event.before) == ("change", edinburgh.pk,
                                                                   None)
    assert event.after["activity_patterns"] == {"progress_chasing": "phone call"}
    result = selectors.dataset_result(dataset=dataset)
    assert (result.avoidable.avoidable_contacts, result.avoidable.avoidable_share) == (14, 1.0)
    page = client.get(reverse("datasets:detail", args=[edinburgh.slug, dataset.pk]))
    page = page.content.decode()
    assert "your organisation's rules (version 1" in page
    assert "activity name matches /phone call/" in page
    client.post(rules_url(edinburgh), posted(activity_patterns=""))
    assert AvoidableRuleSet.objects.get(organisation=edinburgh).version == 2
    assert selectors.dataset_result(dataset=dataset).avoidable.avoidable_contacts == 0
    second = AuditEvent.objects.filter(object_type="avoidable rules").order_by("pk").last()
    assert second.before["activity_patterns"] == {"progress_chasing": "phone call"}


def test_the_map_figures_use_the_organisations_rules(client, alice, erin, edinburgh):
    link = linked(organisation=edinburgh, user=erin)
    services.avoidable_rules_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                                 rules={"activity_patterns": {"progress_chasing": "phone call"}})
    call = next(row for row in selectors.map_link_figures(link=link).steps if row.id == "call")
    assert (call.contacts, call.avoidable_contacts) == (14, 14)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("reason_patterns", "progress_chasing: chas\nchasing: chase",
     "Contact reasons, line 2: “chasing” is not an NI14 category"),
    ("activity_patterns", "clarification: (unclosed",
     "Activities, line 1: “(unclosed” is not a regular expression"),
    ("activity_patterns", "just a pattern", "Activities, line 1: “just a pattern” is not "
                                            "“category: pattern”"),
    ("reason_patterns", "other: avoidable\nother: again",
     "Contact reasons, line 2: “other” has a pattern already"),
    ("resolved_pattern", "[", "“[” is not a regular expression"),
    ("sequence_rules", ["no_such_rule"], "Select a valid choice"),
])
def test_a_bad_rule_is_refused_naming_its_line_and_value(client, alice, edinburgh, field,
                                                        value, message):
    client.force_login(alice)
    response = client.post(rules_url(edinburgh), posted(**{field: value}))
    assert response.status_code == 200
    text = re.sub(r"&#x27;", "'", response.content.decode())
    assert message in text
    assert not AvoidableRuleSet.objects.exists()
    assert not AuditEvent.objects.filter(object_type="avoidable rules").exists()


def test_the_service_refuses_an_unknown_category_in_the_engines_words(alice, edinburgh):
    with pytest.raises(ValidationError, match="unknown avoidable-contact categories"):
        services.avoidable_rules_set(actor=actor_of(alice, edinburgh), context=NO_CLIENT,
                                     rules={"activity_patterns": {"chasing": "chase"}})
    assert not AvoidableRuleSet.objects.exists()


def test_only_an_administrator_may_set_the_rules(client, erin, charlie, edinburgh):
    for user in (erin, charlie):
        client.force_login(user)
        assert client.get(rules_url(edinburgh)).status_code == 403
        assert client.post(rules_url(edinburgh), posted()).status_code == 403
        with pytest.raises(PermissionDenied):
            services.avoidable_rules_set(actor=actor_of(user, edinburgh), context=NO_CLIENT,
                                         rules={})
    assert not AvoidableRuleSet.objects.exists()


def test_one_organisations_rules_do_not_touch_anothers(alice, bob, erin, edinburgh, stoke):
    from journeymap.web.accounts.actors import MemberActor
    from journeymap.web.accounts.models import Membership

    dataset = imported(organisation=edinburgh, user=erin)
    stoke_admin = MemberActor.of(Membership.objects.select_related("user", "organisation")
                                 .get(user=bob, organisation=stoke))
    services.avoidable_rules_set(actor=stoke_admin, context=NO_CLIENT, rules={
        "activity_patterns": {"progress_chasing": "phone call"}})
    assert selectors.avoidable_rule_set_of(organisation_id=edinburgh.pk) is None
    assert selectors.dataset_result(dataset=dataset).avoidable.avoidable_contacts == 0
