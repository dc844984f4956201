"""The segment questions an editor may add to a feedback link, and the form's fixed choices.

A fixed menu rather than free questions: each one is worded plainly, optional, has "Prefer not
to say", and asks nothing that identifies a person, so no link can be made to collect personal
data by accident. Different groups feel the same journey differently; these let an analyst see it.
"""

from django.utils.translation import gettext_lazy as _

from journeymap.core.maps import schema

PREFER_NOT_TO_SAY = "prefer_not"

SEGMENT_QUESTIONS: dict[str, dict] = {
    "first_time": {
        "question": _("Was this the first time you used this service?"),
        "options": {"yes": _("Yes"), "no": _("No")},
    },
    "age_group": {
        "question": _("What is your age group?"),
        "options": {"under_25": _("Under 25"), "25_44": _("25 to 44"), "45_64": _("45 to 64"),
                    "65_plus": _("65 or over")},
    },
    "disability": {
        "question": _("Do you have a disability or long-term health condition?"),
        "options": {"yes": _("Yes"), "no": _("No")},
    },
    "help_from_someone": {
        "question": _("Did someone help you, or act for you, on this journey?"),
        "options": {"yes": _("Yes"), "no": _("No")},
    },
}
SEGMENT_QUESTION_CHOICES = [(key, spec["question"]) for key, spec in SEGMENT_QUESTIONS.items()]


def segment_options(key: str) -> list[tuple[str, str]]:
    """A question's answers, with "Prefer not to say" last."""
    return [*SEGMENT_QUESTIONS[key]["options"].items(), (PREFER_NOT_TO_SAY, _("Prefer not to say"))]


# The labels are core's English words, looked up in the form's catalogue when shown (they are
# entered in locale/cy by hand, as makemessages cannot see them).
CHANNEL_CHOICES = [(channel.value, _(label)) for channel, label in schema.CHANNEL_LABELS.items()]
