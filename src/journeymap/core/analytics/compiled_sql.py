"""The SQL text of each metric's expression, compiled once per process and then reused.

Compiling an Ibis expression (its rewrites, the translation to sqlglot, the SQL generation)
costs about as much as DuckDB takes to run it on a month of a million-event log, and an
analysis compiles some twenty. Two analyses of logs with the same columns build the same
expressions over tables of the same names (`backends.analysis_tables` names them per
connection, not at random), so their SQL is the same text.

The cache is keyed by the whole expression with its tables unbound from their connection
(name and schema stay), so an expression can only ever get its own SQL, and no connection is
kept alive by the cache. It holds SQL, never results; a filter's values are part of the one
expression that keeps the cases, so every later expression is the same for every period.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from ibis.backends import BaseBackend
from ibis.expr.types import Table

#: Distinct expressions remembered (an analysis has about twenty per shape of log).
MOST_ENTRIES = 512

_ENTRIES: OrderedDict[Hashable, str] = OrderedDict()
_LOCK = threading.Lock()


def cached_text(key: Hashable, build: Callable[[], str]) -> str:
    """The text remembered under `key`, built by `build` the first time (least recently used
    entries are forgotten beyond `MOST_ENTRIES`)."""
    with _LOCK:
        text = _ENTRIES.get(key)
        if text is not None:
            _ENTRIES.move_to_end(key)
            return text
    text = build()
    with _LOCK:
        _ENTRIES[key] = text
        while len(_ENTRIES) > MOST_ENTRIES:
            _ENTRIES.popitem(last=False)
    return text


def expression_key(con: BaseBackend, expression: Table, purpose: str = "select") -> Hashable:
    """What identifies `expression`'s SQL on `con`'s engine: the engine, what the text is for,
    and the expression with its tables unbound (named, with their schemas)."""
    return (con.name, purpose, expression.unbind().op())


def compiled_sql(con: BaseBackend, expression: Table) -> str:
    """`expression` as SQL for `con`'s engine, compiled at most once per process."""
    return cached_text(expression_key(con, expression), lambda: str(con.compile(expression)))
