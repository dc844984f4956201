"""`journeymap retention`: delete research records kept past their date, in every organisation.

The task worker runs the same sweep daily (see `journeymap.web.evidence.tasks`); this command
runs it at once, e.g. after shortening a retention date. Each organisation is swept by its own
`SystemActor("retention")`, which reaches that organisation only, and every deletion is in that
organisation's audit log as "system (retention)".
"""

from rich.console import Console

from journeymap.cli import environment
from journeymap.cli.maps_io import DataDir

console = Console(soft_wrap=True)


def retention(data_dir: DataDir = None) -> None:
    """Delete research activities (and their observations) past their retention date."""
    environment.setup_django(data_dir=data_dir)
    from django.utils import timezone

    from journeymap.web.evidence.tasks import expired_research_sweep

    today = timezone.localdate()
    removed = expired_research_sweep(today=today)
    for name, count in removed.items():
        console.print(f"{name}: deleted {count} research "
                      f"activit{'y' if count == 1 else 'ies'} past their date.",
                      highlight=False, markup=False)
    total = sum(removed.values())
    console.print(f"Retention on {today:%Y-%m-%d}: {total} research "
                  f"activit{'y' if total == 1 else 'ies'} deleted.", highlight=False)
