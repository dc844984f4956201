"""Generating an evidence pack: the one way a pack is made, checked and written to the audit log.

A pack gathers a journey's segment, research, maps, citizens' ratings and (when installed) its
actions and indicators into one document that leaves the product, so making one is recorded like
any other export of citizens' data: who, when, which journey, which format, which sections.
Any member may make one (it holds nothing a viewer cannot already read on the pages).
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from journeymap.web.accounts.actors import Actor, Permission, require
from journeymap.web.accounts.models import Organisation
from journeymap.web.audit.context import AuditContext
from journeymap.web.audit.models import AuditEvent
from journeymap.web.audit.record import record
from journeymap.web.journeys.models import Journey
from journeymap.web.packs.sections import PackSection, pack_sections


class PackFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"


@dataclass(frozen=True)
class EvidencePack:
    journey: Journey
    organisation: Organisation
    generated_at: datetime.datetime
    generated_by: str
    sections: list[PackSection]


def pack_generate(*, actor: Actor, context: AuditContext, journey: Journey,
                  pack_format: PackFormat) -> EvidencePack:
    """Build the journey's pack and record that it was made, in one transaction."""
    require(actor, Permission.VIEW, journey)
    pack_format = PackFormat(pack_format)
    with transaction.atomic():
        sections = pack_sections(organisation=journey.organisation, journey=journey)
        event = record(actor=actor, action=AuditEvent.Action.EXPORT, object_type="evidence pack",
                       object_id=journey.pk, object_label=journey.title, context=context,
                       organisation_id=journey.organisation_id,
                       after={"format": pack_format.value,
                              "sections": [section.key for section in sections]})
    return EvidencePack(journey=journey, organisation=journey.organisation,
                        generated_at=timezone.localtime(event.at), generated_by=actor.label,
                        sections=sections)
