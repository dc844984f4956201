"""Rate limits on the public form, counted in the database (fixed windows).

Two limits: requests from one client (its address, hashed, so the table holds no address) and
responses stored through one link. A reception-desk tablet is one client for many citizens, so
the client limit counts pages, generously, rather than responses. Every server process counts in
the same table, so the limits hold across them; each count is one atomic upsert that starts the
window again when it has moved on and answers the new count, so concurrent requests are never
counted once for two. On PostgreSQL the count is committed without waiting for the disk: a
crash may forget the last instant's counts, which costs a limit a moment, never a response.
"""

import hashlib
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction

from journeymap.web.feedback.models import RateCount


def _count_sql(*, lazy_commit: bool) -> str:
    table = connection.ops.quote_name(RateCount._meta.db_table)
    if lazy_commit:
        # The statement is its own transaction, and turns off that transaction's wait for the
        # disk itself (set_config(..., true) is SET LOCAL, read when it commits): one round trip
        # where BEGIN, SET LOCAL, the upsert and COMMIT took four. It answers exactly one row.
        row = "SELECT %s, %s, 1, %s WHERE set_config('synchronous_commit', 'off', true) = 'off'"
    else:
        row = "VALUES (%s, %s, 1, %s)"
    return (f"INSERT INTO {table} (key, period, count, expires) {row} "
            f"ON CONFLICT (key) DO UPDATE SET count = CASE WHEN {table}.period = "
            f"excluded.period THEN {table}.count + 1 ELSE 1 END, period = excluded.period, "
            f"expires = excluded.expires RETURNING count")


def _over(key: str, limit: int, window: int) -> bool:
    now = time.time()
    period = int(now // window)
    expires = datetime.fromtimestamp((period + 1) * window, tz=UTC)
    # Only a count in a transaction of its own: inside a caller's, turning the wait off would
    # hold for whatever else that transaction writes.
    lazy_commit = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(_count_sql(lazy_commit=lazy_commit), [key, period, expires])
        count = cursor.fetchone()[0]
    if count == 1:
        # A new window for this key: clear the counts whose windows have all ended.
        with transaction.atomic(), connection.cursor() as cursor:
            if lazy_commit:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            RateCount.objects.filter(expires__lt=datetime.fromtimestamp(now, tz=UTC)).delete()
    return count > limit


def client_over_limit(client_address: str | None) -> bool:
    limit, window = settings.FEEDBACK_CLIENT_LIMIT
    client = hashlib.sha256((client_address or "unknown").encode()).hexdigest()[:32]
    return _over(f"client:{client}", limit, window)


def link_over_limit(link_id: int) -> bool:
    limit, window = settings.FEEDBACK_LINK_LIMIT
    return _over(f"link:{link_id}", limit, window)


def retry_after() -> int:
    """Seconds to suggest before trying again: the longer window."""
    return max(settings.FEEDBACK_CLIENT_LIMIT[1], settings.FEEDBACK_LINK_LIMIT[1])
