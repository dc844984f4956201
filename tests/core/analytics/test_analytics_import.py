"""Importing: every format, the column guess, every bad-input path (nothing stored on failure)."""

from __future__ import annotations

import gzip
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from journeymap.core.analytics import ColumnMapping, StoredLog, import_log, pseudonym
from journeymap.core.analytics.columns import guess_mapping
from journeymap.core.analytics.errors import (
    BadValueError,
    ConfigurationError,
    InputTooLargeError,
    LogImportError,
    MissingColumnError,
    UnsafeXmlError,
)
from journeymap.core.analytics.store import events_sql

GOOD = [
    ["Case ID", "Timestamp", "Activity", "Channel"],
    ["r1", "2024-03-01 09:00:00", "Report repair", "phone"],
    ["r1", "2024-03-02 10:30:00", "Inspect", ""],
    ["r2", "2024-03-01 11:00:00", "Report repair", "web"],
]

XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <string key="concept:name" value="log-level, not an event"/>
  <trace>
    <string key="concept:name" value="case-1"/>
    <string key="channel" value="Desk"/>
    <event>
      <string key="concept:name" value="Receive"/>
      <date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/>
      <string key="org:resource" value="Ann"/>
    </event>
    <event>
      <string key="concept:name" value="Decide"/>
      <date key="time:timestamp" value="2024-03-01T12:00:00.000+01:00"/>
      <float key="cost" value="1.5"><string key="nested" value="ignored"/></float>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="case-2"/>
    <string key="channel" value="Internet"/>
    <event>
      <string key="concept:name" value="Receive"/>
      <date key="time:timestamp" value="2024-03-01T09:00:00Z"/>
    </event>
  </trace>
</log>
"""


def _stored_rows(stored: StoredLog) -> list[dict]:
    query = f"SELECT * FROM {events_sql(stored)} ORDER BY event_index"  # noqa: S608
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    relation = con.sql(query)
    return relation.to_arrow_table().to_pylist()


def _stored_bytes(stored: StoredLog) -> bytes:
    return stored.events_path.read_bytes() + stored.cases_path.read_bytes()


def test_csv_guessed_mapping_pseudonymised_and_utc(write_csv, key, tmp_path):
    stored = import_log(source=write_csv(GOOD), key=key, out_dir=tmp_path / "out")
    assert stored.mapping == ColumnMapping(
        case="Case ID", time="Timestamp", activity="Activity", channel="Channel"
    )
    rows = _stored_rows(stored)
    assert [row["case_id"] for row in rows] == [
        pseudonym(value=v, key=key) for v in ("r1", "r1", "r2")
    ]
    assert rows[0]["timestamp"].isoformat() == "2024-03-01T09:00:00+00:00"
    assert rows[1]["channel"] is None
    raw = _stored_bytes(stored)
    assert b"r1" not in raw and b"r2" not in raw
    assert json.loads((tmp_path / "out" / "log.json").read_text())["pseudonymised"] is True
    assert StoredLog.open(tmp_path / "out") == stored


def test_semicolon_gzip_csv_with_bom(tmp_path, key):
    text = "\ufeffcase;time;activity\nA;01/03/2024 09:00;Start\nA;13/03/2024 09:00;End\n"
    path = tmp_path / "log.csv.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    stored = import_log(source=path, key=key, out_dir=tmp_path / "out")
    rows = _stored_rows(stored)
    assert [row["timestamp"].day for row in rows] == [1, 13]  # day-first
    assert [row["timestamp"].month for row in rows] == [3, 3]


def test_excel_dates_and_text(tmp_path, key):
    import datetime as dt

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Reference", "Date", "Action"])
    sheet.append(["X1", dt.datetime(2024, 5, 1, 8, 0), "Call"])
    sheet.append(["X1", "02/05/2024 09:00", "Visit"])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    stored = import_log(source=path, key=None, out_dir=tmp_path / "out")
    rows = _stored_rows(stored)
    assert [row["case_id"] for row in rows] == ["X1", "X1"]
    assert rows[1]["timestamp"].isoformat() == "2024-05-02T09:00:00+00:00"
    assert stored.pseudonymised is False


def test_parquet_typed_timestamps_in_a_given_timezone(tmp_path, key):
    import datetime as dt

    table = pa.table(
        {
            "case": ["a", "a"],
            "activity": ["x", "y"],
            "time": pa.array(
                [dt.datetime(2024, 7, 1, 10, 0), dt.datetime(2024, 7, 1, 11, 0)],
                pa.timestamp("us"),
            ),
        }
    )
    path = tmp_path / "log.parquet"
    pq.write_table(table, path)
    stored = import_log(source=path, key=key, out_dir=tmp_path / "o", timezone="Europe/London")
    rows = _stored_rows(stored)
    assert rows[0]["timestamp"].isoformat() == "2024-07-01T09:00:00+00:00"  # BST is UTC+1


def test_xes_trace_attributes_carried_onto_events(tmp_path, key):
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(XES.encode("utf-8")))
    stored = import_log(source=path, key=None, out_dir=tmp_path / "out")
    assert stored.mapping.case == "case:concept:name"
    assert stored.mapping.channel == "case:channel"
    rows = _stored_rows(stored)
    assert [(r["case_id"], r["activity"], r["channel"]) for r in rows] == [
        ("case-1", "Receive", "Desk"),
        ("case-1", "Decide", "Desk"),
        ("case-2", "Receive", "Internet"),
    ]
    assert rows[0]["timestamp"].isoformat() == "2024-03-01T09:00:00+00:00"
    assert rows[1]["cost"] == "1.5"
    assert "nested" not in stored.columns


def test_guess_mapping_prefers_specific_names():
    guessed = guess_mapping(headers=["CustomerID", "ContactDate", "Action", "ContactChannelID"])
    assert guessed["case"] == "CustomerID"
    assert guessed["time"] == "ContactDate"
    assert guessed["activity"] == "Action"
    assert guessed["channel"] == "ContactChannelID"


def _assert_nothing_stored(out_dir):
    assert not out_dir.exists() or list(out_dir.iterdir()) == []


def test_missing_column_is_named(write_csv, key, tmp_path):
    mapping = ColumnMapping(case="Case ID", time="When", activity="Activity")
    with pytest.raises(MissingColumnError, match=r"'When'.*columns found: 'Case ID'"):
        import_log(source=write_csv(GOOD), key=key, out_dir=tmp_path / "out", mapping=mapping)
    _assert_nothing_stored(tmp_path / "out")


def test_bad_timestamp_names_line_column_and_value(write_csv, key, tmp_path):
    rows = [*GOOD, ["r3", "yesterday", "Report repair", "phone"]]
    with pytest.raises(BadValueError) as caught:
        import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "out")
    assert str(caught.value).startswith("line 5, column 'Timestamp': got 'yesterday'")
    _assert_nothing_stored(tmp_path / "out")


def test_empty_case_id_is_reported(write_csv, key, tmp_path):
    rows = [*GOOD[:2], ["", "2024-03-01 10:00:00", "Inspect", ""]]
    with pytest.raises(BadValueError, match=r"line 3, column 'Case ID'.*a case id"):
        import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "out")


def test_previous_import_survives_a_failed_one(write_csv, key, tmp_path):
    out = tmp_path / "out"
    first = import_log(source=write_csv(GOOD), key=key, out_dir=out)
    bad = write_csv([*GOOD, ["r9", "not a date", "x", ""]], name="bad.csv")
    with pytest.raises(BadValueError):
        import_log(source=bad, key=key, out_dir=out)
    assert StoredLog.open(out) == first
    assert sorted(p.name for p in out.iterdir()) == ["cases.parquet", "events.parquet", "log.json"]


@pytest.mark.parametrize("content", ["", "case,time,activity\n"])
def test_empty_files(tmp_path, key, content):
    path = tmp_path / "empty.csv"
    path.write_text(content)
    with pytest.raises(LogImportError, match=r"empty|no events"):
        import_log(source=path, key=key, out_dir=tmp_path / "out")
    _assert_nothing_stored(tmp_path / "out")


def test_short_key_refused(write_csv, tmp_path):
    with pytest.raises(ConfigurationError, match="at least 16"):
        import_log(source=write_csv(GOOD), key=b"short", out_dir=tmp_path / "out")


def test_unknown_timezone_refused(write_csv, key, tmp_path):
    with pytest.raises(ConfigurationError, match="Mars/Olympus"):
        import_log(source=write_csv(GOOD), key=key, out_dir=tmp_path, timezone="Mars/Olympus")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<log><trace><string key="concept:name" value="&lol3;"/></trace></log>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE log [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<log><trace><string key="concept:name" value="&secret;"/></trace></log>
"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_hostile_xml_refused(tmp_path, key, xml):
    path = tmp_path / "log.xes"
    path.write_text(xml)
    with pytest.raises(UnsafeXmlError, match="DTD or entities"):
        import_log(source=path, key=key, out_dir=tmp_path / "out")
    _assert_nothing_stored(tmp_path / "out")


def test_malformed_xml(tmp_path, key):
    path = tmp_path / "log.xes"
    path.write_text("<log><trace><event></trace></log>")
    with pytest.raises(LogImportError, match="not well-formed"):
        import_log(source=path, key=key, out_dir=tmp_path / "out")


@pytest.mark.parametrize("suffix", ["csv", "xes"])
def test_gzip_bomb_stopped_by_the_size_cap(tmp_path, key, suffix):
    path = tmp_path / f"bomb.{suffix}.gz"
    header = b"case,time,activity\n" if suffix == "csv" else b"<log>"
    with gzip.open(path, "wb") as handle:
        handle.write(header)
        for _ in range(64):
            handle.write(b" " * (1 << 20))
    assert path.stat().st_size < 200_000
    with pytest.raises(InputTooLargeError, match="once decompressed"):
        import_log(source=path, key=key, out_dir=tmp_path / "out", max_bytes=8 << 20)
    _assert_nothing_stored(tmp_path / "out")


def test_personal_columns_are_pseudonymised(write_csv, key, tmp_path):
    rows = [["case", "time", "activity", "caller_name"], ["1", "2024-01-01", "Call", "Jo Bloggs"]]
    stored = import_log(
        source=write_csv(rows), key=key, out_dir=tmp_path / "o", personal_columns=["caller_name"]
    )
    row = _stored_rows(stored)[0]
    assert row["caller_name"] == pseudonym(value="Jo Bloggs", key=key)
    assert b"Bloggs" not in _stored_bytes(stored)


def test_month_first_used_only_when_day_first_fails(write_csv, key, tmp_path):
    rows = [["case", "time", "activity"], ["1", "03/04/2024 10:00", "a"], ["1", "12/31/2024", "b"]]
    stored = import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "o")
    times = [row["timestamp"].date().isoformat() for row in _stored_rows(stored)]
    assert times == ["2024-03-04", "2024-12-31"]  # the whole column read month-first


def test_column_mixing_date_orders_is_refused(write_csv, key, tmp_path):
    rows = [["case", "time", "activity"], ["1", "31/12/2024", "a"], ["1", "12/31/2024", "b"]]
    with pytest.raises(BadValueError, match=r"line 3, column 'time': got '12/31/2024'"):
        import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "o")


def test_blank_activity_is_reported(write_csv, key, tmp_path):
    rows = [["case", "time", "activity"], ["1", "2024-01-01", "a"], ["2", "2024-01-01", "  "]]
    with pytest.raises(BadValueError, match=r"line 3, column 'activity': got '  '"):
        import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "o")


def test_spaces_around_times_and_activities(write_csv, key, tmp_path):
    rows = [
        ["case", "time", "activity"],
        ["1", " 2024-01-02 ", " Call"],
        ["1", "2024-01-03T10:00:00Z ", "Visit"],
        ["1", " 04/01/2024 09:30", "Letter"],
    ]
    stored = _stored_rows(import_log(source=write_csv(rows), key=key, out_dir=tmp_path / "o"))
    assert [row["timestamp"].isoformat() for row in stored] == [
        "2024-01-02T00:00:00+00:00", "2024-01-03T10:00:00+00:00", "2024-01-04T09:30:00+00:00",
    ]
    assert [row["activity"] for row in stored] == [" Call", "Visit", "Letter"]
