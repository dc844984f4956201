"""Walking the citizen's form with the test client, as a browser without JavaScript would."""

import html
import re

from django.urls import reverse

STATE = re.compile(r'name="state" value="([^"]+)"')


def form_url(token: str) -> str:
    return reverse("feedback:form", kwargs={"token": token})


def state_of(response) -> str:
    match = STATE.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return html.unescape(match.group(1))


def post_page(client, token: str, state: str, data: dict | None = None, **extra):
    return client.post(form_url(token), {"state": state, **(data or {})}, **extra)


def final_page_state(client, token: str, step_answers: list[dict] | None = None) -> str:
    """Start the form and answer each step page; the state of the last page, ready to send."""
    response = client.get(form_url(token))
    assert response.status_code == 200
    state = state_of(response)
    response = post_page(client, token, state)  # Start
    step_answers = list(step_answers or [])
    while "Send your answers" not in response.content.decode():
        answer = step_answers.pop(0) if step_answers else {}
        response = post_page(client, token, state_of(response), answer)
        assert response.status_code == 200, response.content.decode()[:2000]
    return state_of(response)


def submit(client, token: str, step_answers: list[dict] | None = None,
           final: dict | None = None):
    """Fill the whole form and send it; the response to the last page."""
    state = final_page_state(client, token, step_answers)
    return post_page(client, token, state, final or {})


def reference_of(response) -> str:
    return re.search(r'id="reference">([^<]+)<', response.content.decode()).group(1)
