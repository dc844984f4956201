"""Background work on contact datasets, run by the database worker (`journeymap manage
db_worker`, see README). Each task acts as the system for one organisation only, so a task
for one council cannot touch another's data; the services check that themselves."""

import datetime

from django.utils import timezone
from django_tasks import task

from journeymap.web.accounts.actors import Permission, SystemActor
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.datasets import selectors, services


def system_for(organisation_id: int, task_name: str) -> SystemActor:
    return SystemActor(task=task_name, organisation_id=organisation_id,
                       permissions=frozenset({Permission.EDIT}))


@task()
def import_dataset(dataset_id: int, organisation_id: int) -> str:
    """Import a queued dataset, acting for the organisation that queued it (the service
    refuses if the dataset is not that organisation's)."""
    dataset = selectors.dataset_for_system(dataset_id=dataset_id)
    if dataset is None:
        return "gone"
    done = services.dataset_import_run(
        actor=system_for(organisation_id, "import"), context=NO_CLIENT, dataset=dataset)
    return done.status


def expire_datasets_now(*, today: datetime.date | None = None) -> int:
    """Delete the files of every dataset past its retention date; how many were deleted."""
    today = today or timezone.localdate()
    expired = 0
    for dataset in selectors.datasets_past_retention(today=today):
        services.dataset_expire(actor=system_for(dataset.organisation_id, "retention"),
                                context=NO_CLIENT, dataset=dataset, today=today)
        expired += 1
    return expired


def fail_stale_imports_now(*, now: datetime.datetime | None = None) -> int:
    """Mark failed, with the reason, every import whose worker died; how many were."""
    now = now or timezone.now()
    failed = 0
    for dataset in selectors.datasets_stale_importing(now=now):
        services.dataset_fail_stale_import(actor=system_for(dataset.organisation_id, "stale"),
                                           context=NO_CLIENT, dataset=dataset, now=now)
        failed += 1
    return failed


@task()
def expire_datasets() -> int:
    fail_stale_imports_now()
    return expire_datasets_now()
