"""Error pages in the product's own layout, each saying what happened and what to do next.

Wired in `urls.py` (handler400, handler403, handler404, handler500) and as CSRF_FAILURE_VIEW.
They are used when DEBUG is off, which is how the tests run.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "journeymap/errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Our own refusals say which rule applies ("Only an organisation admin can do this."), and
    # that is worth showing; the page has a general sentence for refusals that say nothing.
    return render(request, "journeymap/errors/403.html", {"reason": str(exception or "")},
                  status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token: most often a page left open too long."""
    return render(request, "journeymap/errors/403_form_expired.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    # The exception's text is not shown: it can name a model ("No JourneyMap matches ..."),
    # and "missing" and "another organisation's" must read the same.
    return render(request, "journeymap/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered with no request context: no session, user or database is touched, since any
    of them may be what failed."""
    return HttpResponseServerError(loader.get_template("journeymap/errors/500.html").render())
