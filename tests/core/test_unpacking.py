"""The unpacking limits: absolute and ratio caps, the longest XML run, a zip's declared sizes."""

from __future__ import annotations

import io
import itertools
import random
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.unpacking import (
    GuardedReader,
    UnpackCounter,
    UnpackLimits,
    XmlRunCheck,
    check_zip,
)


class Refused(Exception):
    pass


def _limits(**changes) -> UnpackLimits:
    values = {"max_unpacked_bytes": 1000, "max_ratio": 10.0, "ratio_grace_bytes": 100,
              "max_xml_run_bytes": 50}
    return UnpackLimits(**(values | changes))


def test_the_absolute_cap_refuses_at_once_and_names_the_file_and_limits():
    counter = UnpackCounter(name="log.xes.gz", compressed_bytes=None, limits=_limits(),
                            error=Refused)
    counter.add(1000)
    with pytest.raises(Refused, match=r"log\.xes\.gz: more than 1,000 bytes once decompressed"
                                      r".*limits: 1,000 bytes unpacked"):
        counter.add(1)


def test_the_ratio_cap_applies_beyond_the_grace():
    counter = UnpackCounter(name="f", compressed_bytes=5, limits=_limits(), error=Refused)
    counter.add(100)  # 20 times, but within the grace
    with pytest.raises(Refused, match="over 10 times its 5 compressed bytes"):
        counter.add(1)
    roomy = UnpackCounter(name="f", compressed_bytes=50, limits=_limits(), error=Refused)
    roomy.add(500)
    with pytest.raises(Refused):
        roomy.add(1)


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_MAX_UNPACK_RATIO", "250")
    monkeypatch.setenv("JOURNEYMAP_MAX_XML_RUN_BYTES", "4096")
    limits = UnpackLimits.from_environment(max_unpacked_bytes=7)
    assert (limits.max_unpacked_bytes, limits.max_ratio, limits.max_xml_run_bytes) == (7, 250, 4096)
    monkeypatch.setenv("JOURNEYMAP_MAX_UNPACK_RATIO", "lots")
    with pytest.raises(ValueError, match="JOURNEYMAP_MAX_UNPACK_RATIO='lots' is not a number"):
        UnpackLimits.from_environment(max_unpacked_bytes=7)


def _longest_run(data: bytes) -> int:
    return max(len(part) for part in data.split(b"<"))


@given(
    data=st.lists(st.sampled_from([b"<", b" ", b"a", b">", b"\n"]), max_size=400).map(b"".join),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
    limit=st.integers(min_value=1, max_value=60),
)
def test_the_xml_run_check_sees_the_longest_run_however_the_stream_is_cut(data, cuts, limit):
    check = XmlRunCheck(name="f", limits=_limits(max_xml_run_bytes=limit), error=Refused)
    bounds = [0, *sorted(min(cut, len(data)) for cut in cuts), len(data)]
    try:
        for start, end in itertools.pairwise(bounds):
            check.feed(data[start:end])
    except Refused:
        assert _longest_run(data) > limit
    else:
        assert _longest_run(data) <= limit


def test_a_guarded_stream_counts_what_passes():
    counter = UnpackCounter(name="f", compressed_bytes=None, limits=_limits(), error=Refused)
    stream = io.BufferedReader(GuardedReader(io.BytesIO(b"x" * 2000), counter=counter), 256)
    with pytest.raises(Refused):
        stream.read()


def _zip(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def test_a_zip_is_refused_on_its_declared_sizes_and_a_modest_one_passes():
    check_zip(_zip({"a.xml": b"<a>hello</a>"}), name="book.xlsx", limits=_limits(), error=Refused)
    with pytest.raises(Refused, match=r"book\.xlsx: by its own directory, more than 1,000"):
        check_zip(_zip({"big.bin": b" " * 5000}), name="book.xlsx", limits=_limits(),
                  error=Refused)


def test_one_member_over_the_ratio_is_refused_even_when_the_whole_zip_is_not():
    noise = random.Random(1).randbytes(50_000)
    archive = _zip({"noise.bin": noise, "big.bin": b" " * 5000})
    with pytest.raises(Refused, match=r"book\.xlsx \(big\.bin\): by its own directory"):
        check_zip(archive, name="book.xlsx", limits=_limits(max_unpacked_bytes=10**6),
                  error=Refused)


def test_a_zip_member_with_a_long_xml_run_is_refused():
    with pytest.raises(Refused, match=r"sheet\.xml\): holds more than 50 bytes of XML"):
        check_zip(_zip({"sheet.xml": b"<row>" + b" " * 60 + b"</row>"}), name="book.xlsx",
                  limits=_limits(max_ratio=1000.0), error=Refused)
