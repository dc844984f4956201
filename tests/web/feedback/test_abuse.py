"""Each abuse defence of the public form, on its own: rate limits per client and per link (429,
politely), the honeypot, the signed form token (tampered, moved to another link, expired,
replayed, sent too fast), and size limits."""

import itertools
import os
import subprocess
import sys
import time

import pytest
from django.core import signing
from django.core.cache import caches

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services, throttle
from journeymap.web.feedback.form_state import SALT, TOKEN_LIMIT
from journeymap.web.feedback.models import FeedbackResponse
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


class TakingTurns:
    """Stands for `django.core.cache.caches` in two server processes taking turns: each
    lookup answers the next of two separate cache clients."""

    def __init__(self, clients):
        self.turns = itertools.cycle(clients)

    def __getitem__(self, alias):
        return next(self.turns)


def test_two_server_processes_count_one_clients_requests_together(settings, monkeypatch):
    settings.FEEDBACK_CLIENT_LIMIT = (3, 600)
    clients = [caches.create_connection(settings.RATE_LIMIT_CACHE) for _ in range(2)]
    monkeypatch.setattr(throttle, "caches", TakingTurns(clients))
    answers = [throttle.client_over_limit("192.0.2.7") for _ in range(4)]
    assert answers == [False, False, False, True]
    assert clients[0] is not clients[1]


@pytest.mark.slow
def test_migrate_alone_makes_the_rate_limit_cache_table(tmp_path):
    """The test database gets every cache table from Django's test runner; an installation
    only from `migrate`, which this runs in a process of its own on a new data folder."""
    env = {**os.environ, "JOURNEYMAP_DATA_DIR": str(tmp_path),
           "JOURNEYMAP_SECRET_KEY": "test-only", "DJANGO_SETTINGS_MODULE":
           "journeymap.web.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v", "0"], env=env, check=True)
    tables = subprocess.run([sys.executable, "-c", (
        "import django; django.setup(); from django.db import connection; "
        "print(connection.introspection.table_names())")], env=env, check=True,
        capture_output=True, text=True).stdout
    assert "'journeymap_rate_limits'" in tables
