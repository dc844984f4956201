"""A throwaway PostgreSQL for the benchmarks, started as scripts/test.sh starts the test suite's:
a fresh cluster in a temporary folder on a free loopback port, stopped and removed afterwards.

    .venv/bin/python benchmarks/throwaway_postgres.py -- \\
        .venv/bin/python benchmarks/feedback_sigkill.py --database-url {url}

runs the command with `{url}` (and DATABASE_URL in its environment) naming the empty database.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found:
        raise SystemExit("PostgreSQL server binaries not found (run scripts/system-deps.sh test)")
    return Path(found[-1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres(*, durable: bool = True) -> Iterator[str]:
    """The URL of an empty database. `durable` keeps fsync on (as production runs it), which
    the durability and load figures need; the test suite turns it off for speed."""
    pg_bin = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="journeymap-bench-pg-"))
    as_pg = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as Debian's postgres user
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = folder / "data"
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=200"
    if not durable:
        options += " -c fsync=off -c full_page_writes=off"
    subprocess.run([*as_pg, pg_bin / "initdb", "-D", data, "-U", "journeymap", "-A", "trust",
                    "-E", "UTF8"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_pg, pg_bin / "pg_ctl", "-D", data, "-l", folder / "log", "-w", "-o",
                    options, "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        subprocess.run([pg_bin / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U",
                        "journeymap", "journeymap"], check=True)
        yield f"postgres://journeymap@127.0.0.1:{port}/journeymap"
    finally:
        subprocess.run([*as_pg, pg_bin / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    command = sys.argv[1:]
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        raise SystemExit(__doc__)
    with throwaway_postgres() as url:
        return subprocess.run([part.replace("{url}", url) for part in command],
                              env={**os.environ, "DATABASE_URL": url}, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
