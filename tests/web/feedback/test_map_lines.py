"""Citizens' feeling per segment drawn on the map page's picture, with its key and a table
alternative, suppressed step by step below the threshold; nothing is drawn unless asked."""

import base64
import re

import pytest
from django.urls import reverse

from tests.web.feedback.test_statistics import respond

pytestmark = pytest.mark.django_db


def map_url(journey_map, **query) -> str:
    url = reverse("journeys:map", kwargs={
        "organisation_slug": journey_map.organisation.slug, "journey_id": journey_map.journey_id,
        "map_id": journey_map.pk})
    return url + "".join(f"?{key}={value}" for key, value in query.items())


def picture_of(text: str) -> str:
    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)" alt="[^"]*" '
                       r'class="jm-map-picture"', text).group(1)
    return base64.b64decode(source).decode()


@pytest.fixture
def answered(made):
    """Step 1: five first-timers rate it 4, 4, 4, 5, 5 (mean 4.4) and two returners rate it 1;
    step 2: the two returners rate it 2 and 3 and nobody else does."""
    link = made["feedback_link"]
    link.segment_questions = ["first_time"]
    link.save()
    steps = list(made["as_is"].steps.order_by("position"))
    for rating in (4, 4, 4, 5, 5):
        respond(link, steps, ratings={0: rating}, segments={"first_time": "yes"})
    for second in (2, 3):
        respond(link, steps, ratings={0: 1, 1: second}, segments={"first_time": "no"})
    return made


def test_the_map_draws_one_line_per_answer_with_a_key_and_a_table(client, charlie, answered):
    client.force_login(charlie)  # a viewer sees the lines too
    text = client.get(map_url(answered["as_is"], by="first_time")).content.decode()
    assert '<option value="first_time" selected>' in text
    table = text.split('id="citizen-lines-heading"')[1].split("</section>")[0]
    rows = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
            for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, re.S)]
    assert rows[1] == ["Yes", "4.4", "No ratings", "No ratings"]
    assert rows[2] == ["No", "Not shown: fewer than 5 ratings",
                       "Not shown: fewer than 5 ratings", "No ratings"]
    assert "Yes: solid line with circles" in table and "No: dashed line with squares" in table
    picture = picture_of(text)
    assert "one line per answer to “Was this the first time you used this service?”" in picture
    assert "No: not shown at steps 1, 2 (fewer than 5 ratings)" in picture


def test_no_lines_unless_asked_and_none_for_an_unknown_question(client, erin, answered):
    client.force_login(erin)
    for query in ({}, {"by": "shoe_size"}):
        text = client.get(map_url(answered["as_is"], **query)).content.decode()
        assert "citizen-lines-heading" not in text
        assert "one line per answer" not in picture_of(text)
        assert "Draw citizens’ feeling on the heartbeat lane" in text  # the choice is offered


def test_a_question_nobody_answered_says_so(client, erin, answered):
    client.force_login(erin)
    text = client.get(map_url(answered["as_is"], by="age_group")).content.decode()
    assert "No citizen has answered that question yet, so there are no lines to draw." in text
    assert "one line per answer" not in picture_of(text)


def test_an_edit_in_place_redraws_the_picture_with_the_lines_the_page_chose(
        client, erin, answered):
    """htmx redraws the picture out of band for the page it came from: the lines chosen in that
    page's address stay drawn, and a page without a choice gets none."""
    client.force_login(erin)
    journey_map = answered["as_is"]
    step = journey_map.steps.order_by("position").first()
    edit = reverse("journeys:step_edit", kwargs={
        "organisation_slug": journey_map.organisation.slug,
        "journey_id": journey_map.journey_id, "map_id": journey_map.pk, "step_id": step.pk,
    }) + "?field=customer_does"

    def saved_picture(page_url: str, version: int) -> str:
        text = client.post(edit, {"version": str(version), "customer_does": "Reads the letter"},
                           headers={"HX-Request": "true",
                                    "HX-Current-URL": f"http://testserver{page_url}"})
        return picture_of(text.content.decode())

    chosen = saved_picture(map_url(journey_map, by="first_time"), version=1)
    assert "one line per answer to “Was this the first time you used this service?”" in chosen
    assert "one line per answer" not in saved_picture(map_url(journey_map), version=2)
