"""The table of the rate limits' shared cache (settings.RATE_LIMIT_CACHE), made with every
`migrate` so that no installation, test database or demo needs a separate createcachetable."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", settings.RATE_LIMIT_CACHE,
                 database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    table = settings.CACHES[settings.RATE_LIMIT_CACHE]["LOCATION"]
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
