"""The least any XES reader in Python must do, as its own process: the XES floor.

Python's expat (the parser under ElementTree and defusedxml) parses the file with one handler
that only counts elements: no attribute is kept, no column built, nothing stored. Any reader
that must see every attribute pays at least this, so `journeymap analyse` on an XES log is
reported as a ratio to it. Gzip is read through the same `gzip` module the reader uses.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from xml.parsers import expat

READ_SIZE = 1 << 20


def main(path: str) -> None:
    count = 0

    def start(_tag: str, _attributes: list[str]) -> None:
        nonlocal count
        count += 1

    parser = expat.ParserCreate(namespace_separator="}")
    parser.ordered_attributes = True
    parser.buffer_size = READ_SIZE
    parser.StartElementHandler = start
    source = Path(path)
    with source.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    with (gzip.open(source, "rb") if gzipped else source.open("rb")) as stream:
        while chunk := stream.read(READ_SIZE):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    print(json.dumps({"elements": count}))


if __name__ == "__main__":
    main(sys.argv[1])
