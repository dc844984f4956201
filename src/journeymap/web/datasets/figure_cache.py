"""Figures worked out from a dataset, kept in Django's cache between page views.

A figure is keyed on everything it depends on (the stored log, the threshold, the rules, the
filter, the links and the map's steps), so any change gives a new key and the old entry is
never read again; nothing needs deleting. Only suppressed figures are cached.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

Figures = TypeVar("Figures")
# Long enough to spare repeated views, short enough that entries of old keys age out.
KEEP_SECONDS = 6 * 60 * 60


def cached_figures(*, kind: str, depends_on: dict, compute: Callable[[], Figures | None]
                   ) -> Figures | None:
    """The cached figures of `kind` for `depends_on` (JSON-ready), or `compute()`'s, stored
    when they are not None."""
    digest = hashlib.sha256(json.dumps(depends_on, sort_keys=True, default=str).encode())
    key = f"datasets:{kind}:{digest.hexdigest()}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        if figures is not None:
            cache.set(key, figures, KEEP_SECONDS)
    return figures
