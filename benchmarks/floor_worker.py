"""The least work any "file to figures" run must do here, as its own process: the floor.

The analytics issue requires every log to be read once, its case ids pseudonymised with
HMAC-SHA256 and the result stored as Parquet before any metric runs. This worker does only
that, in plain DuckDB SQL with nothing else imported (no Ibis, no pyarrow, no validation, no
metric): start Python, `import duckdb`, read the CSV into a table, HMAC each distinct case id,
write the events with their pseudonyms to Parquet. Whatever the engine does, it cannot take
less time than this on the same machine, so the runner can show how much of the speed-up
target is left once the required steps are paid for.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import duckdb

# The same HMAC construction the store uses (RFC 2104 over DuckDB's sha256), with a fixed
# benchmark key; imported from journeymap it would pull in the whole package.
_KEY = b"benchmark-key-0123456789".ljust(64, b"\0")
_INNER = bytes(byte ^ 0x36 for byte in _KEY).hex()
_OUTER = bytes(byte ^ 0x5C for byte in _KEY).hex()
HMAC_SQL = (
    f"left(sha256(unhex('{_OUTER}') || unhex(sha256(unhex('{_INNER}') || encode(id)))), 32)"
)
COLUMNS = (
    "{'case_id': 'VARCHAR', 'timestamp': 'VARCHAR', 'activity': 'VARCHAR', "
    "'channel': 'VARCHAR', 'service': 'VARCHAR', 'reason': 'VARCHAR', 'outcome': 'VARCHAR'}"
)


def main(path: str) -> None:
    con = duckdb.connect()
    source = path.replace("'", "''")
    con.execute(
        "CREATE TABLE raw AS SELECT * FROM read_csv("  # noqa: S608 - benchmark paths only
        f"'{source}', header = true, auto_detect = false, columns = {COLUMNS})"
    )
    con.execute("SET preserve_insertion_order = false")
    con.execute("CREATE TABLE ids AS SELECT DISTINCT case_id AS id FROM raw")
    con.execute(f"CREATE TABLE pseudonyms AS SELECT id, {HMAC_SQL} AS pseudonym FROM ids")  # noqa: S608
    with tempfile.TemporaryDirectory(prefix="jm-floor-") as scratch:
        out = str(Path(scratch) / "events.parquet").replace("'", "''")
        con.execute(
            "COPY (SELECT pseudonyms.pseudonym AS case_id, epoch_us(CAST(raw.timestamp AS "  # noqa: S608
            "TIMESTAMPTZ)) AS time_us, raw.* EXCLUDE (case_id, timestamp) FROM raw "
            f"JOIN pseudonyms ON raw.case_id = pseudonyms.id) TO '{out}' (FORMAT parquet)"
        )
    events = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    cases = con.execute("SELECT count(*) FROM ids").fetchone()[0]
    print(json.dumps({"events": events, "cases": cases}))


if __name__ == "__main__":
    main(sys.argv[1])
