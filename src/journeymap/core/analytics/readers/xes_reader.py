"""Streaming XES reader (plain or gzip), safe against hostile XML.

XML is parsed by defusedxml's parser: DTDs, entity declarations and external references are
refused outright (billion laughs, XXE), and the byte stream underneath is held to the unpacking
limits (`journeymap.core.unpacking`), which also bound the longest tag. The parser feeds a small
target that keeps only attributes and never character data (XES holds its values in attributes),
and no tree is built, so memory stays flat however long the log and whatever text or whitespace
lies between the elements.

Semantics follow the XES standard and PM4Py: the case is the trace's `concept:name`, written as
`case:concept:name`; every other trace attribute is carried onto each of its events as
`case:<key>`; event attributes keep their keys. Only attributes that are direct children of a
trace or event are read (nested meta-attributes are not log data).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError

import pyarrow as pa
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from journeymap.core.analytics.errors import LogImportError, UnsafeXmlError
from journeymap.core.analytics.readers.rows import BATCH_ROWS, ROW
from journeymap.core.analytics.readers.source import open_capped

_ATTRIBUTE_TAGS = frozenset({"string", "date", "int", "float", "boolean", "id"})
_READ_SIZE = 1 << 20


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _XesTarget:
    """Parser target: collects each finished trace's events, with the trace's attributes on them.

    Character data is dropped as it arrives: XES keeps its values in attributes.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._open: list[str] = []
        self._trace: dict[str, str] | None = None
        self._event: dict[str, str] | None = None
        self._trace_events: list[dict[str, str]] = []
        self.finished: list[dict[str, str]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = _local(tag)
        parent = self._open[-1] if self._open else None
        if parent is None and local != "log":
            raise LogImportError(f"{self._name}: not an XES log (root element is <{local}>)")
        depth = len(self._open)
        if local == "trace" and depth == 1:
            self._trace = {}
        elif local == "event" and depth == 2 and self._trace is not None:
            self._event = {}
        elif local in _ATTRIBUTE_TAGS and "key" in attrib:
            owner = self._trace if depth == 2 else self._event if depth == 3 else None
            if owner is not None and parent in ("trace", "event"):
                owner[attrib["key"]] = attrib.get("value")
        self._open.append(local)

    def end(self, tag: str) -> None:
        local = self._open.pop()
        depth = len(self._open)
        if local == "event" and depth == 2 and self._event is not None:
            self._trace_events.append(self._event)
            self._event = None
        elif local == "trace" and depth == 1 and self._trace is not None:
            case_attributes = {f"case:{key}": value for key, value in self._trace.items()}
            for event_attributes in self._trace_events:
                event_attributes.update(case_attributes)
                self.finished.append(event_attributes)
            self._trace = None
            self._trace_events = []

    def data(self, text: str) -> None:
        """Ignore text; having this handler keeps text out of the parser's slower default path."""

    def close(self) -> None:
        return None


def _to_batch(rows: list[dict[str, str | None]], start: int) -> pa.RecordBatch:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    columns = [pa.array([row.get(name) for row in rows], pa.string()) for name in names]
    columns.append(pa.array(range(start, start + len(rows)), pa.int64()))
    return pa.RecordBatch.from_arrays(columns, names=[*names, ROW])


def xes_batches(path: Path, *, max_bytes: int) -> Iterator[pa.RecordBatch]:
    """Yield batches of events as text columns plus `_row`, the event's position in the file."""
    target = _XesTarget(path.name)
    parser = DefusedXMLParser(
        target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    # Text reaches `data` in pieces of at most this size, so a long run costs few calls.
    parser.parser.buffer_size = _READ_SIZE
    index = 0
    with open_capped(path, max_bytes=max_bytes, xml=True) as stream:
        try:
            while chunk := stream.read(_READ_SIZE):
                parser.feed(chunk)
                if len(target.finished) >= BATCH_ROWS:
                    yield _to_batch(target.finished, index)
                    index += len(target.finished)
                    target.finished = []
            parser.close()
        except DefusedXmlException as exc:
            raise UnsafeXmlError(
                f"{path.name}: the XML declares a DTD or entities, which are refused for safety "
                f"({type(exc).__name__})"
            ) from exc
        except ParseError as exc:
            raise LogImportError(f"{path.name}: not well-formed XML ({exc})") from exc
        except (OSError, EOFError) as exc:
            raise LogImportError(f"{path.name}: the file could not be read: {exc}") from exc
    if target.finished:
        yield _to_batch(target.finished, index)


def xes_row_label(index: int) -> str:
    return f"event {index + 1} (in file order)"
