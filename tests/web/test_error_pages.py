"""Error pages: in the product's layout, saying what happened and what to do next."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from journeymap.web import errors


def assert_product_page(response, *, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert '<html lang="en-GB" class="govuk-template">' in page
    assert 'class="govuk-service-navigation"' in page and 'class="govuk-footer"' in page
    main = page.split('id="main-content"')[1].split("</main>")[0]
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in main
    return main


@pytest.mark.parametrize(("code", "view"), [
    (400, errors.bad_request), (403, errors.permission_denied),
    (404, errors.page_not_found), (500, errors.server_error)])
def test_the_error_handlers_are_wired(code, view):
    assert get_resolver().resolve_error_handler(code) is view


def test_an_unknown_address_gets_the_not_found_page_with_a_way_to_sign_in(client, db):
    main = assert_product_page(client.get("/no-such-page/"), status=404,
                               heading="Page not found")
    assert reverse("accounts:login") in main


def test_another_organisations_page_reads_as_not_found_without_internal_names(client, alice,
                                                                                stoke):
    client.force_login(alice)
    main = assert_product_page(client.get(reverse("dashboard:organisation", args=["stoke"])),
                               status=404, heading="Page not found")
    assert "No such organisation" not in main
    assert reverse("dashboard:home") in main


def test_a_refusal_gets_the_permission_page(client, charlie, edinburgh):
    client.force_login(charlie)
    main = assert_product_page(client.get(reverse("accounts:audit", args=["edinburgh"])),
                               status=403, heading="You do not have permission to do this")
    assert "ask an admin of your organisation" in main


def test_the_permission_page_gives_the_refusals_reason_escaped(rf_request):
    response = errors.permission_denied(rf_request, PermissionDenied("Only <b>admins</b>."))
    main = assert_product_page(response, status=403,
                               heading="You do not have permission to do this")
    assert "Only &lt;b&gt;admins&lt;/b&gt;." in main


def test_a_form_sent_without_its_security_token_says_the_form_expired(db):
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"),
                                                     {"username": "alice", "password": "x"})
    main = assert_product_page(response, status=403, heading="Sorry, the form has expired")
    assert "reload the page" in main


def test_a_bad_request_gets_its_page(rf_request):
    assert_product_page(errors.bad_request(rf_request, ValueError()), status=400,
                        heading="Sorry, the request could not be understood")


def test_the_500_page_renders_with_no_context_and_no_database():
    # No `db` fixture: any query here would fail the test.
    response = errors.server_error(RequestFactory().get("/"))
    main = assert_product_page(response, status=500,
                               heading="Sorry, there is a problem with the service")
    assert "Try again later" in main


@pytest.mark.urls("tests.web.raising_urls")
def test_a_fault_in_a_view_shows_the_500_page(db):
    client = Client(raise_request_exception=False)
    main = assert_product_page(client.get("/fails/"), status=500,
                               heading="Sorry, there is a problem with the service")
    assert "a fault in a view" not in main


@pytest.fixture
def rf_request(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    return request
