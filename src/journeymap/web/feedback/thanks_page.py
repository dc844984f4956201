"""The thank-you page, made once per language for a citizen who is not signed in.

Every stored response is answered with it, so it is the page the form serves most, and
rendering its template took about a tenth of a response's CPU. For a visitor with neither a
session nor messages (every citizen: the form sets neither), the page differs only by its
reference, so it is rendered once per language and process, without the visitor, with a marker
where the reference goes; each answer puts the reference (escaped all the same) in its place.
A signed-in visitor (an editor trying the form) has it rendered for them, with their navigation
and messages. With DEBUG on it is rendered every time, so a changed template shows at once.
"""

import functools

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

TEMPLATE = "feedback/thanks.html"
_MARK = "journeymap-reference-goes-here"


def serves(request) -> bool:
    """Whether the page made once fits this request: no session, so nobody is signed in, and
    no messages waiting (kept in a cookie, or in a session when too long for one)."""
    return (settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES)


@functools.lru_cache(maxsize=32)
def _halves(language: str) -> tuple[str, str]:
    with translation.override(language):
        before, after = render_to_string(TEMPLATE, {"reference": _MARK}).split(_MARK)
    return before, after


def page(*, language: str, reference: str) -> str:
    """The page in `language` with `reference`, for a request that `serves` accepts."""
    if settings.DEBUG:
        _halves.cache_clear()
    before, after = _halves(language)
    return f"{before}{escape(reference)}{after}"
