"""Compression bombs are refused at once, with a clear message, by every importer of one.

Each bomb is built by streaming (never held in memory) and opened in a child process under an
address-space limit, so a reader that tried to hold it would die with MemoryError instead of
passing. Small bombs keep the tests quick: they unpack far past the caps' ratio; the full-scale
ones (GiB of whitespace, as first reported) are marked slow.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from journeymap.core.maps import excel
from journeymap.core.maps.demo import load_demo_documents

MiB = 1 << 20
# Enough for the import's own baseline (DuckDB alone reserves about 700 MB of address space).
IMPORT_MEMORY = 1536 * MiB
READER_MEMORY = 1024 * MiB

_HEADER = b'<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n'
_TRACE = (b'<trace><string key="concept:name" value="case-1"/><event>'
          b'<string key="concept:name" value="Apply"/>'
          b'<date key="time:timestamp" value="2024-01-01T09:00:00"/></event></trace>\n</log>\n')
_WHITESPACE = (b" " * 1023 + b"\n") * 1024  # 1 MiB


def _run_limited(code: str, *args: object, memory: int, env: dict[str, str] | None = None) -> dict:
    """Run `code` in a child under an address-space limit; it prints one JSON line as it ends."""
    prologue = (
        "import resource, sys, json\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", prologue + code, *map(str, args)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


_IMPORT = """
from pathlib import Path
import tempfile
from journeymap.core.analytics import store
from journeymap.core.analytics.errors import LogImportError
try:
    stored = store.import_log(source=Path(sys.argv[1]), key=None,
                              out_dir=Path(tempfile.mkdtemp()))
except LogImportError as error:
    print(json.dumps({"refused": str(error)}))
else:
    print(json.dumps({"accepted": True}))
"""

_READ_MAP = """
from pathlib import Path
from journeymap.core.maps import MapFileError, excel
try:
    excel.read_workbook(Path(sys.argv[1]).read_bytes())
except MapFileError as error:
    print(json.dumps({"refused": str(error)}))
else:
    print(json.dumps({"accepted": True}))
"""

_READ_XES = """
from pathlib import Path
from journeymap.core.analytics.readers.xes_reader import xes_batches
rows = sum(batch.num_rows for batch in xes_batches(Path(sys.argv[1]), max_bytes=1 << 40))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"rows": rows, "peak": peak}))
"""


def _gzip_xes(path: Path, *, whitespace_mib: int, between_elements: bool = False,
              level: int = 6) -> Path:
    """An XES log of one event after `whitespace_mib` MiB of whitespace inside `<log>`.

    `between_elements` breaks the whitespace into 1 MiB runs between global attributes, so only
    the caps on unpacked size can stop it (not the one on the longest run of text).
    """
    with gzip.open(path, "wb", compresslevel=level) as handle:
        handle.write(_HEADER)
        for _ in range(whitespace_mib):
            handle.write(_WHITESPACE)
            if between_elements:
                handle.write(b'<string key="note" value="x"/>')
        handle.write(_TRACE)
    return path


def _with_whitespace_in_first_row(workbook: bytes, path: Path, *, sheet: str,
                                  whitespace_mib: int, level: int = 6) -> Path:
    """`workbook` with `whitespace_mib` MiB of whitespace inside the first row of `sheet`."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename != sheet:
                target.writestr(info.filename, content)
                continue
            row_start = content.index(b"<row")
            cut = content.index(b">", row_start) + 1
            with target.open(info.filename, "w", force_zip64=True) as member:
                member.write(content[:cut])
                for _ in range(whitespace_mib):
                    member.write(_WHITESPACE)
                member.write(content[cut:])
    return path


def _log_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["case", "activity", "time"])
    sheet.append(["case-1", "Apply", "2024-01-01T09:00:00"])
    sheet.append(["case-1", "Decide", "2024-01-02T09:00:00"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _map_workbook() -> bytes:
    return excel.write_workbook(load_demo_documents()[0])


def test_a_gzip_xes_bomb_is_refused_by_the_import(tmp_path):
    bomb = _gzip_xes(tmp_path / "bomb.xes.gz", whitespace_mib=64)
    result = _run_limited(_IMPORT, bomb, memory=IMPORT_MEMORY)
    assert "bomb.xes.gz" in result["refused"]
    assert "refused as a possible" in result["refused"]


def test_a_gzip_xes_bomb_between_elements_is_refused_by_its_ratio(tmp_path):
    bomb = _gzip_xes(tmp_path / "bomb.xes.gz", whitespace_mib=64, between_elements=True)
    result = _run_limited(_IMPORT, bomb, memory=IMPORT_MEMORY)
    assert "bomb.xes.gz: more than" in result["refused"]
    assert "over 100 times its" in result["refused"]
    assert "limits:" in result["refused"]


def test_an_xlsx_bomb_is_refused_by_the_log_import(tmp_path):
    bomb = _with_whitespace_in_first_row(_log_workbook(), tmp_path / "bomb.xlsx",
                                         sheet="xl/worksheets/sheet1.xml", whitespace_mib=64)
    result = _run_limited(_IMPORT, bomb, memory=IMPORT_MEMORY)
    assert "bomb.xlsx" in result["refused"]
    assert "once decompressed" in result["refused"]


def test_an_xlsx_bomb_is_refused_by_the_map_importer(tmp_path):
    bomb = _with_whitespace_in_first_row(_map_workbook(), tmp_path / "bomb.xlsx",
                                         sheet="xl/worksheets/sheet1.xml", whitespace_mib=64)
    result = _run_limited(_READ_MAP, bomb, memory=READER_MEMORY)
    assert "the workbook" in result["refused"]
    assert "refused as a possible compression bomb" in result["refused"]


def test_the_same_files_with_a_little_whitespace_still_import(tmp_path):
    xes = _gzip_xes(tmp_path / "log.xes.gz", whitespace_mib=1)
    assert _run_limited(_IMPORT, xes, memory=IMPORT_MEMORY) == {"accepted": True}
    log_book = _with_whitespace_in_first_row(_log_workbook(), tmp_path / "log.xlsx",
                                             sheet="xl/worksheets/sheet1.xml", whitespace_mib=1)
    assert _run_limited(_IMPORT, log_book, memory=IMPORT_MEMORY) == {"accepted": True}
    map_book = _with_whitespace_in_first_row(_map_workbook(), tmp_path / "map.xlsx",
                                             sheet="xl/worksheets/sheet1.xml", whitespace_mib=1)
    assert _run_limited(_READ_MAP, map_book, memory=READER_MEMORY) == {"accepted": True}


def test_the_xes_reader_keeps_memory_flat_whatever_lies_between_elements(tmp_path):
    """With the ratio cap lifted, 64 MiB of whitespace costs no more memory than 4 MiB."""
    lifted = {"JOURNEYMAP_MAX_UNPACK_RATIO": "1000000"}
    small = _gzip_xes(tmp_path / "small.xes.gz", whitespace_mib=4, between_elements=True,
                      level=1)
    large = _gzip_xes(tmp_path / "large.xes.gz", whitespace_mib=64, between_elements=True,
                      level=1)
    before = _run_limited(_READ_XES, small, memory=READER_MEMORY, env=lifted)
    after = _run_limited(_READ_XES, large, memory=READER_MEMORY, env=lifted)
    assert before["rows"] == after["rows"] == 1
    assert after["peak"] - before["peak"] < 24 * MiB


@pytest.mark.slow
def test_full_scale_bombs_are_refused(tmp_path):
    """The sizes first reported: 4 GiB of whitespace in a gzip XES, 2 GiB in an .xlsx sheet."""
    xes = _gzip_xes(tmp_path / "huge.xes.gz", whitespace_mib=4096, level=1)
    assert "huge.xes.gz" in _run_limited(_IMPORT, xes, memory=IMPORT_MEMORY)["refused"]
    book = _with_whitespace_in_first_row(_map_workbook(), tmp_path / "huge.xlsx",
                                         sheet="xl/worksheets/sheet1.xml",
                                         whitespace_mib=2048, level=1)
    assert "compression bomb" in _run_limited(_READ_MAP, book, memory=READER_MEMORY)["refused"]
    assert "huge.xlsx" in _run_limited(_IMPORT, book, memory=IMPORT_MEMORY)["refused"]
