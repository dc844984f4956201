"""The `journeymap` command: help, createadmin, demo and manage, each in its own process."""

import os
import subprocess
import sys

import pytest

JOURNEYMAP = [sys.executable, "-m", "journeymap.cli"]


def run(args, *, data_dir, extra_env=None, input_text=None):
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "JOURNEYMAP_SECRET_KEY", "DJANGO_SETTINGS_MODULE",
                        "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"JOURNEYMAP_DATA_DIR": str(data_dir), "COLUMNS": "200", **(extra_env or {})})
    return subprocess.run([*JOURNEYMAP, *args], capture_output=True, text=True, env=env,
                          input=input_text, timeout=180, check=False)


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
    assert (tmp_path / "journeymap.sqlite3").exists()
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    check = run(["manage", "shell", "-c",
                 "from django.contrib.auth.models import User;"
                 f"print(User.objects.get(username='demo').check_password('{password}'))"],
                data_dir=tmp_path)
    assert check.stdout.strip().endswith("True"), check.stderr


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
