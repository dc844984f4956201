"""Where the datasets' logs are imported and analysed: the settings' backend and Spark master.

Both steps of a dataset run on the same engine, so a log imported on a Spark cluster is also
analysed there (settings ANALYTICS_BACKEND and SPARK_MASTER, from the environment).
"""

from django.conf import settings
from ibis.backends import BaseBackend

from journeymap.core.analytics import StoredLog, analysis_connection, import_log_on


def dataset_log_import(**arguments) -> StoredLog:
    """`import_log(**arguments)` on the configured engine."""
    return import_log_on(
        backend=settings.ANALYTICS_BACKEND, spark_master=settings.SPARK_MASTER, **arguments
    )


def dataset_connection() -> BaseBackend:
    """The connection the datasets' analyses run on."""
    return analysis_connection(
        backend=settings.ANALYTICS_BACKEND, spark_master=settings.SPARK_MASTER
    )
