"""A citizen answering through a feedback link: the link is the actor (ADR 0007).

It has no account and names nobody: its `label` names the link, and `user_id` is None. It can
do one thing, submit a response, and reaches one map: the one the link was made for (with that
map's steps and the link itself).
"""

from dataclasses import dataclass

from journeymap.web.accounts.actors import Permission
from journeymap.web.feedback.models import FeedbackLink
from journeymap.web.journeys.models import JourneyMap, Step


@dataclass(frozen=True)
class FeedbackLinkActor:
    link: FeedbackLink
    user_id: None = None

    @property
    def organisation_id(self) -> int:
        return self.link.organisation_id

    @property
    def label(self) -> str:
        return f"feedback link {self.link.pk}"

    def can(self, permission: Permission) -> bool:
        return permission == Permission.SUBMIT_FEEDBACK

    def reaches(self, obj) -> bool:
        if obj.organisation_id != self.organisation_id:
            return False
        if isinstance(obj, JourneyMap):
            return obj.pk == self.link.journey_map_id
        if isinstance(obj, Step):
            return obj.journey_map_id == self.link.journey_map_id
        if isinstance(obj, FeedbackLink):
            return obj.pk == self.link.pk
        return False
