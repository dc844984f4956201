"""Editors open, print, close and reopen feedback links; every change is in the audit log; the
token is stored only as its hash; viewers cannot open links."""

import base64
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from journeymap.web.audit.models import AuditEvent
from journeymap.web.feedback.models import FeedbackLink
from journeymap.web.feedback.services import feedback_token_hash

pytestmark = pytest.mark.django_db


def links_url(journey_map) -> str:
    return reverse("feedback:links", kwargs={
        "organisation_slug": journey_map.organisation.slug, "journey_id": journey_map.journey_id,
        "map_id": journey_map.pk})


def test_an_editor_opens_a_link_and_gets_its_address_and_a_printable_qr_code(client, erin, made):
    client.force_login(erin)
    closes_on = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(links_url(made["as_is"]), {
        "label": "Reception desk", "closes_on": closes_on.strftime("%d/%m/%Y"),
        "response_cap": "200", "suppress_below": "10",
        "segment_questions": ["first_time", "disability"]})
    assert response.status_code == 200
    text = response.content.decode()
    url = re.search(r'id="new-feedback-link">([^<]+)<', text).group(1)
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = FeedbackLink.objects.get(label="Reception desk")
    assert link.token_hash == feedback_token_hash(token) and token not in link.token_hash
    assert (link.response_cap, link.suppress_below, link.segment_questions) == (
        200, 10, ["first_time", "disability"])
    assert timezone.localtime(link.closes_at).date() == closes_on
    qr = re.search(r'<img class="jm-qr-code" src="data:image/svg\+xml;base64,([^"]+)"', text)
    svg = base64.b64decode(qr.group(1)).decode()
    assert svg.startswith("<svg") and "path" in svg
    assert 'alt="QR code that opens the survey' in text
    event = AuditEvent.objects.filter(object_type="feedback link").latest("pk")
    assert (event.action, event.actor_label, event.object_id) == ("create", "erin", str(link.pk))
    assert event.after["segment_questions"] == ["first_time", "disability"]
    # The token is not shown again: the list page has no address.
    assert token not in client.get(links_url(made["as_is"])).content.decode()


def test_the_qr_code_opens_the_form(client, erin, made):
    import segno

    client.force_login(erin)
    text = client.post(links_url(made["as_is"]), {"label": "Letter"}).content.decode()
    url = re.search(r'id="new-feedback-link">([^<]+)<', text).group(1)
    assert segno.make(url, error="m").svg_inline(scale=8, border=4) == base64.b64decode(
        re.search(r'base64,([^"]+)"', text).group(1)).decode()
    client.logout()
    assert client.get(url.split("testserver", 1)[1]).status_code == 200


def test_a_past_end_date_is_refused_on_the_form(client, erin, made):
    client.force_login(erin)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(links_url(made["as_is"]), {
        "closes_on": yesterday.strftime("%d/%m/%Y"), "response_cap": "0"})
    text = response.content.decode()
    assert "There is a problem" in text
    assert "The date must be today or later." in text
    assert "Ensure this value is greater than or equal to 1." in text
    assert FeedbackLink.objects.count() == 1  # the builder's own


def test_close_and_reopen_are_audited_and_the_list_shows_the_state(client, erin, made):
    client.force_login(erin)
    link = made["feedback_link"]
    kwargs = {"organisation_slug": "edinburgh", "journey_id": made["journey"].pk,
              "map_id": made["as_is"].pk, "link_id": link.pk}
    response = client.post(reverse("feedback:link_close", kwargs=kwargs), follow=True)
    assert "The link is closed" in response.content.decode()
    assert "Reopen<span" in response.content.decode()
    link.refresh_from_db()
    assert link.closed_at is not None
    client.post(reverse("feedback:link_reopen", kwargs=kwargs))
    link.refresh_from_db()
    assert link.closed_at is None
    changes = AuditEvent.objects.filter(object_type="feedback link", action="change").order_by(
        "pk")
    assert [(event.before["closed_at"] is None, event.after["closed_at"] is None)
            for event in changes] == [(True, False), (False, True)]
    assert client.get(reverse("feedback:link_close", kwargs=kwargs)).status_code == 405


def test_a_viewer_cannot_open_or_close_links(client, charlie, made):
    client.force_login(charlie)
    assert client.get(links_url(made["as_is"])).status_code == 403
    assert client.post(links_url(made["as_is"]), {"label": "x"}).status_code == 403
    assert FeedbackLink.objects.count() == 1
