"""The thank-you page made once per language (thanks_page.py) is the page the template gives a
citizen who is not signed in, in their language, with their own reference, escaped; a signed-in
visitor, who has a navigation of their own, still gets the page rendered for them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from journeymap.web.feedback import thanks_page
from tests.web.feedback.walk import reference_of, submit

pytestmark = pytest.mark.django_db


def rendered_for(user, reference: str, language: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return render_to_string(thanks_page.TEMPLATE, {"reference": reference}, request=request)


def test_a_citizen_gets_the_page_the_template_gives_an_anonymous_visitor(client, made):
    response = submit(client, made["feedback_token"])

    reference = reference_of(response)
    assert response.content.decode() == rendered_for(AnonymousUser(), reference, "en-gb")
    assert response["Content-Language"] == "en-gb"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_each_language_has_its_own_page_and_each_answer_its_own_reference():
    english = thanks_page.page(language="en-gb", reference="first")
    welsh = thanks_page.page(language="cy", reference="second")

    assert english == rendered_for(AnonymousUser(), "first", "en-gb")
    assert welsh == rendered_for(AnonymousUser(), "second", "cy")
    assert english != welsh.replace("second", "first")


def test_the_reference_is_escaped():
    page = thanks_page.page(language="en-gb", reference='<script>alert("x")</script>')

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_signed_in_visitor_gets_the_page_rendered_for_them(client, made, erin):
    client.force_login(erin)

    response = submit(client, made["feedback_token"])

    reference = reference_of(response)
    assert response.content.decode() == rendered_for(erin, reference, "en-gb")
    assert response.content.decode() != thanks_page.page(language="en-gb", reference=reference)
