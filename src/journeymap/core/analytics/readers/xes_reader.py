"""Streaming XES reader (plain or gzip), safe against hostile XML.

XML is parsed with defusedxml's iterparse: DTDs, entity declarations and external references are
refused outright (billion laughs, XXE), and the byte stream underneath is size-capped. Each trace
is cleared once read, so memory stays flat however long the log.

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
from defusedxml.ElementTree import iterparse

from journeymap.core.analytics.errors import LogImportError, UnsafeXmlError
from journeymap.core.analytics.readers.rows import BATCH_ROWS, ROW
from journeymap.core.analytics.readers.source import open_capped

_ATTRIBUTE_TAGS = frozenset({"string", "date", "int", "float", "boolean", "id"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attributes(element) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        if _local(child.tag) in _ATTRIBUTE_TAGS:
            key = child.get("key")
            if key is not None:
                found[key] = child.get("value")
    return found


def _to_batch(rows: list[dict[str, str | None]]) -> pa.RecordBatch:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    names.pop(ROW, None)
    columns = [pa.array([row.get(name) for row in rows], pa.string()) for name in names]
    columns.append(pa.array([row[ROW] for row in rows], pa.int64()))
    return pa.RecordBatch.from_arrays(columns, names=[*names, ROW])


def xes_batches(path: Path, *, max_bytes: int) -> Iterator[pa.RecordBatch]:
    """Yield batches of events as text columns plus `_row`, the event's position in the file."""
    rows: list[dict[str, str | None]] = []
    index = 0
    traces = 0
    with open_capped(path, max_bytes=max_bytes) as stream:
        try:
            parser = iterparse(
                stream,
                events=("start", "end"),
                forbid_dtd=True,
                forbid_entities=True,
                forbid_external=True,
            )
            root = None
            depth_in_trace = 0
            trace_events: list[dict[str, str | None]] = []
            for event, element in parser:
                tag = _local(element.tag)
                if event == "start":
                    if root is None:
                        root = element
                        if tag != "log":
                            raise LogImportError(
                                f"{path.name}: not an XES log (root element is <{tag}>)"
                            )
                    if tag == "trace":
                        depth_in_trace += 1
                    continue
                if tag == "event" and depth_in_trace:
                    trace_events.append(_attributes(element))
                elif tag == "trace":
                    depth_in_trace -= 1
                    traces += 1
                    case_attributes = {
                        f"case:{key}": value for key, value in _attributes(element).items()
                    }
                    for event_attributes in trace_events:
                        event_attributes.update(case_attributes)
                        event_attributes[ROW] = index
                        index += 1
                        rows.append(event_attributes)
                    trace_events = []
                    element.clear()
                    root.clear()
                    if len(rows) >= BATCH_ROWS:
                        yield _to_batch(rows)
                        rows = []
        except DefusedXmlException as exc:
            raise UnsafeXmlError(
                f"{path.name}: the XML declares a DTD or entities, which are refused for safety "
                f"({type(exc).__name__})"
            ) from exc
        except ParseError as exc:
            raise LogImportError(f"{path.name}: not well-formed XML ({exc})") from exc
        except (OSError, EOFError) as exc:
            raise LogImportError(f"{path.name}: the file could not be read: {exc}") from exc
    if rows:
        yield _to_batch(rows)


def xes_row_label(index: int) -> str:
    return f"event {index + 1} (in file order)"
