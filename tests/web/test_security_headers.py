"""Every response has a strict CSP and protective headers; templates stay CSP-clean."""

import re
from pathlib import Path

from django.urls import reverse

import journeymap.web as web


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_http_only(client, alice):
    response = client.post(reverse("accounts:login"),
                           {"username": "alice", "password": "correct horse battery staple"})
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_no_template_has_inline_script_style_or_event_handlers():
    """The CSP would block them in the browser; this finds them before a person does."""
    offenders = []
    for template in Path(web.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template}: inline <script>")
        if re.search(r"\sstyle=", text):
            offenders.append(f"{template}: style attribute")
        if re.search(r"\son[a-z]+=|\shx-on", text):
            offenders.append(f"{template}: inline event handler")
    assert offenders == []
