"""`journeymap manage datasets_expire`: the retention sweep, for cron or a systemd timer."""

from argparse import BooleanOptionalAction

from django.core.management.base import BaseCommand

from journeymap.web.datasets.tasks import (
    expire_datasets,
    expire_datasets_now,
    fail_stale_imports_now,
)


class Command(BaseCommand):
    help = ("Delete the files of contact datasets past their retention date, and mark failed "
            "the imports whose worker stopped (both audited).")

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action=BooleanOptionalAction, default=False,
                            help="Queue the sweep for the background worker instead.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            expire_datasets.enqueue()
            self.stdout.write("Queued the retention sweep.")
            return
        stale = fail_stale_imports_now()
        if stale:
            self.stdout.write(f"Marked {stale} stopped import{'s' if stale != 1 else ''} "
                              "failed.")
        count = expire_datasets_now()
        self.stdout.write(f"Deleted the files of {count} dataset{'s' if count != 1 else ''}.")
