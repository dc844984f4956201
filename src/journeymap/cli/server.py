"""Commands that run or administer the web application."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.panel import Panel

from journeymap.cli import environment

console = Console()

DataDir = typer.Option(
    None, "--data-dir", help="Data folder (default: ./data or JOURNEYMAP_DATA_DIR)."
)


def default_workers() -> int:
    """One process per core plus one: each has several threads (web/gunicorn_config.py), so a
    request waiting on the database leaves its core to another, and one spare process keeps
    the cores busy while a process waits as a whole."""
    return (os.cpu_count() or 1) + 1


def gunicorn_application(*, host: str, port: int, workers: int):
    """The production server, configured: web/gunicorn_config.py, then the address and workers."""
    from gunicorn.app.base import BaseApplication

    from journeymap.web import gunicorn_config
    from journeymap.web.wsgi import application

    class _App(BaseApplication):
        def load_config(self):
            for name, value in vars(gunicorn_config).items():
                if name in self.cfg.settings:
                    self.cfg.set(name, value)
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return application

    return _App()


def _gunicorn(*, host: str, port: int, workers: int) -> None:
    gunicorn_application(host=host, port=port, workers=workers).run()


#: The task worker as `journeymap demo` and `serve` start it (`journeymap.cli` is the runnable
#: module: the package `journeymap` itself has no `__main__`).
WORKER_COMMAND = [sys.executable, "-m", "journeymap.cli", "manage", "db_worker", "--no-reload"]


@contextmanager
def background_worker():
    """The task worker (imports of contact logs, the daily retention sweep) in its own process
    for as long as the block runs; it inherits the data folder and secret key
    `environment.prepare` put in the environment, and is stopped when the server stops."""
    worker = subprocess.Popen(WORKER_COMMAND)  # noqa: S603 - a fixed command
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def _schedule_daily_tasks() -> None:
    """Queue the daily retention sweep for the task worker, unless one is waiting already."""
    from django.utils import timezone

    from journeymap.web.evidence.tasks import retention_schedule_ensure

    retention_schedule_ensure(now=timezone.now())


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int | None = typer.Option(
        None, help="Worker processes (default: two per core plus one)."),
    migrate: bool = typer.Option(True, help="Apply database migrations first."),
    data_dir: Path | None = DataDir,
) -> None:
    environment.setup_django(data_dir=data_dir, needs_migrated_database=not migrate)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    _schedule_daily_tasks()
    _gunicorn(host=host, port=port, workers=workers or default_workers())


def demo(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    run_server: bool = typer.Option(True, "--serve/--no-serve", help="Serve after loading."),
    data_dir: Path | None = DataDir,
) -> None:
    environment.setup_django(data_dir=data_dir, needs_migrated_database=False)
    from django.core.management import call_command

    from journeymap.web import demo_data

    with console.status("Preparing the database…"):
        call_command("migrate", interactive=False, verbosity=0)
    with console.status("Loading demo data…"):
        login = demo_data.demo_load()
    _schedule_daily_tasks()
    console.print(Panel.fit(
        f"[bold]journeymap demo[/bold]\n\n"
        f"Open  http://{host}:{port}/\n"
        f"User  {login.username}\n"
        f"Pass  {login.password}\n\n"
        f"Organisation: {login.organisation_name} (admin). Data in {environment.prepare()}\n"
        f"A background worker runs beside the server: contact-data imports, and the daily\n"
        f"sweep of research kept past its retention date.",
        title="Ready",
    ))
    if run_server:
        with background_worker():
            _gunicorn(host=host, port=port, workers=2)


def createadmin(
    organisation: str = typer.Option(..., help="Organisation name, e.g. 'City of Edinburgh'."),
    username: str = typer.Option(..., help="The admin's username."),
    email: str = typer.Option("", help="The admin's email address."),
    password: str = typer.Option(
        ..., prompt=True, hide_input=True, confirmation_prompt=True,
        envvar="JOURNEYMAP_ADMIN_PASSWORD",
        help="Password (prompted; or JOURNEYMAP_ADMIN_PASSWORD).",
    ),
    data_dir: Path | None = DataDir,
) -> None:
    environment.setup_django(data_dir=data_dir)
    from django.core.exceptions import ValidationError

    from journeymap.web.accounts.actors import Permission, SystemActor
    from journeymap.web.accounts.services import admin_create
    from journeymap.web.audit.context import NO_CLIENT

    actor = SystemActor(task="createadmin", permissions=frozenset({Permission.SET_UP}))
    try:
        membership = admin_create(actor=actor, context=NO_CLIENT, organisation_name=organisation,
                                  username=username, email=email, password=password)
    except ValidationError as error:
        console.print(f"[red]Not created:[/red] {' '.join(error.messages)}")
        raise typer.Exit(code=1) from None
    console.print(f"Created {membership.user.get_username()}, admin of "
                  f"{membership.organisation.name}.")


def manage(ctx: typer.Context, data_dir: Path | None = DataDir) -> None:
    environment.prepare(data_dir=data_dir)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["journeymap manage", *ctx.args])
