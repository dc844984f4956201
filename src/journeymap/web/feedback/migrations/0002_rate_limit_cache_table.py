"""The table of the rate limits' shared cache, made with every `migrate` so that no
installation or demo needed a separate createcachetable. Migration 0003 replaced the cache with
the RateCount model (one upsert a count) and drops this table; its name is fixed here so the
migration no longer depends on a setting that is gone."""

from django.core.management import call_command
from django.db import migrations


def _table() -> str:
    return "journeymap_rate_limits"


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
