"""Citizens' feedback under load, through the production server on PostgreSQL.

gunicorn (with the production settings, journeymap/web/gunicorn_config.py, and as many workers
as `journeymap serve` starts: one per core plus one, or --workers) serves the app on a
throwaway PostgreSQL (benchmarks/throwaway_postgres.py, fsync on); Debian's wrk, a second
process on loopback, drives it. In one run:

1. the form's first page (GET) for --seconds: the rate at which the same server serves a page;
2. final pages (POST) for --seconds, each a different submission (signed form tokens made
   beforehand with the server's key; wrk's threads each send their own share): submissions per
   second, p50 and p99 latency, acknowledged (the thank-you page with its reference) against
   stored (rows in the database afterwards): none may be lost or stored twice;
3. the map page (an editor's, signed in) timed at 100 responses and again at 100,000
   (responses bulk-created straight into the database), median of --page-samples requests.

The machine's load (`uptime`) is printed before and after: on a shared machine it says what
the figures are worth. Beside each rate, the CPU milliseconds per request that the server's
processes, PostgreSQL's and wrk spent in that run (from /proc and getrusage): other programs
slow the clock, much less the CPU time, so that figure compares runs on a busy machine. One JSON
line is printed at the end.

    .venv/bin/python benchmarks/feedback_load.py              # needs wrk (apt-get install wrk)
"""

import argparse
import html
import http.cookiejar
import importlib
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from feedback_sigkill import COUNT, CSRF, STATE, Server, django_python, free_port  # noqa: E402
from journeymap.cli.server import default_workers  # noqa: E402
from throwaway_postgres import throwaway_postgres  # noqa: E402

SET_UP = """
from django.contrib.auth import get_user_model
from journeymap.web.accounts.actors import Permission, SystemActor
from journeymap.web.accounts.models import Membership, Organisation
from journeymap.web.audit.context import NO_CLIENT
from journeymap.web.feedback import services as feedback
from journeymap.web.journeys import services as journeys

organisation = Organisation.objects.create(name="Benchmark Council", slug="benchmark")
actor = SystemActor(task="benchmark", organisation_id=organisation.pk,
                    permissions=frozenset({Permission.VIEW, Permission.EDIT}))
journey = journeys.journey_create(actor=actor, context=NO_CLIENT,
                                  data={"title": "Reporting a repair", "service": "Housing"})
journey_map = journeys.map_create(actor=actor, context=NO_CLIENT, journey=journey, data={
    "title": "As is", "kind": "as_is",
    "steps": [{"id": f"s{n}", "name": f"Step {n}"} for n in range(1, 4)]})
link, token = feedback.feedback_link_create(actor=actor, context=NO_CLIENT,
                                            journey_map=journey_map)
editor = get_user_model().objects.create_user(username="editor")
Membership.objects.create(organisation=organisation, user=editor, role="editor")
print(token)
"""


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def final_page(form_url: str) -> tuple[str, str, str]:
    """Walk the form as a citizen to its last page: (csrf cookie, csrf field, state token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(form_url).read().decode()
    csrf = CSRF.search(page)[1]
    while "Send your answers" not in page:
        fields = {"csrfmiddlewaretoken": csrf, "state": html.unescape(STATE.search(page)[1]),
                  "rating": "4", "what_happened": "It was fine"}
        page = opener.open(form_url, urllib.parse.urlencode(fields).encode()).read().decode()
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, csrf, html.unescape(STATE.search(page)[1])


def submission_bodies(count: int, *, csrf: str, state_token: str, link_id: int) -> list[str]:
    """`count` final pages, each a new submission id in a token signed with the server's key."""
    from journeymap.web.feedback.form_state import FormState

    state = FormState.loads(state_token, link_id=link_id)
    bodies = []
    for _ in range(count):
        state.submission_id = str(uuid.uuid4())
        bodies.append(urllib.parse.urlencode({
            "csrfmiddlewaretoken": csrf, "state": state.dumps(),
            "overall_rating": str(random.randint(1, 5))}))
    return bodies


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) process `pid` has used so far; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """`pid` and its children (a gunicorn master and its workers, a postmaster and its
    backends)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(child) for child in children.read_text().split())]


def postmaster_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('data_directory')")
        data_directory = cursor.fetchone()[0]
    return int((Path(data_directory) / "postmaster.pid").read_text().split()[0])


def measured(run, *, server_pid: int, database_pid: int) -> dict:
    """`run()`'s wrk result, with the CPU milliseconds per request of the server, the database
    and wrk (a child of this process) while it ran."""
    def sample() -> tuple[float, float, float]:
        return (sum(cpu_seconds(pid) for pid in process_tree(server_pid)),
                sum(cpu_seconds(pid) for pid in process_tree(database_pid)),
                sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]))

    before = sample()
    result = run()
    spent = [(after - start) * 1000 / result["requests"]
             for start, after in zip(before, sample(), strict=True)]
    result["cpu_ms_per_request"] = {
        "server": round(spent[0], 2), "database": round(spent[1], 2), "wrk": round(spent[2], 2),
        "total": round(sum(spent), 2)}
    return result


def wrk(url: str, script: str, seconds: int, connections: int, env: dict | None = None,
        args: tuple[str, ...] = ()) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s",
               str(HERE / script), url]
    if args:
        command += ["--", *args]
    finished = subprocess.run(command, capture_output=True, text=True, check=True,
                              env={**os.environ, **(env or {})})
    line = next(line for line in finished.stdout.splitlines() if line.startswith("WRK "))
    result = json.loads(line[4:])
    result["per_second"] = round(result["requests"] / result["seconds"], 1)
    return result


def add_responses(total: int, *, link_id: int) -> None:
    """Bulk-create responses (three rated steps each) until the link has `total`, and tally
    every stored response afresh."""
    from django.utils import timezone

    from journeymap.web.feedback.models import FeedbackLink, FeedbackResponse, StepAnswer

    link = FeedbackLink.objects.select_related("journey_map").get(pk=link_id)
    steps = list(link.journey_map.steps.all())
    missing = total - FeedbackResponse.objects.filter(link=link).count()
    while missing > 0:
        batch = min(missing, 5000)
        responses = FeedbackResponse.objects.bulk_create([
            FeedbackResponse(organisation_id=link.organisation_id, link=link,
                             journey_map=link.journey_map, submission_id=uuid.uuid4(),
                             overall_rating=random.randint(1, 5), received_at=timezone.now())
            for _ in range(batch)])
        StepAnswer.objects.bulk_create([
            StepAnswer(organisation_id=link.organisation_id, response=response, step=step,
                       rating=random.randint(1, 5), what_happened="It was fine")
            for response in responses for step in steps], batch_size=5000)
        missing -= batch
    # Count them into the map's tallies as the migration counts earlier responses (the map page
    # reads the tallies): start again from the stored answers.
    from django.apps import apps

    from journeymap.web.feedback.models import MapResponseTally, StepRatingTally

    StepRatingTally.objects.filter(journey_map=link.journey_map).delete()
    MapResponseTally.objects.filter(journey_map=link.journey_map).delete()
    importlib.import_module("journeymap.web.feedback.migrations.0003_step_tally") \
        .count_stored_responses(apps, None)


def map_page_ms(url: str, session: str, samples: int) -> float:
    """Median milliseconds to fetch the map page, signed in."""
    opener = urllib.request.build_opener()
    opener.addheaders = [("Cookie", f"sessionid={session}")]
    times = []
    for _ in range(samples + 2):
        started = time.perf_counter()
        with opener.open(url) as answer:
            assert answer.status == 200 and b"Sign in" not in answer.read()[:2000]
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times[2:]), 1)  # the first two warm the worker up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--page-samples", type=int, default=20)
    parser.add_argument("--responses", type=int, nargs=2, default=(100, 100_000))
    parser.add_argument("--workers", type=int, default=default_workers())
    arguments = parser.parse_args()
    result = {"load_before": uptime()}
    with throwaway_postgres() as url, tempfile.TemporaryDirectory() as folder:
        env = {"JOURNEYMAP_DATA_DIR": folder, "DATABASE_URL": url,
               "JOURNEYMAP_SECRET_KEY": secrets.token_urlsafe(32),
               "DJANGO_SETTINGS_MODULE": "journeymap.web.settings",
               "JOURNEYMAP_FEEDBACK_MIN_SECONDS": "0",
               "JOURNEYMAP_FEEDBACK_CLIENT_LIMIT": "100000000",
               "JOURNEYMAP_FEEDBACK_LINK_LIMIT": "100000000"}
        os.environ.update(env)
        env = {**os.environ, "PYTHONPATH": f"{HERE.parent / 'src'}{os.pathsep}"
                                           f"{os.environ.get('PYTHONPATH', '')}"}
        subprocess.run([sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
                       env=env, check=True)
        token = django_python(SET_UP, env).splitlines()[-1]
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from journeymap.web.feedback.models import FeedbackLink, FeedbackResponse

        link = FeedbackLink.objects.select_related("journey_map").get()
        editor = Client()
        editor.force_login(get_user_model().objects.get(username="editor"))
        session = editor.cookies["sessionid"].value
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        map_url = base + reverse("journeys:map", args=[
            "benchmark", link.journey_map.journey_id, link.journey_map_id])
        server = Server(port, env, Path(folder) / "gunicorn.log", workers=arguments.workers)
        result["workers"] = arguments.workers
        server.start()
        try:
            form_url = f"{base}/f/{token}/"
            cookie, csrf, state_token = final_page(form_url)
            bodies = submission_bodies(arguments.seconds * 1500, csrf=csrf,
                                       state_token=state_token, link_id=link.pk)
            bodies_file = Path(folder) / "bodies.txt"
            bodies_file.write_text("\n".join(bodies) + "\n")
            add_responses(arguments.responses[0], link_id=link.pk)
            result["map_page_ms"] = {arguments.responses[0]: map_page_ms(
                map_url, session, arguments.page_samples)}
            stored_before = FeedbackResponse.objects.count()
            processes = {"server_pid": server.process.pid, "database_pid": postmaster_pid()}
            result["form_page"] = measured(lambda: wrk(
                form_url, "feedback_page.lua", arguments.seconds, arguments.connections),
                **processes)
            result["submissions"] = measured(lambda: wrk(
                form_url, "feedback_submit.lua", arguments.seconds, arguments.connections,
                env={"BODIES": str(bodies_file), "COOKIE": f"csrftoken={cookie}"},
                args=("2",)), **processes)
            stored = json.loads(django_python(COUNT, env).splitlines()[-1])
            submissions = result["submissions"]
            new_rows = len(stored["ids"]) - stored_before
            result["stored_by_the_run"] = new_rows
            result["lost"] = max(0, submissions["acknowledged"] - submissions["reused"]
                                 - new_rows)
            result["duplicated"] = stored["extra_rows"]
            result["ratio_to_page"] = round(submissions["per_second"]
                                            / result["form_page"]["per_second"], 2)
            add_responses(arguments.responses[1], link_id=link.pk)
            result["map_page_ms"][arguments.responses[1]] = map_page_ms(
                map_url, session, arguments.page_samples)
            low, high = (result["map_page_ms"][n] for n in arguments.responses)
            result["map_page_ratio"] = round(high / low, 2)
        except Exception:
            print((Path(folder) / "gunicorn.log").read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            server.kill()
    result["load_after"] = uptime()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
