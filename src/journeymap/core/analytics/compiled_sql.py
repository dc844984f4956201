"""The SQL text of each metric's expression, compiled once per process and then reused.

Compiling an Ibis expression (its rewrites, the translation to sqlglot, the SQL generation)
costs about as much as DuckDB takes to run it on a month of a million-event log, and an
analysis compiles some twenty. Two analyses of logs with the same columns build the same
expressions over tables of the same names and columns (`backends` names them per connection,
not at random, and a filter's kept events take the whole log's name), so their SQL is the same
text: a filter's values enter only the query that keeps the cases, which is not remembered.

The key is the whole expression as built, so an expression only ever gets its own SQL. Its
tables name their connection, and Ibis counts two connections to the same database as equal,
so the expressions of a later analysis (on a new connection to the process's DuckDB database,
see `backends.connect`) find the earlier SQL. Unbinding the tables from their connection
instead would cost a quarter of a re-analysis's Python time; the price is that each entry
keeps the connection it was first compiled on open (about 130 KB), at most `MOST_ENTRIES`.
The cache holds SQL, never results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from ibis.backends import BaseBackend
from ibis.expr.types import Table

#: Distinct expressions remembered (an analysis has about twenty per shape of log).
MOST_ENTRIES = 256

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
    and the expression itself."""
    return (con.name, purpose, expression.op())


def compiled_sql(con: BaseBackend, expression: Table) -> str:
    """`expression` as SQL for `con`'s engine, compiled at most once per process."""
    return cached_text(expression_key(con, expression), lambda: str(con.compile(expression)))
