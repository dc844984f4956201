"""Each abuse defence of the public form, on its own: rate limits per client and per link (429,
politely), the honeypot, the signed form token (tampered, moved to another link, expired,
replayed, sent too fast), and size limits."""

import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from django.core import signing
from django.db import connection

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services, throttle
from journeymap.web.feedback.form_state import SALT, TOKEN_LIMIT
from journeymap.web.feedback.models import FeedbackResponse, RateCount
from tests.web.feedback.walk import final_page_state, form_url, post_page, state_of, submit

pytestmark = pytest.mark.django_db


def test_one_client_over_its_limit_is_asked_politely_to_wait(client, made, settings):
    settings.FEEDBACK_CLIENT_LIMIT = (3, 600)
    url = form_url(made["feedback_token"])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Another client (another address) is not held back by the first.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_link_over_its_limit_of_responses_stores_no_more(client, made, settings):
    settings.FEEDBACK_LINK_LIMIT = (2, 3600)
    token = made["feedback_token"]
    for number in range(2):
        assert submit(client, token, final={"overall_rating": "4"},
                      ).status_code == 200, number
    response = submit(client, token)
    assert response.status_code == 429
    assert FeedbackResponse.objects.count() == 2


def test_the_honeypot_filled_in_stores_nothing_and_tells_the_bot_nothing(client, made):
    response = submit(client, made["feedback_token"], final={"website": "http://spam.example"})
    assert response.status_code == 200
    assert "Your answers have been sent" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, made):
    state = final_page_state(client, made["feedback_token"])
    response = post_page(client, made["feedback_token"], state, {"overall_rating": "9"})
    hidden_part = response.content.decode().split('<div hidden aria-hidden="true">')[1]
    assert 'name="website"' in hidden_part.split("Send your answers")[0]
    assert 'tabindex="-1"' in hidden_part.split("Send your answers")[0]


def test_a_tampered_token_is_refused_and_nothing_stored(client, made):
    state = final_page_state(client, made["feedback_token"])
    response = post_page(client, made["feedback_token"], state[:-2] + "AA")
    assert response.status_code == 400
    assert "We could not read the answers" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_a_token_made_for_another_link_is_refused(client, made):
    _, other_token = services.feedback_link_create(actor=made["actor"], context=NO_CLIENT,
                                                   journey_map=made["as_is"])
    state = final_page_state(client, made["feedback_token"])
    response = post_page(client, other_token, state)
    assert response.status_code == 400
    assert FeedbackResponse.objects.count() == 0


def test_a_token_that_is_not_signed_by_this_server_is_refused(client, made):
    forged = signing.dumps({"link": made["feedback_link"].pk}, salt=SALT, key="not-our-key")
    assert post_page(client, made["feedback_token"], forged).status_code == 400
    assert post_page(client, made["feedback_token"], "x" * (TOKEN_LIMIT + 1)).status_code == 400


def test_an_expired_token_asks_the_citizen_to_start_again(client, made, settings):
    state = final_page_state(client, made["feedback_token"])
    settings.FEEDBACK_FORM_MAX_AGE = -1
    response = post_page(client, made["feedback_token"], state)
    assert response.status_code == 400
    assert "open for a long time" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0


def test_a_replayed_last_page_is_answered_the_same_and_stored_once(client, made):
    state = final_page_state(client, made["feedback_token"])
    first = post_page(client, made["feedback_token"], state, {"overall_rating": "2"})
    replays = [post_page(client, made["feedback_token"], state, {"overall_rating": "5"})
               for _ in range(3)]
    assert {response.status_code for response in [first, *replays]} == {200}
    assert {response.content for response in replays} == {first.content}
    assert list(FeedbackResponse.objects.values_list("overall_rating", flat=True)) == [2]


def test_a_form_sent_faster_than_a_person_could_is_held_back(client, made, settings):
    settings.FEEDBACK_MIN_SECONDS = 3600
    state = final_page_state(client, made["feedback_token"])
    response = post_page(client, made["feedback_token"], state, {"overall_rating": "5"})
    assert response.status_code == 400
    assert "Please take a moment to check your answers" in response.content.decode()
    assert FeedbackResponse.objects.count() == 0
    settings.FEEDBACK_MIN_SECONDS = 0.01
    time.sleep(0.02)  # wait past the (tiny) minimum, as a person would
    response = post_page(client, made["feedback_token"], state_of(response),
                         {"overall_rating": "5"})
    assert response.status_code == 200
    assert FeedbackResponse.objects.count() == 1


@pytest.mark.parametrize("field", ["anything_else", "website"])
def test_text_over_its_limit_is_refused(client, made, field):
    state = final_page_state(client, made["feedback_token"])
    response = post_page(client, made["feedback_token"], state, {field: "y" * 5000})
    assert response.status_code == 400
    assert FeedbackResponse.objects.count() == 0


def test_a_count_starts_again_when_its_window_moves_on(settings, monkeypatch):
    settings.FEEDBACK_CLIENT_LIMIT = (2, 600)
    now = 1_800_000_000.0
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: now))
    assert [throttle.client_over_limit("192.0.2.7") for _ in range(3)] == [False, False, True]
    now += 600
    assert throttle.client_over_limit("192.0.2.7") is False
    # One row a client, holding its current window: the past one's count is gone.
    assert list(RateCount.objects.values_list("count", flat=True)) == [1]


def test_counts_whose_windows_ended_are_cleared(settings, monkeypatch):
    settings.FEEDBACK_CLIENT_LIMIT = (5, 600)
    now = 1_800_000_000.0
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: now))
    throttle.client_over_limit("192.0.2.7")
    now += 1200
    throttle.client_over_limit("192.0.2.8")  # a new window opens: the ended one is cleared
    assert RateCount.objects.count() == 1
    assert not RateCount.objects.filter(key__contains="192.0.2").exists()  # addresses hashed


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_are_each_counted(settings):
    """Server processes counting at the same instant: every request is counted, none twice
    (each count is one upsert), so a limit lets through exactly its number."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: there is no race to lose")
    settings.FEEDBACK_CLIENT_LIMIT = (40, 600)

    def count_some(_):
        try:
            return [throttle.client_over_limit("192.0.2.7") for _ in range(20)]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = [answer for batch in pool.map(count_some, range(4)) for answer in batch]
    assert answers.count(False) == 40
    assert RateCount.objects.get().count == 80


@pytest.mark.django_db(transaction=True)
def test_a_rate_count_leaves_the_next_transaction_waiting_for_the_disk():
    """A count is committed without waiting for the disk, in its own statement's transaction
    only: a response written next on the same connection is durable before it is answered."""
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    assert throttle.client_over_limit("192.0.2.7") is False
    assert throttle.link_over_limit(1) is False
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    assert sorted(RateCount.objects.values_list("count", flat=True)) == [1, 1]


def test_a_rate_count_inside_a_transaction_leaves_its_commit_waiting_for_the_disk():
    """Counted inside a caller's transaction (here the test's), the count does not turn off the
    wait for the disk: that would hold for everything else the transaction writes."""
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's")
    assert throttle.client_over_limit("192.0.2.7") is False
    assert throttle.client_over_limit("192.0.2.7") is False
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
    assert RateCount.objects.get().count == 2

