"""`preview_log`: the first rows of a file, read through the import's readers, stored nowhere."""

import gzip

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.core.analytics.analytics_logs import shared_data

from journeymap.core.analytics import AnalyticsError, LogImportError, preview_log


def test_a_csv_shows_its_first_rows_with_line_numbers_and_a_guessed_mapping(write_csv):
    rows = [["Case ID", "Timestamp", "Activity", "Channel"]] + [
        [f"C{index}", f"2024-01-0{index % 9 + 1} 10:00", "Call", "" if index == 2 else "phone"]
        for index in range(30)
    ]
    preview = preview_log(source=write_csv(rows), rows=5)
    assert preview.fmt == "csv"
    assert preview.headers == ("Case ID", "Timestamp", "Activity", "Channel")
    assert len(preview.rows) == 5
    assert preview.rows[0] == ("C0", "2024-01-01 10:00", "Call", "phone")
    assert preview.rows[2][3] is None  # an empty cell is shown as empty, not as text
    assert preview.row_labels[:2] == ("line 2", "line 3")
    assert preview.guessed["case"] == "Case ID"
    assert preview.guessed["time"] == "Timestamp"
    assert preview.guessed["channel"] == "Channel"


def test_a_gzip_csv_in_windows_1252_is_read(tmp_path):
    path = tmp_path / "log.csv.gz"
    path.write_bytes(gzip.compress("case,time,activity\nA1,2024-01-01,Café\n".encode("cp1252")))
    preview = preview_log(source=path)
    assert preview.rows == (("A1", "2024-01-01", "Café"),)


def test_parquet_preview(tmp_path):
    path = tmp_path / "log.parquet"
    pq.write_table(pa.table({"case": ["a", "b"], "time": ["2024-01-01", "2024-01-02"],
                             "activity": ["x", "y"]}), path)
    preview = preview_log(source=path)
    assert (preview.fmt, preview.rows[1]) == ("parquet", ("b", "2024-01-02", "y"))


def test_a_file_with_no_known_format_is_refused_by_name(tmp_path):
    path = tmp_path / "notes.doc"
    path.write_text("hello")
    with pytest.raises(AnalyticsError, match=r"notes\.doc"):
        preview_log(source=path)


def test_a_broken_xes_says_so(tmp_path):
    path = tmp_path / "log.xes"
    path.write_text("<log><trace><event><string key='concept:name' value='a'/>")
    with pytest.raises(LogImportError):
        preview_log(source=path)


@pytest.mark.realdata
def test_the_shared_wabo_log_previews_with_the_xes_mapping():
    source = shared_data() / "wabo-receipt-phase.xes.gz"
    if not source.exists():
        pytest.skip("shared data not present")
    preview = preview_log(source=source)
    assert preview.fmt == "xes"
    assert preview.guessed["case"] == "case:concept:name"
    assert preview.guessed["activity"] == "concept:name"
    assert len(preview.rows) == 10
