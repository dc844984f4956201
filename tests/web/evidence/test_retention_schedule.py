"""The daily retention sweep on the task worker: when it runs, that it queues itself once, and
that a worker run deletes what passed its date as the system, then queues tomorrow's."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from journeymap.web.audit.models import AuditEvent
from journeymap.web.evidence.models import ResearchActivity
from journeymap.web.evidence.tasks import (
    next_sweep_at,
    retention_schedule_ensure,
    sweep_expired_research,
)
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import journey_with_maps

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(("last_started", "now", "expected"), [
    (None, at(10, 14), at(10, 14)),                    # never swept: at once
    (at(10, 3), at(10, 3, 1), at(11, 3)),              # swept at 03:00: tomorrow at 03:00
    (at(10, 15), at(10, 15, 5), at(11, 3)),            # first swept mid-afternoon
    (at(10, 2), at(10, 2, 5), at(10, 3)),              # before 03:00: later that night
    (at(8, 3), at(10, 9), at(10, 9)),                  # the worker was down: at once
    (at(28, 3), at(28, 4), at(29, 3)),                 # over the clocks going forward
])
def test_when_the_next_sweep_runs(settings, last_started, now, expected):
    settings.TIME_ZONE = "Europe/London"
    assert next_sweep_at(now=now, last_started=last_started) == expected


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}


def waiting_sweeps():
    return DBTaskResult.objects.filter(task_path=sweep_expired_research.module_path,
                                       status=TaskResultStatus.READY)


def test_the_schedule_queues_one_sweep_however_often_it_is_asked(db, database_tasks):
    now = at(10, 14)
    assert retention_schedule_ensure(now=now) == now
    assert retention_schedule_ensure(now=now + datetime.timedelta(hours=1)) == now
    assert waiting_sweeps().count() == 1


def test_the_worker_sweeps_as_the_system_and_queues_tomorrows_sweep(
        database_tasks, erin, edinburgh, bob, stoke):
    maps = {}
    for organisation, user in ((edinburgh, erin), (stoke, bob)):
        maps[organisation.slug] = journey_with_maps(organisation=organisation, user=user)["as_is"]
        interview_with_observations(organisation=organisation, user=user,
                                    journey_map=maps[organisation.slug],
                                    retain_until=datetime.date(2020, 1, 1))
    kept = interview_with_observations(organisation=edinburgh, user=erin,
                                       journey_map=maps["edinburgh"])["activity"]
    retention_schedule_ensure(now=datetime.datetime.now(tz=LONDON))
    # What the worker (`manage db_worker`) does with a due task, in this test's transaction:
    # the command itself closes the database connection between tasks.
    due = waiting_sweeps().get()
    due.claim("test-worker")
    due.set_successful(sweep_expired_research.call())
    assert list(ResearchActivity.objects.all()) == [kept]
    deleted = AuditEvent.objects.filter(action="delete", object_type="researchactivity")
    assert sorted(deleted.values_list("organisation_id", flat=True)) == sorted(
        [edinburgh.pk, stoke.pk])
    assert set(deleted.values_list("actor_label", flat=True)) == {"system (retention)"}
    done = DBTaskResult.objects.get(status=TaskResultStatus.SUCCESSFUL)
    assert done.return_value == 2
    tomorrow = waiting_sweeps().get().run_after.astimezone(LONDON)
    assert (tomorrow.hour, tomorrow.minute) == (3, 0)
    assert datetime.timedelta(0) < tomorrow - done.started_at <= datetime.timedelta(days=1)
