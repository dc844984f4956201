"""Where one request to the citizen's form spends its time, in-process, on PostgreSQL.

Starts a throwaway PostgreSQL (`throwaway_postgres.py`, fsync on), makes the same map and link
as feedback_load.py, then with Django's test client (the whole middleware stack, no network):
counts the SQL queries of a form GET and of a final POST (CaptureQueriesContext, each query
printed), times --requests of each without the profiler (CPU milliseconds per request, of this
process and of its PostgreSQL backend, best of --rounds: on a shared machine CPU time, not the
clock, says what a request costs), then profiles --requests of each with cProfile (top functions
by cumulative time).

    .venv/bin/python benchmarks/feedback_profile.py --requests 300
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from feedback_load import SET_UP, submission_bodies  # noqa: E402
from feedback_sigkill import CSRF, STATE, django_python  # noqa: E402
from throwaway_postgres import throwaway_postgres  # noqa: E402


def backend_cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) the PostgreSQL backend `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_per_request(send, numbers: range, rounds: int) -> tuple[float, float]:
    """The best, over `rounds`, of (this process's, the database backend's) CPU milliseconds
    per request; each round sends a fresh share of `numbers`."""
    from django.db import connection

    backend = connection.cursor().connection.info.backend_pid
    share = len(numbers) // rounds
    best = (float("inf"), float("inf"))
    for round_number in range(rounds):
        started = time.process_time(), backend_cpu_seconds(backend)
        for number in numbers[round_number * share:(round_number + 1) * share]:
            send(number)
        spent = (time.process_time() - started[0]) * 1000 / share, \
            (backend_cpu_seconds(backend) - started[1]) * 1000 / share
        best = min(best, spent, key=sum)
    return best


def profile(label: str, send, requests: int, top: int, rounds: int, sort: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        send(0)
    print(f"\n== {label}: {len(queries.captured_queries)} queries")
    for query in queries.captured_queries:
        print("  ", query["sql"][:160])
    own, backend = cpu_per_request(send, range(1, requests + 1), rounds)
    print(f"== {label}: CPU per request {own:.2f} ms here + {backend:.2f} ms in PostgreSQL "
          f"(best of {rounds} rounds of {requests // rounds}, no profiler)")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for number in range(requests + 1, 2 * requests + 1):
        send(number)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"== {label}: {requests / elapsed:.0f} requests/s in one process "
          f"({elapsed / requests * 1000:.2f} ms each, under the profiler)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(top)
    print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sort", default="cumulative",
                        help="the profile's order: cumulative or tottime")
    arguments = parser.parse_args()
    with throwaway_postgres() as url, tempfile.TemporaryDirectory() as folder:
        os.environ.update({
            "JOURNEYMAP_DATA_DIR": folder, "DATABASE_URL": url,
            "JOURNEYMAP_SECRET_KEY": secrets.token_urlsafe(32),
            "DJANGO_SETTINGS_MODULE": "journeymap.web.settings",
            "JOURNEYMAP_FEEDBACK_MIN_SECONDS": "0",
            "JOURNEYMAP_FEEDBACK_CLIENT_LIMIT": "100000000",
            "JOURNEYMAP_FEEDBACK_LINK_LIMIT": "100000000"})
        env = {**os.environ, "PYTHONPATH": f"{HERE.parent / 'src'}{os.pathsep}"
                                           f"{os.environ.get('PYTHONPATH', '')}"}
        subprocess.run([sys.executable, "-m", "django", "migrate", "--no-input", "-v", "0"],
                       env=env, check=True)
        token = django_python(SET_UP, env).splitlines()[-1]
        import django

        django.setup()
        import html

        from django.test import Client

        from journeymap.web.feedback.models import FeedbackLink

        link = FeedbackLink.objects.get()
        form_url = f"/f/{token}/"
        client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
        page = client.get(form_url).content.decode()
        csrf = CSRF.search(page)[1]
        while "Send your answers" not in page:
            page = client.post(form_url, {
                "csrfmiddlewaretoken": csrf, "state": html.unescape(STATE.search(page)[1]),
                "rating": "4", "what_happened": "It was fine"}).content.decode()
        bodies = submission_bodies(2 * arguments.requests + 1, csrf=csrf,
                                   state_token=html.unescape(STATE.search(page)[1]),
                                   link_id=link.pk)

        def get(_number):
            assert client.get(form_url).status_code == 200

        def post(number):
            answer = client.generic("POST", form_url, bodies[number],
                                    content_type="application/x-www-form-urlencoded")
            assert answer.status_code == 200 and b'id="reference"' in answer.content

        profile("form page (GET)", get, arguments.requests, arguments.top, arguments.rounds,
                arguments.sort)
        profile("final page (POST)", post, arguments.requests, arguments.top, arguments.rounds,
                arguments.sort)
    return 0


if __name__ == "__main__":
    sys.exit(main())
