"""The map page: the grid as a real table, the picture, and a constant number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.journeys import services
from tests.web.journeys.builders import actor_of, journey_with_maps


def map_url(made, which="as_is"):
    journey_map = made[which]
    return reverse("journeys:map", kwargs={
        "organisation_slug": journey_map.organisation.slug,
        "journey_id": journey_map.journey_id, "map_id": journey_map.pk})


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


def test_the_grid_is_a_table_with_row_and_column_headers_and_emotion_in_words(client, erin,
                                                                                made):
    client.force_login(erin)
    page = client.get(map_url(made)).content.decode()
    table = page[page.index('<table class="govuk-table jm-grid"'):page.index("</table>")]
    assert "<caption" in table
    assert "Table view of the map: 3 steps" in table
    # An editor's headings also hold an Edit link, after the heading's own text.
    column_headers = re.findall(r'<th scope="col"[^>]*>([^<]*?)\s*<', table)
    assert column_headers == ["Step", "1. Step 1", "2. Step 2", "3. Step 3"]
    row_headers = re.findall(r'<th scope="row"[^>]*>([^<]*?)\s*<', table)
    assert row_headers[:4] == ["What the customer does", "Thoughts and feelings", "Emotion",
                               "Touchpoints"]
    # Scores -1, 0 and +1 (builders: number % 5 - 2), each in words next to its face.
    assert "Unhappy" in table and "Neutral" in table and "Happy" in table
    assert table.count('class="jm-face ') == 3
    assert "Telephone: Call" in table


def test_the_picture_is_an_image_with_a_text_alternative(client, erin, made):
    client.force_login(erin)
    page = client.get(map_url(made)).content.decode()
    image = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)" '
                      r'class="jm-map-picture"', page)
    assert image is not None
    assert "Joining – as is" in image.group(1)


def test_viewers_read_the_map_without_edit_controls(client, charlie, made):
    client.force_login(charlie)
    page = client.get(map_url(made)).content.decode()
    assert "Step 2" in page
    assert "jm-move-form" not in page and "<area" not in page and "htmx.min.js" not in page


def test_editors_get_edit_links_move_buttons_and_htmx(client, erin, made):
    client.force_login(erin)
    page = client.get(map_url(made)).content.decode()
    assert page.count("</span> left</button>") == 2 and page.count("</span> right</button>") == 2
    assert "hx-get=" in page and "vendor/htmx/htmx.min.js" in page
    # One edit control per step and per lane; the picture's cells are the per-cell ones.
    assert page.count(">Edit<span") == 3 + page.count("jm-grid__row-edit")
    assert page.count("<area ") > 3 * 10
    assert "journeymap/canvas.js" in page


def _queries_for_map_of(client, user, edinburgh, steps: int) -> int:
    made = journey_with_maps(organisation=edinburgh, user=user, steps=steps)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(map_url(made, "to_be"))
    assert response.status_code == 200
    assert response.content.decode().count("jm-grid__step") == steps
    return len(queries)


def test_a_60_step_map_opens_in_the_same_number_of_queries_as_a_5_step_map(client, erin,
                                                                              edinburgh):
    # The to-be map: it also loads the as-is map it was started from (for "removed").
    few = _queries_for_map_of(client, erin, edinburgh, steps=5)
    many = _queries_for_map_of(client, erin, edinburgh, steps=60)
    assert few == many


def test_a_to_be_map_shows_as_is_steps_nothing_replaces_as_removed(client, erin, made):
    actor = actor_of(erin, made["journey"].organisation)
    to_be = made["to_be"]
    last = to_be.steps.order_by("position").last()
    services.step_delete(actor=actor, context=NO_CLIENT, step=last)
    client.force_login(erin)
    page = client.get(map_url(made, "to_be")).content.decode()
    removed = page[page.index('id="removed-steps"'):]
    assert "<del>Step 3</del>" in removed
    assert "<del>Step 1</del>" not in removed
