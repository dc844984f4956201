"""Kill the server mid-submission, again and again: is an acknowledged response ever lost or
stored twice?

Runs the production server (gunicorn with its production settings, two workers) on loopback
against its own fresh database (SQLite in a temporary data folder, or PostgreSQL with
--database-url), with a map of three steps and a feedback link. Client threads walk the
citizen's form as a browser without JavaScript would (cookie, CSRF token, one page per step)
and send the last page; a client that gets no answer (connection refused or reset) sends the
same last page again until the server acknowledges it with the thank-you page and its
reference. Meanwhile the main thread sends SIGKILL at random moments: to a worker (the process
serving requests; gunicorn forks a new one from its preloaded master at once), and every
`--whole-every`th time to the whole server (its process group, master included), which is then
started again.

At the end every acknowledged reference must be stored exactly once: `lost` counts acknowledged
references with no row, `duplicated` counts rows beyond one per submission id. The result is one
line of JSON; the exit status is 1 if anything was lost or duplicated.

    .venv/bin/python benchmarks/feedback_sigkill.py --kills 200          # the issue's run
    .venv/bin/python benchmarks/feedback_sigkill.py --kills 5            # the test suite's run
"""

import argparse
import contextlib
import html
import http.client
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

# What a client sees when the server dies under it: refused, reset, or an answer cut short.
NO_ANSWER = (OSError, http.client.HTTPException)
ROOT = Path(__file__).resolve().parents[1]
STATE = re.compile(r'name="state" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r'id="reference">([^<]+)<')

SET_UP = """
from journeymap.web.accounts.actors import Permission, SystemActor
from journeymap.web.accounts.models import Organisation
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
print(token)
"""

COUNT = """
from django.db.models import Count
from journeymap.web.feedback.models import FeedbackResponse, StepAnswer
import json
ids = [str(value) for value in FeedbackResponse.objects.values_list("submission_id", flat=True)]
extra = sum(row["n"] - 1 for row in FeedbackResponse.objects.values("submission_id")
            .annotate(n=Count("pk")).filter(n__gt=1))
print(json.dumps({"ids": ids, "extra_rows": extra, "answers": StepAnswer.objects.count()}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def django_python(code: str, env: dict) -> str:
    program = "import django; django.setup()\n" + code
    finished = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                              text=True, timeout=300, check=False)
    if finished.returncode:
        raise RuntimeError(finished.stderr)
    return finished.stdout.strip()


class Server:
    """gunicorn in its own process group, so one SIGKILL takes the master and its workers."""

    def __init__(self, port: int, env: dict, log: Path, workers: int = 2):
        self.port, self.env, self.log, self.workers = port, env, log, workers
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "journeymap.web.wsgi:application",
                 "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                 "--timeout", "30", "--preload", "-c", "python:journeymap.web.gunicorn_config"],
                env=self.env, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.05)
        raise RuntimeError(f"the server did not start; see {self.log}")

    def kill_a_worker(self) -> bool:
        """SIGKILL one worker; False when there is none to kill (the master is respawning)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        workers = [int(pid) for pid in children.read_text().split()]
        if not workers:
            return False
        try:
            os.kill(random.choice(workers), signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


class Citizen(threading.Thread):
    """Sends responses one after another until told to stop; keeps every acknowledged one.

    Like a patient person with a browser, it sends a page again when the server does not answer;
    the form's state travels with the page, so any page can be sent again. Only the thank-you
    page, with its reference, is an acknowledgement.
    """

    def __init__(self, base_url: str, stop: threading.Event, deadline: float):
        super().__init__(daemon=True)
        self.base_url, self.stop, self.deadline = base_url, stop, deadline
        self.acknowledged: list[str] = []
        self.unacknowledged = 0

    def run(self) -> None:
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            page = self._until_answered(opener, None)
            if page is None:
                continue
            csrf = CSRF.search(page).group(1)
            while page is not None and "Send your answers" not in page:
                page = self._until_answered(opener, {
                    "csrfmiddlewaretoken": csrf, "state": html.unescape(STATE.search(page)[1]),
                    "rating": str(random.randint(1, 5)), "what_happened": "It was fine"})
            if page is None:
                continue
            page = self._until_answered(opener, {
                "csrfmiddlewaretoken": csrf, "state": html.unescape(STATE.search(page)[1]),
                "overall_rating": "3"})
            found = REFERENCE.search(page or "")
            if found:
                self.acknowledged.append(found[1])
            elif page is None:
                self.unacknowledged += 1
            else:
                raise RuntimeError(f"unexpected answer to the last page: {page[:300]}")

    def _until_answered(self, opener, fields: dict | None) -> str | None:
        """GET the form (no fields) or POST a page, again and again until a whole answer comes
        back; None when time runs out."""
        data = urllib.parse.urlencode(fields).encode() if fields else None
        while time.monotonic() < self.deadline + 60:
            try:
                with opener.open(self.base_url, data, timeout=10) as answer:
                    return answer.read().decode()
            except NO_ANSWER:
                time.sleep(0.05)
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--whole-every", type=int, default=10,
                        help="every Nth kill takes the whole server, master included")
    parser.add_argument("--pause", type=float, nargs=2, default=(0.3, 1.5),
                        metavar=("LEAST", "MOST"),
                        help="seconds between kills, drawn at random between the two: a new "
                             "worker needs a moment to serve its first pages")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--database-url", default=None,
                        help="an empty PostgreSQL database to use instead of SQLite")
    parser.add_argument("--time-limit", type=float, default=3600,
                        help="seconds after which the run stops, whatever the kills")
    arguments = parser.parse_args()
    random.seed(arguments.seed)

    with tempfile.TemporaryDirectory(prefix="journeymap-sigkill-") as folder:
        env = {**os.environ, "JOURNEYMAP_DATA_DIR": folder,
               "JOURNEYMAP_SECRET_KEY": secrets.token_urlsafe(32),
               "DJANGO_SETTINGS_MODULE": "journeymap.web.settings",
               "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
               "JOURNEYMAP_FEEDBACK_MIN_SECONDS": "0",
               "JOURNEYMAP_FEEDBACK_CLIENT_LIMIT": "100000000",
               "JOURNEYMAP_FEEDBACK_LINK_LIMIT": "100000000"}
        env.pop("DATABASE_URL", None)
        if arguments.database_url:
            env["DATABASE_URL"] = arguments.database_url
        subprocess.run([sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
                       env=env, check=True, timeout=600)
        token = django_python(SET_UP, env).splitlines()[-1]
        port = free_port()
        server = Server(port, env, Path(folder) / "gunicorn.log")
        started = time.monotonic()
        deadline = started + arguments.time_limit
        stop = threading.Event()
        server.start()
        citizens = [Citizen(f"http://127.0.0.1:{port}/f/{token}/", stop, deadline)
                    for _ in range(arguments.clients)]
        for citizen in citizens:
            citizen.start()
        kills = whole_server_kills = 0
        try:
            while kills < arguments.kills and time.monotonic() < deadline:
                time.sleep(random.uniform(*arguments.pause))
                if (kills + 1) % arguments.whole_every == 0:
                    server.kill()
                    whole_server_kills += 1
                    server.start()
                elif not server.kill_a_worker():
                    continue
                kills += 1
            time.sleep(1)  # let the last retries through a running server
            stop.set()
            for citizen in citizens:
                citizen.join(timeout=120)
        finally:
            stop.set()
            server.kill()
        stored = json.loads(django_python(COUNT, env).splitlines()[-1])

    acknowledged = [reference for citizen in citizens for reference in citizen.acknowledged]
    stored_ids = set(stored["ids"])
    result = {
        "kills": kills, "whole_server_kills": whole_server_kills, "clients": arguments.clients,
        "seconds": round(time.monotonic() - started, 1),
        "database": "postgresql" if arguments.database_url else "sqlite",
        "acknowledged": len(acknowledged), "stored": len(stored["ids"]),
        "lost": sum(1 for reference in set(acknowledged) if reference not in stored_ids),
        "duplicated": stored["extra_rows"] + (len(acknowledged) - len(set(acknowledged))),
        "never_acknowledged": sum(citizen.unacknowledged for citizen in citizens),
    }
    print(json.dumps(result))
    return 1 if result["lost"] or result["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
