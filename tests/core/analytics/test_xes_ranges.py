"""XES parsed in ranges on several processes: the staged rows are the sequential reader's, and
any cut that is not between top-level traces, or any error, ends in the sequential reader."""

from __future__ import annotations

import gzip

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.core.analytics import import_log
from journeymap.core.analytics.errors import (
    BadValueError,
    InputTooLargeError,
    LogImportError,
    UnsafeXmlError,
)
from journeymap.core.analytics.readers import xes_ranges
from journeymap.core.analytics.staging import stage

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n'
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\n'
    '  <string key="concept:name" value="the log itself"/>\n'
)


def _trace(number: int, *, events: int = 2) -> str:
    """A trace whose attributes vary with its number, so later ranges bring new columns."""
    lines = [f'  <trace>\n    <string key="concept:name" value="c{number}"/>\n']
    if number % 7 == 3:
        lines.append(f'    <string key="t" value="trace {number}"/>\n')
    for event in range(events):
        lines.append("    <event>\n      <string key=\"concept:name\" value=\"Call\"/>\n")
        time = f"2024-03-01T10:{number % 60:02d}:00Z"
        lines.append(f'      <date key="time:timestamp" value="{time}"/>\n')
        lines.append(f'      <string key="case:t" value="own {number}.{event}"/>\n')
        if number > 40:
            lines.append(f'      <int key="late{number % 3}" value="{event}"/>\n')
        lines.append("    </event>\n")
    lines.append("  </trace>\n")
    return "".join(lines)


def _log(traces: int, *, between: dict[int, str] | None = None, root: str = "log") -> str:
    """`traces` traces, with `between[n]` written just before trace n."""
    body = "".join((between or {}).get(number, "") + _trace(number) for number in range(traces))
    return HEADER.replace("<log ", f"<{root} ") + body + f"</{root}>\n"


@pytest.fixture
def ranges(monkeypatch):
    """Any file is split, in two ranges of even length."""
    monkeypatch.setattr(xes_ranges, "RANGE_MIN_BYTES", 1)
    monkeypatch.setattr(xes_ranges, "_HEAD_START_BYTES", 0)
    monkeypatch.setattr(xes_ranges, "_cores", lambda: 2)


def _staged(path, work) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect()
    work.mkdir(exist_ok=True)
    stage(con, source=path, fmt=None, work=work, max_bytes=1 << 30)
    names = [row[0] for row in con.execute("DESCRIBE staged").fetchall()]
    return names, con.execute("SELECT * FROM staged ORDER BY _row").fetchall()


def _sequential(path, work, monkeypatch) -> tuple[list[str], list[tuple]]:
    with monkeypatch.context() as patched:
        patched.setattr(xes_ranges, "RANGE_MIN_BYTES", 1 << 40)
        return _staged(path, work)


def _split_parts(path, work) -> list[str] | None:
    work.mkdir(exist_ok=True)
    parts = xes_ranges.stage_xes_ranges(path, work=work, max_bytes=1 << 30)
    left = sorted(part.name for part in work.iterdir())
    if parts is None:
        assert left == []  # a failed split leaves nothing behind
        return None
    return [part.name for part in parts]


@pytest.mark.parametrize("root", ["log", "xes:log"])
def test_a_split_log_stages_as_the_sequential_reader_does(tmp_path, ranges, monkeypatch, root):
    path = tmp_path / "log.xes"
    text = _log(60, root=root)
    if root != "log":  # a prefixed root (and traces in its namespace) is spelt back as it is
        text = text.replace('<xes:log xes.version="1.0" ',
                            '<xes:log xmlns:xes="http://www.xes-standard.org/" ')
        text = text.replace("<trace>", "<xes:trace>").replace("</trace>", "</xes:trace>")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(xes_ranges, "_cores", lambda: 3)
    parts = _split_parts(path, tmp_path / "probe")
    assert parts is not None
    assert {part[:9] for part in parts} == {"part-000-", "part-001-", "part-002-"}
    names, rows = _staged(path, tmp_path / "split")
    assert (names, rows) == _sequential(path, tmp_path / "sequential", monkeypatch)
    assert [row[names.index("_row")] for row in rows] == list(range(120))
    assert "late2" in names  # first seen in a later range, as in the file


@pytest.mark.parametrize("construct", [
    "  <!-- an example: <trace> -->\n",
    "  <string key=\"note\" value=\"x\"><![CDATA[<trace>]]></string>\n",
    "  <?note <trace ?>\n",
    "  <container><trace><event><string key=\"concept:name\" value=\"Nested\"/></event></trace>"
    "</container>\n",
])
def test_a_cut_inside_anything_but_the_root_falls_back(tmp_path, ranges, monkeypatch,
                                                        construct):
    path = tmp_path / "log.xes"
    # One long trace holds the first half of the file and more, so the first `<trace` after
    # half the file is the one inside the construct that follows it.
    text = HEADER + _trace(0, events=300) + construct + "".join(map(_trace, range(1, 30)))
    path.write_text(text + "</log>\n", encoding="utf-8")
    assert _split_parts(path, tmp_path / "probe") is None
    names, rows = _staged(path, tmp_path / "staged")
    assert (names, rows) == _sequential(path, tmp_path / "sequential", monkeypatch)
    assert len(rows) == 300 + 29 * 2  # the nested trace is not log data


@pytest.mark.parametrize(("fault", "message"), [
    ("  <trace><event></trace>\n", "not well-formed XML (mismatched tag: line {line}, column 18)"),
    ('  <trace><string key="concept:name" value="&nope;"/></trace>\n',
     "not well-formed XML (undefined entity: line {line}, column 9)"),
    ('  <!DOCTYPE log [<!ENTITY nope "x">]>\n',
     "not well-formed XML (not well-formed (invalid token): line {line}, column 4)"),
])
def test_an_error_in_a_later_range_is_the_sequential_readers_error(
    tmp_path, ranges, monkeypatch, fault, message
):
    path = tmp_path / "log.xes"
    text = _log(60, between={50: fault})
    path.write_text(text, encoding="utf-8")
    line = text[:text.index(fault)].count("\n") + 1
    assert line > text.count("\n") / 2  # the fault is in the last range
    assert _split_parts(path, tmp_path / "probe") is None
    with pytest.raises(LogImportError) as split:
        _staged(path, tmp_path / "split")
    assert str(split.value) == "log.xes: " + message.format(line=line)
    with monkeypatch.context() as patched:
        patched.setattr(xes_ranges, "RANGE_MIN_BYTES", 1 << 40)
        with pytest.raises(LogImportError) as sequential:
            _staged(path, tmp_path / "sequential")
    assert str(split.value) == str(sequential.value)


def test_a_bad_timestamp_in_a_later_range_names_its_event_in_the_file(
    tmp_path, ranges, monkeypatch, key
):
    path = tmp_path / "log.xes"
    bad = _trace(1000).replace("2024-03-01T10:40:00Z", "yesterday", 1)
    path.write_text(_log(60, between={50: bad}), encoding="utf-8")
    assert _split_parts(path, tmp_path / "probe") is not None  # it parses: the store refuses it
    with pytest.raises(BadValueError) as split:
        import_log(source=path, key=key, out_dir=tmp_path / "split")
    assert str(split.value).startswith("event 101 (in file order), column 'time:timestamp': "
                                       "got 'yesterday'")
    with monkeypatch.context() as patched:
        patched.setattr(xes_ranges, "RANGE_MIN_BYTES", 1 << 40)
        with pytest.raises(BadValueError) as sequential:
            import_log(source=path, key=key, out_dir=tmp_path / "sequential")
    assert str(split.value) == str(sequential.value)


def test_a_dtd_in_the_header_is_refused_as_before(tmp_path, ranges):
    path = tmp_path / "log.xes"
    text = _log(60).replace("<log ", '<!DOCTYPE log [<!ENTITY e "x">]>\n<log ', 1)
    path.write_text(text, encoding="utf-8")
    assert _split_parts(path, tmp_path / "probe") is None
    with pytest.raises(UnsafeXmlError, match="refused for safety"):
        _staged(path, tmp_path / "split")


def test_a_long_run_without_a_tag_in_a_later_range_is_refused_as_before(
    tmp_path, ranges, monkeypatch
):
    monkeypatch.setenv("JOURNEYMAP_MAX_XML_RUN_BYTES", "1000")
    path = tmp_path / "log.xes"
    path.write_text(_log(60, between={50: " " * 2000 + "\n"}), encoding="utf-8")
    assert _split_parts(path, tmp_path / "probe") is None
    with pytest.raises(InputTooLargeError, match="more than 1,000 bytes of XML without a tag"):
        _staged(path, tmp_path / "split")


@pytest.mark.parametrize("interpreter", ["/bin/false", "/no/such/python"])
def test_a_range_process_that_fails_leaves_the_file_to_the_sequential_reader(
    tmp_path, ranges, monkeypatch, interpreter
):
    path = tmp_path / "log.xes"
    path.write_text(_log(60), encoding="utf-8")
    expected = _sequential(path, tmp_path / "sequential", monkeypatch)
    monkeypatch.setattr(xes_ranges.sys, "executable", interpreter)
    assert _split_parts(path, tmp_path / "probe") is None
    assert _staged(path, tmp_path / "staged") == expected


def test_a_header_over_a_quarter_of_the_file_is_read_sequentially(tmp_path, ranges):
    path = tmp_path / "log.xes"
    meta = '  <string key="meta" value="{}"/>\n'.format("m" * 100) * 60
    path.write_text(_log(10).replace(
        '<string key="concept:name" value="the log itself"/>\n', meta, 1), encoding="utf-8")
    assert _split_parts(path, tmp_path / "probe") is None


@pytest.mark.parametrize(("declared", "encoding"), [
    ("ISO-8859-1", "latin-1"), ("UTF-16", "utf-16"),
])
def test_a_log_not_in_utf8_is_read_sequentially(tmp_path, ranges, monkeypatch, declared,
                                                encoding):
    path = tmp_path / "log.xes"
    text = _log(60).replace('encoding="UTF-8"', f'encoding="{declared}"')
    path.write_bytes(text.replace("Call", "Café").encode(encoding))
    assert _split_parts(path, tmp_path / "probe") is None
    names, rows = _sequential(path, tmp_path / "sequential", monkeypatch)
    assert len(rows) == 120
    assert rows[0][names.index("concept:name")] == "Café"


def test_a_small_file_is_read_sequentially(tmp_path, monkeypatch):
    monkeypatch.setattr(xes_ranges, "_cores", lambda: 3)
    path = tmp_path / "log.xes"
    path.write_text(_log(60), encoding="utf-8")
    assert path.stat().st_size < 2 * xes_ranges.RANGE_MIN_BYTES
    assert _split_parts(path, tmp_path / "probe") is None


def test_no_range_is_shorter_than_the_least_however_many_cores(tmp_path, monkeypatch):
    path = tmp_path / "log.xes"
    path.write_text(_log(60), encoding="utf-8")
    monkeypatch.setattr(xes_ranges, "_cores", lambda: 8)
    monkeypatch.setattr(xes_ranges, "RANGE_MIN_BYTES", path.stat().st_size // 2)
    parts = _split_parts(path, tmp_path / "probe")
    assert parts is not None
    assert {part[:9] for part in parts} == {"part-000-", "part-001-"}


def test_a_compressed_file_is_read_sequentially(tmp_path, ranges, monkeypatch):
    plain = tmp_path / "log.xes"
    plain.write_text(_log(60), encoding="utf-8")
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    assert _split_parts(path, tmp_path / "probe") is None
    assert _staged(path, tmp_path / "staged") == _sequential(plain, tmp_path / "plain",
                                                              monkeypatch)


def test_a_file_over_the_size_cap_is_read_sequentially(tmp_path, ranges):
    path = tmp_path / "log.xes"
    path.write_text(_log(60), encoding="utf-8")
    work = tmp_path / "probe"
    work.mkdir()
    assert xes_ranges.stage_xes_ranges(path, work=work, max_bytes=1000) is None


NOISE = st.sampled_from([
    "<!-- <trace> -->", "<!-- --><trace/><!-- -->", "<?pi <trace ?>",
    '<string key="n" value="v"><![CDATA[</trace><trace>]]></string>',
    '<container><trace><event><string key="concept:name" value="Nested"/></event></trace>'
    "</container>",
])
TRACE = st.integers(min_value=0, max_value=99).map(_trace)
# Mostly traces, so that most cuts fall on a trace and the split goes ahead.
PIECE = st.integers(min_value=0, max_value=3).flatmap(lambda kind: NOISE if kind == 0 else TRACE)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(PIECE, min_size=4, max_size=16), cores=st.integers(2, 4))
def test_wherever_the_cuts_fall_the_staged_rows_are_the_sequential_ones(
    pieces, cores, tmp_path_factory, monkeypatch
):
    monkeypatch.setattr(xes_ranges, "RANGE_MIN_BYTES", 1)
    monkeypatch.setattr(xes_ranges, "_HEAD_START_BYTES", 0)
    monkeypatch.setattr(xes_ranges, "_cores", lambda: cores)
    folder = tmp_path_factory.mktemp("log")
    path = folder / "log.xes"
    path.write_text(HEADER + "\n".join(pieces) + "\n</log>\n", encoding="utf-8")
    assert _outcome(_staged, path, folder / "split") == _outcome(
        _sequential, path, folder / "sequential", monkeypatch)


def _outcome(stage_with, *arguments):
    """The staged names and rows, or the error (a log of noise alone has no events)."""
    try:
        return stage_with(*arguments)
    except LogImportError as exc:
        return type(exc), str(exc)
