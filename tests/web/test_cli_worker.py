"""The background worker: the README's commands work in a data folder of their own, and
`journeymap demo` runs one beside the server and stops it with the server."""

import pytest

from journeymap.cli import server
from tests.web.test_cli import run


@pytest.mark.slow
def test_a_queued_task_is_run_by_the_worker_command(tmp_path):
    assert run(["manage", "migrate", "-v", "0"], data_dir=tmp_path).returncode == 0
    queued = run(["manage", "datasets_expire", "--enqueue"], data_dir=tmp_path)
    assert "Queued the retention sweep." in queued.stdout, queued.stderr
    # The very command the demo starts its worker with, told to stop once the queue is empty.
    worker = run(["--batch", "--no-startup-delay"], data_dir=tmp_path,
                 program=server.WORKER_COMMAND)
    assert worker.returncode == 0, worker.stderr
    check = run(["manage", "shell", "-c",
                 "from django_tasks_db.models import DBTaskResult;"
                 "print([(r.task_path, r.status) for r in DBTaskResult.objects.all()])"],
                data_dir=tmp_path)
    assert "('journeymap.web.datasets.tasks.expire_datasets', 'SUCCESSFUL')" in check.stdout, (
        check.stderr)


def test_the_demo_worker_runs_beside_the_server_and_stops_with_it(monkeypatch):
    started = []

    class Process:
        def __init__(self, command):
            self.command, self.stopped = command, False
            started.append(self)

        def terminate(self):
            self.stopped = True

        def wait(self, timeout):
            return 0

    monkeypatch.setattr(server.subprocess, "Popen", Process)
    with server.background_worker():
        assert started[0].command == server.WORKER_COMMAND
        assert not started[0].stopped
    assert started[0].stopped
