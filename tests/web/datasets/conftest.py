import pytest

from tests.web.datasets.builders import private_data_dir


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    return private_data_dir(settings, tmp_path)


@pytest.fixture(autouse=True)
def database_tasks(settings):
    """The database backend as in production, whatever the environment sets."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
