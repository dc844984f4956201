"""Evidence-pack data made through the real write paths, for the pack's tests."""

import uuid

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services as feedback_services
from journeymap.web.feedback.actors import FeedbackLinkActor


def ratings_from(link, steps, ratings_per_response: list[dict[int, int]]) -> None:
    """One citizen's response per dict of {step position: rating}, through the feedback form's
    service."""
    for ratings in ratings_per_response:
        answers = {"steps": {str(steps[position].pk): {"rating": rating}
                             for position, rating in ratings.items()}}
        feedback_services.feedback_submit(actor=FeedbackLinkActor(link), context=NO_CLIENT,
                                          link=link, submission_id=uuid.uuid4(), answers=answers)
