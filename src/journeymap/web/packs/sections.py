"""The evidence pack's sections: an ordered registry of builders, one per part of the pack.

Each builder is `build(*, organisation, journey) -> PackSection | None`: it reads what it needs
through selectors scoped to the organisation, and returns the section's title, the template that
lays it out and that template's context (None leaves the section out). The pack's page and its
PDF lay out the same sections, so a new part of the product (actions, indicators) joins both by
adding one entry here. Builders are named by dotted path and imported only when their app is
installed: the actions and indicators apps arrive separately, and the pack must work without them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string

from journeymap.web.accounts.models import Organisation
from journeymap.web.journeys.models import Journey


@dataclass(frozen=True)
class PackSection:
    """One part of the pack. `key` names it (and its anchor); `template_name` is rendered with
    `context`, plus `printing` (True in the PDF)."""

    key: str
    title: str
    template_name: str
    context: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionEntry:
    """A builder by dotted path; `requires_app` is the app it reads, when that app is optional."""

    key: str
    builder: str
    requires_app: str | None = None


_JOURNEY = "journeymap.web.packs.journey_sections"
_IMPROVEMENT = "journeymap.web.packs.improvement_sections"

#: The pack's sections, in the order a Customer Service Excellence assessor reads them: who the
#: customers are, what was done to learn about them, the maps, what citizens said, what is being
#: done about it, and whether it worked.
SECTIONS: tuple[SectionEntry, ...] = (
    SectionEntry("segment", f"{_JOURNEY}.segment_section"),
    SectionEntry("research", f"{_JOURNEY}.research_section"),
    SectionEntry("maps", f"{_JOURNEY}.maps_section"),
    SectionEntry("feedback", f"{_JOURNEY}.feedback_section"),
    SectionEntry("actions", f"{_IMPROVEMENT}.actions_section",
                 requires_app="journeymap.web.actions"),
    SectionEntry("indicators", f"{_IMPROVEMENT}.indicators_section",
                 requires_app="journeymap.web.indicators"),
)


def installed_sections() -> list[SectionEntry]:
    """The registered sections whose app is installed."""
    return [entry for entry in SECTIONS
            if entry.requires_app is None or apps.is_installed(entry.requires_app)]


def pack_sections(*, organisation: Organisation, journey: Journey) -> list[PackSection]:
    """Every installed section built for the journey, in order, less those that gave None."""
    built = (import_string(entry.builder)(organisation=organisation, journey=journey)
             for entry in installed_sections())
    return [section for section in built if section is not None]
