"""The citizen's form, with no account and no JavaScript: one step a page, back and forward,
an error summary, a polite page for a shut link, and the whole response stored at the end."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services
from journeymap.web.feedback.models import FeedbackResponse, StepAnswer
from tests.web.feedback.walk import (
    final_page_state,
    form_url,
    post_page,
    reference_of,
    state_of,
    submit,
)

pytestmark = pytest.mark.django_db


def test_the_start_page_says_how_answers_are_used_and_asks_for_nothing_personal(client, made):
    response = client.get(form_url(made["feedback_token"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "How we use and keep your answers" in text
    assert "We do not ask for your name or contact details" in text
    assert "There are 3 steps to tell us about" in text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_citizen_answers_each_step_on_its_own_page_and_the_response_is_stored(client, made):
    response = client.get(form_url(made["feedback_token"]))
    response = post_page(client, made["feedback_token"], state_of(response))
    text = response.content.decode()
    assert "Step 1 of 3" in text and "<h1 class=\"govuk-heading-l\">Step 1</h1>" in text
    for label in ("Very unhappy", "Unhappy", "Neither happy nor unhappy", "Happy", "Very happy"):
        assert f"</svg>\n {label}</label>" in text
    answers = [{"rating": "2", "what_happened": "Waited on hold", "how_they_felt": "Cross",
                "channel": "telephone", "something_else": "I rang twice"},
               {"rating": "4", "what_happened": "The form was clear"},
               {}]
    for answer in answers:
        response = post_page(client, made["feedback_token"], state_of(response), answer)
    assert "Your whole journey" in response.content.decode()
    response = post_page(client, made["feedback_token"], state_of(response),
                         {"overall_rating": "3", "anything_else": "Thanks"})
    assert response.status_code == 200
    assert "Your answers have been sent" in response.content.decode()
    stored = FeedbackResponse.objects.get()
    assert str(stored.submission_id) == reference_of(response)
    assert (stored.overall_rating, stored.anything_else, stored.link) == (
        3, "Thanks", made["feedback_link"])
    rows = {row.step.name: row for row in StepAnswer.objects.select_related("step")}
    assert (rows["Step 1"].rating, rows["Step 1"].channel, rows["Step 1"].something_else) == (
        2, "telephone", "I rang twice")
    assert rows["Step 1"].sentiment is not None
    assert (rows["Step 3"].rating, rows["Step 3"].what_happened, rows["Step 3"].sentiment) == (
        None, "", None)


def test_back_shows_the_previous_step_with_its_answers_kept(client, made):
    token = made["feedback_token"]
    response = post_page(client, token, state_of(client.get(form_url(token))))
    response = post_page(client, token, state_of(response),
                         {"rating": "5", "what_happened": "Quick and easy"})
    assert "Step 2 of 3" in response.content.decode()
    response = post_page(client, token, state_of(response), {"back": "1"})
    text = response.content.decode()
    assert "Step 1 of 3" in text
    assert "Quick and easy</textarea>" in text
    assert 'value="5" class="govuk-radios__input" id="id_rating_4" checked' in text


def test_too_long_an_answer_is_named_in_an_error_summary_and_nothing_moves_on(client, made):
    token = made["feedback_token"]
    response = post_page(client, token, state_of(client.get(form_url(token))))
    response = post_page(client, token, state_of(response), {"what_happened": "x" * 1001})
    text = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in text
    assert 'href="#id_what_happened"' in text
    assert "Keep this to 1000 characters or fewer (it has 1001)." in text
    assert "Step 1 of 3" in text
    assert text.count('aria-invalid="true"') == 1
    # The hint and the error are read out with the field; no maxlength cuts pasted text.
    assert 'aria-describedby="id_what_happened-hint id_what_happened-error"' in text
    assert 'id="id_what_happened-error"' in text and "maxlength" not in text.split("<form")[1]


def test_a_rating_that_is_not_a_face_is_refused_with_a_link_to_the_first_face(client, made):
    token = made["feedback_token"]
    response = post_page(client, token, state_of(client.get(form_url(token))))
    response = post_page(client, token, state_of(response), {"rating": "9"})
    assert response.status_code == 400
    assert 'href="#id_rating_0"' in response.content.decode()


def test_segment_questions_chosen_by_the_editor_are_asked_and_stored(client, made, erin):
    link, token = services.feedback_link_create(
        actor=made["actor"], context=NO_CLIENT, journey_map=made["as_is"],
        segment_questions=["first_time", "age_group"])
    state = final_page_state(client, token)
    response = post_page(client, token, state, {})
    assert response.status_code == 200  # nothing on the last page is required
    state = final_page_state(client, token)
    text = client.get(form_url(token)).content.decode()
    assert "What is your age group?" not in text  # asked on the last page only
    response = post_page(client, token, state, {"segment_first_time": "yes",
                                                "segment_age_group": "prefer_not"})
    assert FeedbackResponse.objects.filter(link=link).latest("pk").segment_answers == {
        "first_time": "yes", "age_group": "prefer_not"}


def test_user_text_from_the_map_is_escaped_on_the_form(client, made):
    step = made["as_is"].steps.order_by("position").first()
    step.name = "<script>alert(1)</script>"
    step.save()
    token = made["feedback_token"]
    response = post_page(client, token, state_of(client.get(form_url(token))))
    text = response.content.decode()
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text


@pytest.mark.parametrize("how", ["closed", "ended", "full"])
def test_a_shut_link_says_so_politely_and_stores_nothing(client, made, how):
    link, token = made["feedback_link"], made["feedback_token"]
    state = final_page_state(client, token)
    if how == "closed":
        services.feedback_link_close(actor=made["actor"], context=NO_CLIENT, link=link)
        expected = "The people who run it have closed it."
    elif how == "ended":
        link.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        link.save()
        expected = "It stopped taking answers on"
    else:
        link.response_cap = 1
        link.save()
        submit(client, token)
        expected = "It has had all the answers it needs."
    before = FeedbackResponse.objects.count()
    for response in (client.get(form_url(token)), post_page(client, token, state)):
        assert response.status_code == 410
        assert "This survey is not taking answers" in response.content.decode()
        assert expected in response.content.decode()
    assert FeedbackResponse.objects.count() == before


def test_an_unknown_link_is_a_404_that_explains(client, made):
    response = client.get(form_url("not-a-real-token"))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_a_reopened_link_takes_answers_again(client, made):
    services.feedback_link_close(actor=made["actor"], context=NO_CLIENT,
                                 link=made["feedback_link"])
    services.feedback_link_reopen(actor=made["actor"], context=NO_CLIENT,
                                  link=made["feedback_link"])
    assert submit(client, made["feedback_token"]).status_code == 200
    assert FeedbackResponse.objects.count() == 1


def test_a_step_removed_while_a_citizen_answers_asks_them_to_start_again(client, made):
    step = made["as_is"].steps.order_by("position").first()
    state = final_page_state(client, made["feedback_token"], [{"rating": "3"}])
    step.delete()
    response = post_page(client, made["feedback_token"], state)
    assert response.status_code == 400
    assert "was changed while you were answering" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_the_last_page_stores_a_response_in_nine_statements(client, made):
    """A guard on what one response costs the database (issue 13 asks for 400 a second): the
    link, the client's and the link's rate counts, then one transaction (here a savepoint in
    the test's own) with the check of the steps, the response, its answers and the tallies (one
    statement on PostgreSQL, the steps' and the map's on SQLite). No statement reads back what
    the transaction is about to write."""
    token = made["feedback_token"]
    rated = [{"rating": "4", "what_happened": "Fine"}] * 3
    submit(client, token, rated)  # the first count of a rate window also clears ended ones
    state = final_page_state(client, token, rated)
    with CaptureQueriesContext(connection) as captured:
        response = post_page(client, token, state, {"overall_rating": "5"})
    assert reference_of(response)
    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    tallies = ["WITH"] if connection.vendor == "postgresql" else ["INSERT", "INSERT"]
    assert statements == ["SELECT", "INSERT", "INSERT", "SAVEPOINT", "SELECT", "INSERT", "INSERT",
                          *tallies, "RELEASE"], statements
    assert FeedbackResponse.objects.count() == 2


def test_the_first_page_reads_in_four_statements(client, made):
    """The same guard on the page every citizen opens first: the link (with its map, journey and
    organisation in one join), the client's rate count, the map's steps and the languages its
    translations offer."""
    token = made["feedback_token"]
    client.get(form_url(token))  # the first count of a rate window also clears ended ones
    with CaptureQueriesContext(connection) as captured:
        response = client.get(form_url(token))
    assert response.status_code == 200
    assert made["journey"].title in response.content.decode()
    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    assert statements == ["SELECT", "INSERT", "SELECT", "SELECT"], statements
