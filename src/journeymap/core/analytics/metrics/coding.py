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


def coded(table: Table, column: str, *, as_name: str) -> tuple[Table, list[str]]:
    """`table` with `column` replaced by `as_name`, its code (NULL stays NULL), and the values
    by code.

    The engine numbers the values (a rank over the distinct values, which sorts by code point
    on both backends) rather than being sent a lookup table, so nothing has to be uploaded.
    """
    distinct = table.select(column).filter(table[column].notnull()).distinct()
    codes = distinct.mutate(_jm_code=ibis.dense_rank().over(order_by=distinct[column]))
    codes = codes.rename(_jm_value=column)
    values = [str(row["_jm_value"]) for row in rows(codes.order_by("_jm_code"))]
    joined = table.left_join(codes, table[column] == codes["_jm_value"])
    return joined.drop(column, "_jm_value").rename(**{as_name: "_jm_code"}), values
