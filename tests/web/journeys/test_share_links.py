"""Share links: unguessable, stored only as a hash, revocable, expiring, audited; the public
page shows the map and nothing else of the organisation."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from journeymap.web.audit.models import AuditEvent
from journeymap.web.journeys import services
from journeymap.web.journeys.models import ShareLink
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def share_url(made):
    return reverse("journeys:share_links",
                   args=["edinburgh", made["journey"].pk, made["as_is"].pk])


def public(token):
    return reverse("journeys:shared_map", kwargs={"token": token})


def test_an_editor_makes_a_link_shown_once_and_stored_only_as_a_hash(client, erin, made):
    client.force_login(erin)
    expires = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    page = client.post(share_url(made), {"label": "Pension board", "expires_on": expires}
                       ).content.decode()
    marker = 'id="new-share-link">'
    link_url = page[page.index(marker) + len(marker):page.index("</code>")]
    token = link_url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes
    stored = ShareLink.objects.get(label="Pension board")
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.values())
    assert AuditEvent.objects.filter(object_type="sharelink", action="create").exists()
    assert token not in client.get(share_url(made)).content.decode()  # never shown again


def test_the_public_page_shows_the_map_and_nothing_of_the_organisation(client, made):
    response = client.get(public(made["token"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Joining – as is" in page and "1. Step 1" in page
    assert 'class="govuk-table jm-grid"' in page and 'img src="data:image/svg+xml' in page
    assert "/o/edinburgh/" not in page and "Members" not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_says_it_was_switched_off(client, erin, made):
    link = made["share_link"]
    client.force_login(erin)
    response = client.post(reverse("journeys:share_revoke", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, link.pk]))
    assert response.status_code == 302
    client.logout()
    response = client.get(public(made["token"]))
    page = response.content.decode()
    assert response.status_code == 410
    assert '<h1 class="govuk-heading-l">This link has been switched off</h1>' in page
    assert "Joining" not in page and 'class="govuk-footer"' in page
    assert AuditEvent.objects.filter(object_type="sharelink", action="change").exists()


def test_a_shared_to_be_map_shows_no_steps_of_other_maps(client, erin, made):
    _, token = services.share_create(
        membership=made["membership"], journey_map=made["to_be"], label="Residents",
        expires_at=made["share_link"].expires_at)
    page = client.get(public(token)).content.decode()
    assert "Joining – to be" in page
    assert "Replaces" not in page and 'id="removed-steps"' not in page


def test_an_expired_link_says_when_it_expired(client, made):
    expired = timezone.localtime().replace(year=2025, month=3, day=4, hour=9, minute=30)
    ShareLink.objects.filter(pk=made["share_link"].pk).update(expires_at=expired)
    response = client.get(public(made["token"]))
    page = response.content.decode()
    assert response.status_code == 410
    assert '<h1 class="govuk-heading-l">This link has expired</h1>' in page
    assert "stopped working on 4 March 2025 at 09:30" in page and "Joining" not in page


def test_an_unknown_token_answers_404(client, made):
    token = made["token"]
    other = token[:-1] + ("B" if token.endswith("A") else "A")  # always a different token
    response = client.get(public(other))
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">This link does not work</h1>' in response.content.decode()


def test_viewers_cannot_make_or_revoke_links(client, charlie, made):
    client.force_login(charlie)
    assert client.get(share_url(made)).status_code == 403
    assert client.post(reverse("journeys:share_revoke", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, made["share_link"].pk])
    ).status_code == 403
    assert client.get(public(made["token"])).status_code == 200


@pytest.mark.parametrize("days", [-1, 367])
def test_the_expiry_must_be_from_today_to_a_year_ahead(client, erin, made, days):
    client.force_login(erin)
    expires = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
    page = client.post(share_url(made), {"expires_on": expires}).content.decode()
    assert "govuk-error-summary" in page
    assert ShareLink.objects.count() == 1
