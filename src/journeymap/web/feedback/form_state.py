"""Where a citizen is in the form, and what they have answered so far, carried by the form itself.

The public form is one step per page and keeps no server-side draft: each page posts back a signed
token (django.core.signing, with its timestamp) holding the submission id, the link, when the form
was started, the page, the language the citizen chose and the answers so far. Nothing is written
until the last page is sent, so an abandoned form leaves nothing behind, and a signed token cannot
be altered or moved to another link. The submission id is made here, once, when the form starts;
the database's unique constraint on it is what turns a replayed or retried final page into the same
response.
"""

import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing

SALT = "journeymap.feedback.form"
# A token far beyond any honest form (every step's text at its limit) is refused unread.
TOKEN_LIMIT = 200_000


class StateRefused(Exception):
    """The token is not one this server signed for this link, or it has expired."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


@dataclass
class FormState:
    link_id: int
    step_ids: list[int]
    submission_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started: float = field(default_factory=time.time)
    page: int = 0
    answers: dict = field(default_factory=lambda: {"steps": {}, "segments": {}})
    language: str = field(default_factory=lambda: settings.LANGUAGE_CODE)

    @property
    def last_page(self) -> int:
        """Page 0 is the start, 1..n the steps, n + 1 the overall rating and segment questions."""
        return len(self.step_ids) + 1

    def step_id(self) -> int | None:
        return self.step_ids[self.page - 1] if 1 <= self.page <= len(self.step_ids) else None

    def too_fast(self) -> bool:
        """Sent sooner after the start than a person could read and answer: a bot."""
        return time.time() - self.started < settings.FEEDBACK_MIN_SECONDS

    def dumps(self) -> str:
        return signing.dumps({"link": self.link_id, "steps": self.step_ids,
                              "sid": self.submission_id, "started": self.started,
                              "page": self.page, "answers": self.answers,
                              "lang": self.language},
                             salt=SALT, compress=True)

    @classmethod
    def loads(cls, token: str, *, link_id: int) -> "FormState":
        if len(token) > TOKEN_LIMIT:
            raise StateRefused("invalid")
        try:
            data = signing.loads(token, salt=SALT, max_age=settings.FEEDBACK_FORM_MAX_AGE)
        except signing.SignatureExpired:
            raise StateRefused("expired") from None
        except signing.BadSignature:
            raise StateRefused("invalid") from None
        if data["link"] != link_id:
            raise StateRefused("invalid")
        return cls(link_id=data["link"], step_ids=data["steps"], submission_id=data["sid"],
                   started=data["started"], page=data["page"], answers=data["answers"],
                   language=data.get("lang", settings.LANGUAGE_CODE))
