"""Environment for the web commands: the data folder and a secret key that never enters the repo.

The data folder holds the SQLite database, the generated key and uploaded logs, so it is made
readable by its owner only (0700), and the key and the SQLite file are 0600 whatever the umask.
"""

import contextlib
import os
import secrets
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600

# soft_wrap: the error stays on one line however narrow the terminal, so scripts can read it.
console = Console(soft_wrap=True)


def prepare(*, data_dir: Path | None = None) -> Path:
    """Point Django at our settings and make sure a secret key is available.

    A key from the environment wins. Otherwise one is generated once into the data folder
    (readable by its owner only), which suits the demo and a single-machine install. A data
    folder made here is private to its owner; an existing one keeps the mode its owner gave it.
    """
    data_dir = (data_dir or Path(os.environ.get("JOURNEYMAP_DATA_DIR", "data"))).resolve()
    if not data_dir.exists():
        data_dir.mkdir(mode=PRIVATE_FOLDER, parents=True)
    (data_dir / "static").mkdir(exist_ok=True)
    os.environ["JOURNEYMAP_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeymap.web.settings")
    if not os.environ.get("JOURNEYMAP_SECRET_KEY"):
        key_file = data_dir / "secret_key"
        if key_file.exists():
            _tighten(key_file)
        else:
            _write_private(key_file, secrets.token_urlsafe(50))
        os.environ["JOURNEYMAP_SECRET_KEY"] = key_file.read_text().strip()
    from django.conf import settings

    sqlite_file_make_private(settings.DATABASES["default"])
    return data_dir


def _write_private(path: Path, text: str) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)


def _tighten(path: Path) -> None:
    """Take group and other access away from a file an earlier version made; a file another
    account owns (provisioned by an administrator) is left as they chose."""
    if path.stat().st_mode & 0o077:
        with contextlib.suppress(PermissionError):
            path.chmod(PRIVATE_FILE)


def sqlite_file(database: dict) -> Path | None:
    """The file of a SQLite database setting; None for other databases and in-memory ones."""
    name = str(database.get("NAME") or "")
    if not database.get("ENGINE", "").endswith("sqlite3") or name in {"", ":memory:"} or (
            name.startswith("file:")):
        return None
    return Path(name)


def sqlite_file_make_private(database: dict) -> None:
    """Create the SQLite file 0600 before SQLite would create it world-readable, or tighten
    the mode of one an earlier version made; SQLite gives its journal files the same mode."""
    path = sqlite_file(database)
    if path is None or not path.parent.is_dir():
        return
    if path.exists():
        _tighten(path)
    else:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def setup_django(*, data_dir: Path | None = None, needs_migrated_database: bool = True) -> Path:
    """Set Django up for a command. A command that uses the database without migrating it
    first stops with one line saying how to set the database up, never a traceback."""
    data_dir = prepare(data_dir=data_dir)
    import django

    django.setup()
    if needs_migrated_database:
        problem = database_problem()
        if problem:
            console.print(f"[red]{escape(problem)}[/red]", highlight=False)
            raise typer.Exit(code=1)
    return data_dir


def database_problem() -> str | None:
    """What stops the commands from using the database, in one sentence, or None."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import DatabaseError

    connection = connections[DEFAULT_DB_ALIAS]
    where = _database_label(connection.settings_dict)
    try:
        executor = MigrationExecutor(connection)
        applied = executor.loader.applied_migrations
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return f"Cannot use the database {where}: {first_line}"
    if not pending:
        return None
    if not applied:
        return (f"The database {where} has not been set up: run `journeymap manage migrate` "
                "(with the same --data-dir or DATABASE_URL).")
    return (f"The database {where} is {len(pending)} migration(s) behind this version: run "
            "`journeymap manage migrate` (with the same --data-dir or DATABASE_URL).")


def _database_label(database: dict) -> str:
    path = sqlite_file(database)
    if path is not None:
        return f"in {path.parent}" if path.name == "journeymap.sqlite3" else f"in {path}"
    host = database.get("HOST") or "localhost"
    return f"{database.get('NAME')!s} on {host}"
