"""The HTML report (self-contained, everything escaped), the XES writer, and the synthetic log."""

from __future__ import annotations

import gzip

import pyarrow.parquet as pq
import pytest
from defusedxml.ElementTree import fromstring

from journeymap.core.analytics import analyse, import_log, report_sections, suppress
from journeymap.core.analytics.report_html import render_html
from journeymap.core.analytics.report_layout import duration_text, process_map
from journeymap.core.analytics.synth import synth_table
from journeymap.core.analytics.writers import write_xes

HOSTILE = '<script>alert("x")</script> & "quotes" \\ back'
ROWS = [
    ["case", "time", "activity", "channel"],
    ["1", "2024-01-01T09:00:00Z", HOSTILE, "<b>phone</b>"],
    ["1", "2024-01-01T10:00:00Z", "Close", ""],
    ["2", "2024-01-02T09:00:00Z", HOSTILE, "web"],
]


@pytest.fixture
def result(tmp_path, key):
    import csv

    path = tmp_path / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ROWS)
    return analyse(log=import_log(source=path, key=key, out_dir=tmp_path / "store"))


def _page(result, threshold=5):
    return render_html(report_sections(suppress(result, threshold=threshold)))


def test_html_escapes_log_text_and_is_self_contained(result):
    page = _page(result, threshold=0)
    assert "<script" not in page
    assert "<b>phone" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<svg" in page  # the process map, inline
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )


def test_dot_source_quotes_activity_names(result):
    drawn = process_map(result)
    assert (drawn.nodes, drawn.edges) == (2, 1)
    assert '\\"quotes\\"' in drawn.dot and "\\\\ back" in drawn.dot


def test_small_counts_are_suppressed_in_the_report_unless_turned_off(result):
    """Two cases and three events: with the default threshold of 5 no count is revealed."""
    suppressed = _page(result)
    figures = suppressed.split('<div class="figures">')[1].split("</div></div>")[0]
    assert "<strong>2</strong>cases" not in figures
    assert "<strong>not shown</strong>cases" in figures
    assert ">2</td>" not in suppressed and ">1</td>" not in suppressed
    exact = _page(result, threshold=0)
    assert "not shown" not in exact
    assert "<strong>2</strong>cases" in exact


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(None, "–"), (30, "30 s"), (600, "10 min"), (5400, "1.5 h"), (3 * 86400, "3.0 days")],
)
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text


def test_xes_writer_escapes_and_reimports(result, tmp_path, key):
    stored = import_log(source=tmp_path / "hostile.csv", key=None, out_dir=tmp_path / "raw")
    out = tmp_path / "log.xes.gz"
    assert write_xes(log=stored, out=out) == 3
    root = fromstring(gzip.decompress(out.read_bytes()))
    names = [e.get("value") for e in root.iter("{http://www.xes-standard.org/}string")
             if e.get("key") == "concept:name"]
    assert HOSTILE in names
    again = analyse(log=import_log(source=out, key=None, out_dir=tmp_path / "again"))
    assert again.variants == result.variants


def test_synth_is_reproducible_and_has_avoidable_contact():
    first, second = synth_table(cases=200, seed=3), synth_table(cases=200, seed=3)
    assert first.equals(second)
    assert not first.equals(synth_table(cases=200, seed=4))
    assert len(set(first.column("case_id").to_pylist())) == 200
    reasons = set(first.column("reason").drop_null().to_pylist())
    assert any("Chasing" in reason for reason in reasons)
    assert any("Wrong department" in reason for reason in reasons)
    # back-office work has no channel, so the channel does not make every event a contact
    channels = first.column("channel")
    assert 0 < channels.null_count < len(channels)


def test_synth_parquet_output(tmp_path):
    from journeymap.core.analytics.synth import write_synth

    out = tmp_path / "s.parquet"
    events = write_synth(cases=10, out=out)
    assert pq.read_table(out).num_rows == events
