"""Commands that run or administer the web application."""

from pathlib import Path

import typer
from rich.console import Console
from rich.panel import Panel

from journeymap.cli import environment

console = Console()

DataDir = typer.Option(
    None, "--data-dir", help="Data folder (default: ./data or JOURNEYMAP_DATA_DIR)."
)


def _gunicorn(*, host: str, port: int, workers: int) -> None:
    from gunicorn.app.base import BaseApplication

    from journeymap.web.wsgi import application

    class _App(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self):
            return application

    _App().run()


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(2, help="Worker processes."),
    migrate: bool = typer.Option(True, help="Apply database migrations first."),
    data_dir: Path | None = DataDir,
) -> None:
    environment.setup_django(data_dir=data_dir, needs_migrated_database=not migrate)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
    _gunicorn(host=host, port=port, workers=workers)


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
    console.print(Panel.fit(
        f"[bold]journeymap demo[/bold]\n\n"
        f"Open  http://{host}:{port}/\n"
        f"User  {login.username}\n"
        f"Pass  {login.password}\n\n"
        f"Organisation: {login.organisation_name} (admin). Data in {environment.prepare()}",
        title="Ready",
    ))
    if run_server:
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

    from journeymap.web.accounts.services import admin_create

    try:
        membership = admin_create(organisation_name=organisation, username=username,
                                  email=email, password=password)
    except ValidationError as error:
        console.print(f"[red]Not created:[/red] {' '.join(error.messages)}")
        raise typer.Exit(code=1) from None
    console.print(f"Created {membership.user.get_username()}, admin of "
                  f"{membership.organisation.name}.")


def manage(ctx: typer.Context, data_dir: Path | None = DataDir) -> None:
    environment.prepare(data_dir=data_dir)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["journeymap manage", *ctx.args])
