"""Text columns as small integer codes inside the engine; names are put back in Python.

Every per-case window and group-by moves its columns through a sort or a hash table, and an
integer moves several times faster than text. So each text column the metrics group or compare
on (activity, channel, service, organisation) is replaced by its index in the sorted list of its
distinct values, and the results, a few thousand rows at most, are named again in Python.
"""

from __future__ import annotations

import ibis
from ibis.expr.types import Table

from journeymap.core.analytics.metrics.fetch import rows


def _codes(table: Table, column: str) -> Table:
    """`_jm_value` -> `_jm_code` for the distinct values of `column` in `table`."""
    distinct = table.select(column).filter(table[column].notnull()).distinct()
    # 32-bit codes: half the memory of the engine's default 64-bit integers in every window,
    # sort and cached table that carries them.
    rank = ibis.dense_rank().over(order_by=distinct[column])
    codes = distinct.mutate(_jm_code=rank.cast("int32"))
    return codes.rename(_jm_value=column)


def coded_columns(table: Table, as_names: dict[str, str]) -> tuple[Table, dict[str, list[str]]]:
    """`table` with each column of `as_names` replaced by its code (NULL stays NULL) under
    the name it maps to, and each column's values by code.

    The engine numbers the values (a rank over the distinct values, which sorts by code point
    on both backends) rather than being sent a lookup table, so nothing has to be uploaded.
    Every column's codes are ranked over `table` itself, never over a table already joined
    with another column's codes (the engine cannot drop those joins and would redo them), and
    all the value lists come back in one query.
    """
    codes = {column: _codes(table, column) for column in as_names}
    listed = ibis.union(*(
        codes[column].select(
            _jm_column=ibis.literal(column),
            _jm_value=codes[column]._jm_value.cast("string"),
            _jm_code=codes[column]._jm_code,
        )
        for column in as_names
    ), distinct=False)
    values: dict[str, list[str]] = {column: [] for column in as_names}
    for row in sorted(rows(listed), key=lambda row: (row["_jm_column"], row["_jm_code"])):
        values[row["_jm_column"]].append(str(row["_jm_value"]))
    joined = table
    for column, as_name in as_names.items():
        joined = joined.left_join(codes[column], joined[column] == codes[column]["_jm_value"])
        joined = joined.drop(column, "_jm_value").rename(**{as_name: "_jm_code"})
    return joined, values


def coded(table: Table, column: str, *, as_name: str) -> tuple[Table, list[str]]:
    """`table` with `column` replaced by `as_name`, its code, and the values by code (one
    column of `coded_columns`)."""
    joined, values = coded_columns(table, {column: as_name})
    return joined, values[column]
