"""`manage schedule_retention`: make sure the task worker has the daily retention sweep queued."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from journeymap.web.evidence.tasks import retention_schedule_ensure


class Command(BaseCommand):
    help = ("Queue the daily sweep of research kept past its retention date for the task "
            "worker, unless one is already queued. Safe to run at any time.")

    def handle(self, *args, **options):
        run_after = retention_schedule_ensure(now=timezone.now())
        self.stdout.write(f"Next retention sweep: {timezone.localtime(run_after):%Y-%m-%d %H:%M}")
