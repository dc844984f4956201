"""Which database a run uses: scripts/test.sh runs these tests on PostgreSQL, then on SQLite."""

import os

from django.db import connection


def test_the_run_uses_the_database_the_environment_names(db):
    named = os.environ.get("DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if named.startswith("postgres") else "sqlite")


def test_the_audit_log_triggers_exist_in_this_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'audit_auditevent' ORDER BY name")
            expected = [("audit_event_no_delete",), ("audit_event_no_update",)]
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                           "AND tgrelid = 'audit_auditevent'::regclass")
            expected = [("audit_event_append_only",)]
        assert cursor.fetchall() == expected
