"""Where one request to the citizen's form spends its time, in-process, on PostgreSQL.

Starts a throwaway PostgreSQL (`throwaway_postgres.py`, fsync on), makes the same map and link
as feedback_load.py, then with Django's test client (the whole middleware stack, no network):
counts the SQL queries of a form GET and of a final POST (CaptureQueriesContext, each query
printed), and profiles --requests of each with cProfile (top functions by cumulative time).

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


def profile(label: str, send, requests: int, top: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        send(0)
    print(f"\n== {label}: {len(queries.captured_queries)} queries")
    for query in queries.captured_queries:
        print("  ", query["sql"][:160])
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for number in range(1, requests + 1):
        send(number)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"== {label}: {requests / elapsed:.0f} requests/s in one process "
          f"({elapsed / requests * 1000:.2f} ms each, under the profiler)")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=40)
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
        bodies = submission_bodies(arguments.requests + 1, csrf=csrf,
                                   state_token=html.unescape(STATE.search(page)[1]),
                                   link_id=link.pk)

        def get(_number):
            assert client.get(form_url).status_code == 200

        def post(number):
            answer = client.generic("POST", form_url, bodies[number],
                                    content_type="application/x-www-form-urlencoded")
            assert answer.status_code == 200 and b'id="reference"' in answer.content

        profile("form page (GET)", get, arguments.requests, arguments.top)
        profile("final page (POST)", post, arguments.requests, arguments.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
