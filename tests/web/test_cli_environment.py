"""The data folder a command prepares: private to its owner whatever the umask."""

import os

import pytest

from journeymap.cli import environment

SQLITE = "django.db.backends.sqlite3"


@pytest.fixture
def open_umask():
    """The loosest umask, so a mode that comes out private was asked for, not inherited."""
    previous = os.umask(0)
    yield
    os.umask(previous)


@pytest.fixture
def no_key(monkeypatch, tmp_path):
    """No key in the environment, and settings naming a SQLite file in the test's folder (as
    settings do when they load after prepare()), not the suite's database."""
    from django.conf import settings

    monkeypatch.delenv("JOURNEYMAP_SECRET_KEY")
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", "unused")  # restored after prepare() sets it
    monkeypatch.setattr(settings, "DATABASES", {"default": {
        "ENGINE": SQLITE, "NAME": str(tmp_path / "new" / "data" / "journeymap.sqlite3")}})


def mode(path):
    return path.stat().st_mode & 0o777


def test_a_new_data_folder_and_its_key_are_private(tmp_path, open_umask, no_key):
    data_dir = environment.prepare(data_dir=tmp_path / "new" / "data")
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "secret_key") == 0o600
    assert mode(data_dir / "journeymap.sqlite3") == 0o600
    assert len((data_dir / "secret_key").read_text()) >= 50


def test_a_loose_key_from_an_earlier_version_is_tightened(tmp_path, no_key):
    (tmp_path / "secret_key").write_text("an-old-key")
    (tmp_path / "secret_key").chmod(0o644)
    environment.prepare(data_dir=tmp_path)
    assert mode(tmp_path / "secret_key") == 0o600
    assert os.environ["JOURNEYMAP_SECRET_KEY"] == "an-old-key"


def test_an_existing_data_folder_keeps_the_mode_its_owner_gave_it(tmp_path, no_key):
    tmp_path.chmod(0o750)
    environment.prepare(data_dir=tmp_path)
    assert mode(tmp_path) == 0o750


def test_the_sqlite_file_is_created_private_before_sqlite_opens_it(tmp_path, open_umask):
    database = {"ENGINE": SQLITE, "NAME": str(tmp_path / "journeymap.sqlite3")}
    environment.sqlite_file_make_private(database)
    assert mode(tmp_path / "journeymap.sqlite3") == 0o600


def test_a_loose_sqlite_file_is_tightened(tmp_path):
    (tmp_path / "journeymap.sqlite3").touch(mode=0o644)
    (tmp_path / "journeymap.sqlite3").chmod(0o644)
    environment.sqlite_file_make_private({"ENGINE": SQLITE,
                                          "NAME": str(tmp_path / "journeymap.sqlite3")})
    assert mode(tmp_path / "journeymap.sqlite3") == 0o600


@pytest.mark.parametrize("database", [
    {"ENGINE": SQLITE, "NAME": ":memory:"},
    {"ENGINE": SQLITE, "NAME": "file:memorydb_default?mode=memory&cache=shared"},
    {"ENGINE": "django.db.backends.postgresql", "NAME": "journeymap"},
])
def test_databases_without_a_file_are_left_alone(database, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    environment.sqlite_file_make_private(database)
    assert environment.sqlite_file(database) is None
    assert list(tmp_path.iterdir()) == []
