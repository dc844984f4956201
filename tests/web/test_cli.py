"""The `journeymap` command in its own process: help, createadmin, demo, manage, the data
folder's permissions, and what commands say on a database that is not set up."""

import os
import subprocess
import sys

import pytest

from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.jsonio import dumps

JOURNEYMAP = [sys.executable, "-m", "journeymap.cli"]


def run(args, *, data_dir, extra_env=None, input_text=None, program=JOURNEYMAP):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "JOURNEYMAP_SECRET_KEY", "DJANGO_SETTINGS_MODULE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"JOURNEYMAP_DATA_DIR": str(data_dir), "COLUMNS": "200", **(extra_env or {})})
    return subprocess.run([*program, *args], capture_output=True, text=True, env=env,
                          input=input_text, timeout=180, check=False)


def mode(path):
    return path.stat().st_mode & 0o777


def test_help_explains_each_command(tmp_path):
    result = run(["--help"], data_dir=tmp_path)
    assert result.returncode == 0
    for command in ("serve", "demo", "createadmin", "manage", "render", "export", "import",
                    "analyse", "synth", "convert"):
        assert command in result.stdout


@pytest.mark.slow
def test_demo_prints_a_login_that_works(tmp_path):
    result = run(["demo", "--no-serve"], data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "http://127.0.0.1:8000/" in result.stdout
    password = result.stdout.split("Pass")[1].split()[0]
    assert mode(tmp_path / "journeymap.sqlite3") == 0o600
    assert mode(tmp_path / "secret_key") == 0o600
    check = run(["manage", "shell", "-c",
                 "from django.contrib.auth.models import User;"
                 f"print(User.objects.get(username='demo').check_password('{password}'))"],
                data_dir=tmp_path)
    assert check.stdout.strip().endswith("True"), check.stderr
    queued = run(["manage", "shell", "-c",
                  "from django_tasks_db.models import DBTaskResult;"
                  "print(DBTaskResult.objects.filter(status='READY', task_path__endswith="
                  "'sweep_expired_research').count())"], data_dir=tmp_path)
    assert queued.stdout.strip().endswith("1"), queued.stderr  # the daily retention sweep


@pytest.mark.slow
def test_createadmin_makes_an_organisation_admin(tmp_path):
    assert run(["manage", "migrate", "-v", "0"], data_dir=tmp_path).returncode == 0
    result = run(["createadmin", "--organisation", "Chelmsford City Council",
                  "--username", "lisa", "--email", "lisa@example.org"],
                 data_dir=tmp_path, extra_env={"JOURNEYMAP_ADMIN_PASSWORD": "a long pass phrase 7"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "admin of Chelmsford City Council" in result.stdout
    again = run(["createadmin", "--organisation", "Chelmsford City Council",
                 "--username", "lisa"], data_dir=tmp_path,
                extra_env={"JOURNEYMAP_ADMIN_PASSWORD": "a long pass phrase 7"})
    assert again.returncode == 1
    assert "already taken" in again.stdout


@pytest.mark.slow
def test_createadmin_refuses_a_weak_password(tmp_path):
    assert run(["manage", "migrate", "-v", "0"], data_dir=tmp_path).returncode == 0
    result = run(["createadmin", "--organisation", "X Council", "--username", "weak"],
                 data_dir=tmp_path, extra_env={"JOURNEYMAP_ADMIN_PASSWORD": "password"})
    assert result.returncode == 1
    assert "too common" in result.stdout or "too short" in result.stdout


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(tmp_path):
    production = {
        "JOURNEYMAP_SECRET_KEY": "p" * 20 + "-Xq9!vZ3#mL8@rT5^wN2&kB7*hJ4(cF6)yD1",
        "JOURNEYMAP_HTTPS": "1",
        "JOURNEYMAP_DEBUG": "0",
        "JOURNEYMAP_ALLOWED_HOSTS": "journeys.example.gov.uk",
        "DATABASE_URL": "postgres://journeymap@127.0.0.1:5432/journeymap",
    }
    result = run(["manage", "check", "--deploy", "--fail-level", "WARNING"],
                 data_dir=tmp_path, extra_env=production)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_deploy_check_fails_without_https(tmp_path):
    """Proves the check above can fail: the same settings without HTTPS are flagged."""
    result = run(["manage", "check", "--deploy", "--fail-level", "WARNING"], data_dir=tmp_path,
                 extra_env={"JOURNEYMAP_SECRET_KEY": "p" * 20 + "-Xq9!vZ3#mL8@rT5^wN2&kB7*hJ4",
                            "JOURNEYMAP_HTTPS": "0"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_new_data_folder_is_private_to_its_owner(tmp_path):
    data_dir = tmp_path / "new" / "data"
    assert run(["manage", "migrate", "-v", "0"], data_dir=data_dir).returncode == 0
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "journeymap.sqlite3") == 0o600
    assert mode(data_dir / "secret_key") == 0o600


@pytest.mark.slow
def test_commands_on_an_unmigrated_data_folder_say_how_to_set_it_up(tmp_path):
    map_file = tmp_path / "map.json"
    map_file.write_text(dumps(load_demo_documents()[0]))
    commands = [
        ["export", "--organisation", "edinburgh", "--map", "1", "-o", str(tmp_path / "o.json")],
        ["import", str(map_file), "--organisation", "edinburgh", "--user", "alice"],
        ["createadmin", "--organisation", "X Council", "--username", "x",
         "--password", "a long pass phrase 7"],
        ["serve", "--no-migrate"],
    ]
    for command in commands:
        result = run(command, data_dir=tmp_path / "data")
        assert result.returncode == 1, command
        assert result.stdout.strip() == (
            f"The database in {tmp_path / 'data'} has not been set up: run "
            "`journeymap manage migrate` (with the same --data-dir or DATABASE_URL)."), command
        assert result.stderr == ""
    assert not (tmp_path / "o.json").exists()


@pytest.mark.slow
def test_a_database_behind_this_version_says_how_many_migrations_are_missing(tmp_path):
    assert run(["manage", "migrate", "journeys", "0001", "-v", "0"],
               data_dir=tmp_path).returncode == 0
    result = run(["export", "--organisation", "edinburgh", "--map", "1", "-o",
                  str(tmp_path / "o.json")], data_dir=tmp_path)
    assert result.returncode == 1
    assert "migration(s) behind this version: run `journeymap manage migrate`" in result.stdout
    assert result.stderr == ""
