"""What an organisation's dashboard shows. Only facts that exist: no placeholder numbers."""

from dataclasses import dataclass

from journeymap.web.accounts.actors import MemberActor, Permission
from journeymap.web.accounts.selectors import memberships_of
from journeymap.web.audit.selectors import audit_events_for
from journeymap.web.journeys.selectors import journeys_of, maps_needing_attention


@dataclass(frozen=True)
class Dashboard:
    organisation_name: str
    role_label: str
    member_count: int
    recent_changes: list
    journey_count: int
    # Living maps: a map past its review-by date, or one nobody owns, has stopped being kept up.
    overdue_maps: list
    unowned_maps: list


def dashboard_for(*, actor: MemberActor) -> Dashboard:
    organisation = actor.organisation
    recent = []
    if actor.can(Permission.ADMINISTER):
        recent = list(audit_events_for(organisation_id=organisation.pk)[:5])
    attention = maps_needing_attention(organisation=organisation)
    return Dashboard(
        organisation_name=organisation.name,
        role_label=actor.role.label,
        member_count=memberships_of(organisation=organisation).count(),
        recent_changes=recent,
        journey_count=journeys_of(organisation=organisation).count(),
        overdue_maps=attention["overdue"],
        unowned_maps=attention["unowned"],
    )
