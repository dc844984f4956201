"""Retention of research evidence, scheduled on the task worker (`journeymap manage db_worker`).

The sweep reschedules itself: each run, when done, queues the next for the following day at
`SWEEP_HOUR` (the database backend holds it until then, so a restarted worker or server loses
nothing). `retention_schedule_ensure` starts the chain, and is safe to call at any time: it
queues a sweep only when none is waiting. `journeymap demo` and `journeymap serve` call it on
start; a deployment that runs the worker without them calls `journeymap manage
schedule_retention` once (or daily from cron, as a safety net: it never queues a second sweep).
Each organisation is swept by its own `SystemActor("retention")`, which reaches that
organisation only, so every deletion is in that organisation's audit log as the system's.
"""

import datetime

from django.db.models import Max
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from journeymap.web.accounts.actors import Permission, SystemActor
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.evidence.selectors import organisations_with_expired_research
from journeymap.web.evidence.services import retention_sweep

#: The local hour the daily sweep runs at: a quiet hour for the server.
SWEEP_HOUR = 3
DAY = datetime.timedelta(days=1)


def next_sweep_at(*, now: datetime.datetime,
                  last_started: datetime.datetime | None) -> datetime.datetime:
    """When the next sweep should run: at once if none started within the last day (a new
    installation, or the worker was down past a sweep), else at the first `SWEEP_HOUR`
    o'clock, local time, after the last one started."""
    if last_started is None or now - last_started >= DAY:
        return now
    started = timezone.localtime(last_started)
    due = started.replace(hour=SWEEP_HOUR, minute=0, second=0, microsecond=0)
    return due if due > started else due + DAY


def expired_research_sweep(*, today: datetime.date) -> dict[str, int]:
    """Every organisation's research kept past its date, deleted: how many activities each
    organisation lost, by its name (organisations that lost none are not listed)."""
    removed = {}
    for organisation in organisations_with_expired_research(today=today):
        actor = SystemActor(task="retention", permissions=frozenset({Permission.EDIT}),
                            organisation_id=organisation.pk)
        titles = retention_sweep(actor=actor, context=NO_CLIENT, today=today)
        if titles:
            removed[organisation.name] = len(titles)
    return removed


@task()
def sweep_expired_research() -> int:
    """The daily sweep: delete what passed its date, then queue tomorrow's sweep."""
    removed = expired_research_sweep(today=timezone.localdate())
    retention_schedule_ensure(now=timezone.now())
    return sum(removed.values())


def retention_schedule_ensure(*, now: datetime.datetime) -> datetime.datetime:
    """Queue the next sweep unless one is already waiting; when the waiting one runs."""
    sweeps = DBTaskResult.objects.filter(task_path=sweep_expired_research.module_path)
    waiting = sweeps.filter(status=TaskResultStatus.READY).order_by("run_after").first()
    if waiting is not None:
        return waiting.run_after
    last_started = sweeps.aggregate(last=Max("started_at"))["last"]
    run_after = next_sweep_at(now=now, last_started=last_started)
    sweep_expired_research.using(run_after=run_after).enqueue()
    return run_after
