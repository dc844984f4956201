"""The XES reader: the rows it yields, across batch boundaries, and late columns kept private."""

from __future__ import annotations

import html
import threading

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.core.analytics import import_log, preview_log, pseudonym
from journeymap.core.analytics.errors import LogImportError
from journeymap.core.analytics.readers import xes_reader

KEYS = ["concept:name", "time:timestamp", "a", "t", "case:t"]
VALUES = st.text(alphabet="xyz<&\"' é", max_size=4)
ATTRIBUTE = st.tuples(st.sampled_from(KEYS), VALUES)
EVENT = st.lists(ATTRIBUTE, max_size=4)
TRACE = st.tuples(st.lists(ATTRIBUTE, max_size=3), st.lists(EVENT, max_size=4))


def _xes(traces) -> str:
    def attribute(key: str, value: str) -> str:
        return f'<string key="{html.escape(key)}" value="{html.escape(value)}"/>'

    parts = ['<?xml version="1.0"?>\n<log xmlns="http://www.xes-standard.org/">']
    for trace_attributes, events in traces:
        parts.append("<trace>")
        parts += [attribute(*pair) for pair in trace_attributes]
        for event in events:
            parts.append("<event>" + "".join(attribute(*pair) for pair in event) + "</event>")
        parts.append("</trace>")
    parts.append("</log>")
    return "\n".join(parts)


def _expected(traces) -> list[dict[str, str]]:
    """What XES means (as PM4Py reads it): each event's attributes, the last of a repeated key
    winning, with its trace's attributes as `case:<key>` over any of the event's own."""
    rows = []
    for trace_attributes, events in traces:
        case = {f"case:{key}": value for key, value in trace_attributes}
        for event in events:
            rows.append({**dict(event), **case})
    return rows


def _read(path) -> list[dict[str, str]]:
    rows = []
    for batch in xes_reader.xes_batches(path, max_bytes=1 << 30):
        for row in batch.to_pylist():
            assert row.pop("_row") == len(rows)
            rows.append({key: value for key, value in row.items() if value is not None})
    return rows


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two events, cut after every 64 bytes read: every boundary gets crossed."""
    monkeypatch.setattr(xes_reader, "BATCH_ROWS", 2)
    monkeypatch.setattr(xes_reader, "_READ_SIZE", 64)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(traces=st.lists(TRACE, max_size=6))
def test_rows_are_the_events_with_their_trace_attributes(traces, tmp_path, small_batches):
    path = tmp_path / "log.xes"
    path.write_text(_xes(traces), encoding="utf-8")
    assert _read(path) == _expected(traces)


def test_attributes_in_any_order_and_nested_ones_skipped(tmp_path):
    path = tmp_path / "log.xes"
    path.write_text(
        '<log><trace><string value="c1" key="concept:name"/>'
        '<event><string key="a" value="1"><string key="meta" value="no"/></string>'
        '<int key="n"/></event></trace></log>', encoding="utf-8")
    assert _read(path) == [{"case:concept:name": "c1", "a": "1"}]


def _late_column_log(events: int) -> str:
    body = [
        f'<trace><string key="concept:name" value="case-{number}"/><event>'
        f'<string key="concept:name" value="Call"/>'
        f'<date key="time:timestamp" value="2024-03-01T10:00:{number % 60:02d}Z"/>'
        + ('<string key="caller" value="Jo Bloggs"/>' if number == events - 1 else "")
        + "</event></trace>"
        for number in range(events)
    ]
    return '<?xml version="1.0"?>\n<log>' + "".join(body) + "</log>"


def test_a_column_first_seen_after_the_first_batch_is_pseudonymised(
    tmp_path, key, small_batches
):
    path = tmp_path / "log.xes"
    path.write_text(_late_column_log(events=9), encoding="utf-8")
    assert "caller" not in preview_log(source=path).headers  # the person never saw it
    stored = import_log(source=path, key=key, out_dir=tmp_path / "out",
                        pseudonymise_unmapped=True)
    assert "caller" in stored.personal_columns
    callers = pq.read_table(stored.events_path, columns=["caller"]).column(0).to_pylist()
    assert callers[-1] == pseudonym(value="Jo Bloggs", key=key)
    assert b"Bloggs" not in stored.events_path.read_bytes()


def test_clear_columns_stay_as_they_are(tmp_path, key):
    path = tmp_path / "log.xes"
    path.write_text(_late_column_log(events=2), encoding="utf-8")
    stored = import_log(source=path, key=key, out_dir=tmp_path / "out",
                        pseudonymise_unmapped=True, clear_columns=["caller"])
    callers = pq.read_table(stored.events_path, columns=["caller"]).column(0).to_pylist()
    assert callers == [None, "Jo Bloggs"]


def _parse_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("xes-parse")]


def _log_of(events: int, *, ending: str = "</log>") -> str:
    traces = "".join(
        f'<trace><string key="concept:name" value="c{number}"/>'
        f'<event><string key="concept:name" value="Call"/></event></trace>'
        for number in range(events)
    )
    return f"<log>{traces}{ending}"


def test_an_error_after_the_first_batches_is_raised_where_they_are_read(
    tmp_path, small_batches
):
    path = tmp_path / "log.xes"
    path.write_text(_log_of(20, ending="<trace><event></trace></log>"), encoding="utf-8")
    batches = xes_reader.xes_batches(path, max_bytes=1 << 30)
    assert next(batches).num_rows == 2  # the parse is well under way
    with pytest.raises(LogImportError, match=r"log\.xes: not well-formed XML"):
        list(batches)
    assert _parse_threads() == []


def test_closing_the_batches_early_stops_the_parse(tmp_path, small_batches):
    path = tmp_path / "log.xes"
    path.write_text(_log_of(2_000), encoding="utf-8")
    batches = xes_reader.xes_batches(path, max_bytes=1 << 30)
    assert next(batches).column("case:concept:name").to_pylist() == ["c0", "c1"]
    batches.close()
    assert _parse_threads() == []


def test_a_log_that_is_not_xes_is_refused_from_the_parsing_thread(tmp_path):
    path = tmp_path / "log.xes"
    path.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(LogImportError, match=r"not an XES log \(root element is <html>\)"):
        list(xes_reader.xes_batches(path, max_bytes=1 << 30))
    assert _parse_threads() == []


def test_an_import_that_fails_while_staging_stops_the_parse(tmp_path, key, small_batches,
                                                            monkeypatch):
    def full_disk(_writer, _batch):
        raise OSError("No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_batch", full_disk)
    path = tmp_path / "log.xes"
    path.write_text(_log_of(2_000), encoding="utf-8")
    with pytest.raises(OSError, match="No space left") as raised:
        import_log(source=path, key=key, out_dir=tmp_path / "out")
    # The error, kept as a caller (or a task's log) may keep it, holds the reader's frames.
    assert raised.traceback
    assert _parse_threads() == []
    assert list((tmp_path / "out").iterdir()) == []
