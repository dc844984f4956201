"""The table of the rate limits' shared cache (settings.RATE_LIMIT_CACHE), made with every
`migrate` so that no installation or demo needs a separate createcachetable (Django's test
runner makes every cache table itself, so a test of the migrated schema proves nothing here:
tests/web/feedback/test_abuse.py checks the table after a plain `migrate`)."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def _table() -> str:
    return settings.CACHES[settings.RATE_LIMIT_CACHE]["LOCATION"]


def create_cache_table(apps, schema_editor):
    # createcachetable takes table names (not cache aliases), and makes only those given.
    call_command("createcachetable", _table(), database=schema_editor.connection.alias,
                 verbosity=0)


def drop_cache_table(apps, schema_editor):
    table = _table()
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
