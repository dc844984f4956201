"""Contact datasets made through the real write path (upload, confirm, the worker)."""

import datetime
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.datasets import services
from tests.web.journeys.builders import actor_of

PLANTED = "PLANTED-CITIZEN-7731"
HEADER = "Case ID,Timestamp,Activity,Channel,Citizen name\n"


def private_data_dir(settings, tmp_path):
    """Point the data folder (and key folder) at the test's own folder, so files can be
    searched and counted, and no test sees another's."""
    settings.DATA_DIR = tmp_path / "data"
    settings.PSEUDONYM_KEYS_DIR = tmp_path / "data" / "keys"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


def contact_csv(*, cases: int = 12, rare_cases: int = 2, planted: str = PLANTED) -> bytes:
    """`cases` cases of Phone call -> Form checked, `rare_cases` of Phone call -> Home visit.
    The first case id, and every citizen's name, are raw identifiers the store must not keep."""
    lines = [HEADER]
    for number in range(cases + rare_cases):
        case = planted if number == 0 else f"C{number:04d}"
        second = "Home visit" if number >= cases else "Form checked"
        day = 1 + number % 27
        lines.append(f"{case},2024-03-{day:02d} 09:00,Phone call,phone,Name {planted}{number}\n")
        lines.append(f"{case},2024-03-{day:02d} 11:30,{second},,Name {planted}{number}\n")
    return "".join(lines).encode()


SEGMENT_HEADER = "Case ID,Timestamp,Activity,Channel,Customer group\n"
# Over 65: 5 cases start on 2 March and 5 on 20 March; Working age: 6 on 3 March;
# Student: 2 on 21 March (fewer than the threshold of 5). Each case phones, then has its form
# checked; the last Working age case is an "Over 65" by its second event.
SEGMENT_GROUPS = [("Over 65", "02", 5), ("Over 65", "20", 5), ("Working age", "03", 6),
                  ("Student", "21", 2)]
SEGMENT_MAPPING = {"case": "Case ID", "time": "Timestamp", "activity": "Activity",
                   "channel": "Channel", "service": None, "organisation": None,
                   "reason": None, "outcome": None, "segment": "Customer group"}


def segmented_csv() -> bytes:
    lines, number = [SEGMENT_HEADER], 0
    for group, day, cases in SEGMENT_GROUPS:
        for index in range(cases):
            number += 1
            later = "Over 65" if group == "Working age" and index == cases - 1 else group
            lines.append(f"S{number:03d},2024-03-{day} 09:00,Phone call,phone,{group}\n")
            lines.append(f"S{number:03d},2024-03-{day} 11:30,Form checked,,{later}\n")
    return "".join(lines).encode()


def upload(content: bytes, name: str = "contacts.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def confirm_fields(**overrides) -> dict:
    return {"case": "Case ID", "time": "Timestamp", "activity": "Activity",
            "channel": "Channel", "contact_kind": "channel", "timezone": "Europe/London",
            "date_order": "day",
            "retain_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "small_number_threshold": "5", **overrides}


def uploaded(*, organisation, user, content: bytes | None = None, name: str = "contacts.csv"):
    return services.dataset_upload(actor=actor_of(user, organisation), context=NO_CLIENT,
                                   name="Council Tax contacts", upload=upload(
                                       content or contact_csv(), name))


def queued(*, organisation, user, content: bytes | None = None, **overrides):
    dataset = uploaded(organisation=organisation, user=user, content=content)
    mapping = {"case": "Case ID", "time": "Timestamp", "activity": "Activity",
               "channel": "Channel", "service": None, "organisation": None, "reason": None,
               "outcome": None}
    # The import is queued when the transaction commits, as on a real server.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.dataset_import_request(
            actor=actor_of(user, organisation), context=NO_CLIENT, dataset=dataset,
            mapping=overrides.get("mapping", mapping),
            contacts=overrides.get("contacts", {"kind": "channel"}),
            timezone_name="Europe/London", day_first=True,
            retain_until=timezone.localdate() + datetime.timedelta(days=30),
            small_number_threshold=5)


def run_worker() -> None:
    """What `journeymap manage db_worker` does, until the queue is empty.

    The worker closes connections it finds outside autocommit, as a process of its own should;
    inside a test's transaction that would be the test's own connection, so here it may not.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def imported(*, organisation, user, content: bytes | None = None, **overrides):
    dataset = queued(organisation=organisation, user=user, content=content, **overrides)
    run_worker()
    dataset.refresh_from_db()
    return dataset


def council_tax_map(*, organisation, user):
    """A journey map whose steps the contact log's activities belong to (keys call, form,
    decide); "Home visit" has no step."""
    from journeymap.web.journeys import services as journey_services

    actor = actor_of(user, organisation)
    journey = journey_services.journey_create(actor=actor, context=NO_CLIENT, data={
        "title": "Council Tax reduction", "service": "Council Tax"})
    return journey_services.map_create(actor=actor, context=NO_CLIENT, journey=journey, data={
        "title": "Claiming – as is", "kind": "as_is",
        "steps": [{"id": "call", "name": "Phone the council"},
                  {"id": "form", "name": "Form checked"},
                  {"id": "decide", "name": "Get a decision"}]})


def linked(*, organisation, user, dataset=None):
    """An imported dataset linked to `council_tax_map`: Phone call -> call, Form checked ->
    form. Returns the link."""
    dataset = dataset or imported(organisation=organisation, user=user)
    journey_map = council_tax_map(organisation=organisation, user=user)
    return services.map_link_save(actor=actor_of(user, organisation), context=NO_CLIENT,
                                  dataset=dataset, journey_map=journey_map,
                                  links={"Phone call": "call", "Form checked": "form"})
