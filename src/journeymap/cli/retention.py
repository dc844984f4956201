"""`journeymap retention`: delete research records kept past their date, in every organisation.

Meant to run daily (cron or a systemd timer) until the tasks backend schedules it. Each
organisation is swept by its own `SystemActor("retention")`, which reaches that organisation
only, and every deletion is in that organisation's audit log as "system (retention)".
"""

from rich.console import Console

from journeymap.cli import environment
from journeymap.cli.maps_io import DataDir

console = Console(soft_wrap=True)


def retention(data_dir: DataDir = None) -> None:
    """Delete research activities (and their observations) past their retention date."""
    environment.setup_django(data_dir=data_dir)
    from django.utils import timezone

    from journeymap.web.accounts.actors import Permission, SystemActor
    from journeymap.web.audit.context import NO_CLIENT
    from journeymap.web.evidence.selectors import organisations_with_expired_research
    from journeymap.web.evidence.services import retention_sweep

    today = timezone.localdate()
    total = 0
    for organisation in organisations_with_expired_research(today=today):
        actor = SystemActor(task="retention", permissions=frozenset({Permission.EDIT}),
                            organisation_id=organisation.pk)
        removed = retention_sweep(actor=actor, context=NO_CLIENT, today=today)
        total += len(removed)
        if removed:
            console.print(f"{organisation.name}: deleted {len(removed)} research "
                          f"activit{'y' if len(removed) == 1 else 'ies'} past their date.",
                          highlight=False, markup=False)
    console.print(f"Retention on {today:%Y-%m-%d}: {total} research "
                  f"activit{'y' if total == 1 else 'ies'} deleted.", highlight=False)
