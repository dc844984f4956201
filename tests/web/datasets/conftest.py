import pytest


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Each test's own data folder (and key folder), so files can be searched and counted."""
    settings.DATA_DIR = tmp_path / "data"
    settings.PSEUDONYM_KEYS_DIR = tmp_path / "data" / "keys"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
