"""Rate limits on the public form, counted in Django's cache (fixed windows).

Two limits: requests from one client (its address, hashed, so the cache holds no address) and
responses stored through one link. A reception-desk tablet is one client for many citizens, so
the client limit counts pages, generously, rather than responses. The cache is shared by every
server process, so the limits hold across them: settings.RATE_LIMIT_CACHE, a table in the
database. Django's database cache adds a count atomically but increments it by reading then
writing, so two processes incrementing at the same instant may count once: a limit can let a
few more requests through under a burst, never fewer.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches


def _over(key: str, limit: int, window: int) -> bool:
    cache = caches[settings.RATE_LIMIT_CACHE]
    bucket = f"feedback-rate:{key}:{int(time.time() // window)}"
    count = 1
    if not cache.add(bucket, count, timeout=window * 2):
        try:
            count = cache.incr(bucket)
        except ValueError:  # expired between add and incr: this request opens a new count
            cache.add(bucket, count, timeout=window * 2)
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
