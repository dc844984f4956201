"""Streaming XES reader (plain or gzip), safe against hostile XML, near the speed of expat.

XML is parsed by defusedxml's parser: DTDs, entity declarations and external references are
refused outright (billion laughs, XXE), and the byte stream underneath is held to the unpacking
limits (`journeymap.core.unpacking`), which also bound the longest tag. Only its element
handlers are replaced, on the expat parser underneath (its defences are other handlers on the
same parser): building a dict per element through ElementTree's target made a read six times a
bare expat parse. Here a start tag costs one small Python call that appends the attribute's key,
value and event number to three flat lists; the columns are built from those lists in bulk with
NumPy and PyArrow, one batch of finished traces at a time, so memory stays flat however long the
log. No character data is kept (XES holds its values in attributes) and no tree is built.

Semantics follow the XES standard and PM4Py: the case is the trace's `concept:name`, written as
`case:concept:name`; every other trace attribute is carried onto each of its events as
`case:<key>` (over an event attribute of that name); event attributes keep their keys, the last
one winning if a key repeats. Only attributes that are direct children of a trace or event are
read (nested meta-attributes are not log data). Columns come in the order they first appear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import numpy as np
import pyarrow as pa
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from journeymap.core.analytics.errors import LogImportError, UnsafeXmlError
from journeymap.core.analytics.readers.rows import BATCH_ROWS, ROW
from journeymap.core.analytics.readers.source import open_capped

_ATTRIBUTE_TAGS = frozenset({"string", "date", "int", "float", "boolean", "id"})
_READ_SIZE = 1 << 20
# What an open element is to the reader: the root, a trace in it, an event in such a trace,
# an attribute, or anything else. Only attributes whose parent is a trace in the log or an event
# in such a trace are log data, so knowing each open element's kind is all the state needed.
_LOG, _TRACE, _EVENT, _ATTRIBUTE, _OTHER = range(5)
_KINDS = {"trace": _TRACE, "event": _EVENT, **dict.fromkeys(_ATTRIBUTE_TAGS, _ATTRIBUTE)}


class _XesLists:
    """Expat handlers that append what a log holds to flat lists.

    Events and traces are numbered in file order as they start. The start handler is a closure
    (locals are the cheapest state in Python) and the end handler is `list.append`, which runs
    no Python code: the depth of an element is the starts seen minus the ends seen, and the
    kind of each open element is kept by depth. `settle()`, called between chunks, says how many
    events and traces have finished (a prefix of the numbers, as traces do not nest).
    """

    def __init__(self, name: str) -> None:
        # Event attributes: key, value, event number.
        self.keys: list[str] = []
        self.values: list[str | None] = []
        self.events: list[int] = []
        # Trace attributes: key, value, trace number; and each event's trace number.
        self.trace_keys: list[str] = []
        self.trace_values: list[str | None] = []
        self.traces: list[int] = []
        self.event_traces: list[int] = []
        self.finished = 0
        self.finished_traces = 0
        ended: list[str] = []
        self.end = ended.append
        opened: dict[int, int] = {}
        kinds: dict[str, int] = {}
        started = 0  # elements started since the last settle
        depth_at_settle = 0
        event = trace = -1  # the numbers of the latest event and trace
        trace_first_event = 0
        keys, values, events = self.keys.append, self.values.append, self.events.append
        trace_keys, trace_values = self.trace_keys.append, self.trace_values.append
        traces, event_traces = self.traces.append, self.event_traces.append

        def start(tag: str, attributes: list[str]) -> None:
            nonlocal started, event, trace, trace_first_event
            depth = depth_at_settle + started - len(ended)
            started += 1
            kind = kinds.get(tag)
            if kind is None:
                kind = kinds[tag] = _KINDS.get(tag.rsplit("}", 1)[-1], _OTHER)
            if depth == 0:
                local = tag.rsplit("}", 1)[-1]
                if local != "log":
                    raise LogImportError(f"{name}: not an XES log (root element is <{local}>)")
                opened[0] = _LOG
                return
            if kind == _ATTRIBUTE:
                opened[depth] = _ATTRIBUTE
                parent = opened[depth - 1]
                if parent != _EVENT and parent != _TRACE:
                    return
                # `ordered_attributes`: [name, value, name, value, ...] in document order.
                if len(attributes) == 4 and attributes[0] == "key" and attributes[2] == "value":
                    key, value = attributes[1], attributes[3]
                else:
                    found = dict(zip(attributes[::2], attributes[1::2], strict=True))
                    if "key" not in found:
                        return
                    key, value = found["key"], found.get("value")
                if parent == _EVENT:
                    keys(key)
                    values(value)
                    events(event)
                else:
                    trace_keys(key)
                    trace_values(value)
                    traces(trace)
            elif kind == _EVENT and opened[depth - 1] == _TRACE:
                event += 1
                event_traces(trace)
                opened[depth] = _EVENT
            elif kind == _TRACE and opened[depth - 1] == _LOG:
                trace += 1
                trace_first_event = event + 1
                opened[depth] = _TRACE
            else:
                opened[depth] = _OTHER

        def settle() -> None:
            nonlocal started, depth_at_settle
            depth_at_settle += started - len(ended)
            started = 0
            ended.clear()
            in_trace = depth_at_settle >= 2 and opened[1] == _TRACE
            self.finished = trace_first_event if in_trace else event + 1
            self.finished_traces = trace if in_trace else trace + 1

        self.start = start
        self.settle = settle

    def take_batch(self, first_event: int, first_trace: int) -> pa.RecordBatch | None:
        """The finished events from `first_event` on as a batch; their entries leave the lists."""
        count = self.finished - first_event
        if count <= 0:
            return None
        cut = bisect_left(self.events, self.finished)
        trace_cut = bisect_left(self.traces, self.finished_traces)
        batch = _columns(
            keys=self.keys[:cut], values=self.values[:cut],
            events=np.array(self.events[:cut], np.int64) - first_event,
            trace_keys=self.trace_keys[:trace_cut], trace_values=self.trace_values[:trace_cut],
            traces=np.array(self.traces[:trace_cut], np.int64) - first_trace,
            event_traces=np.array(self.event_traces[:count], np.int64) - first_trace,
            count=count, trace_count=self.finished_traces - first_trace, first_event=first_event,
        )
        del self.keys[:cut], self.values[:cut], self.events[:cut]
        del self.trace_keys[:trace_cut], self.trace_values[:trace_cut], self.traces[:trace_cut]
        del self.event_traces[:count]
        return batch


def _codes(keys: list[str]) -> tuple[np.ndarray, list[str]]:
    encoded = pa.array(keys, pa.string()).dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()


def _first_seen(names: list[str], codes: np.ndarray, rank: np.ndarray) -> dict[str, int]:
    """Each name's smallest rank (where it first appears), from the entries' codes and ranks."""
    first = np.full(len(names), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(first, codes, rank)
    return dict(zip(names, first.tolist(), strict=True))


def _columns(
    *, keys: list[str], values: list[str | None], events: np.ndarray,
    trace_keys: list[str], trace_values: list[str | None], traces: np.ndarray,
    event_traces: np.ndarray, count: int, trace_count: int, first_event: int,
) -> pa.RecordBatch:
    """Text columns from the flat lists: for each name, a position in `values` per event.

    A later entry for the same event and name overwrites an earlier one (NumPy assigns repeated
    indices in order), and a trace's attribute overwrites its events' own `case:` entry.
    """
    all_values = pa.array([*values, *trace_values], pa.string())
    positions: dict[str, np.ndarray] = {}
    # Rank by (event, event attributes before trace ones, list order) for the column order.
    first: dict[str, int] = {}
    if keys:
        codes, names = _codes(keys)
        rank = events * 2 * (len(keys) + len(trace_keys)) + np.arange(len(keys))
        first = _first_seen(names, codes, rank)
        order = np.arange(len(keys), dtype=np.int64)
        for code, name in enumerate(names):
            chosen = codes == code
            position = np.full(count, -1, np.int64)
            position[events[chosen]] = order[chosen]
            positions[name] = position
    if trace_keys:
        codes, names = _codes(trace_keys)
        # Each event's first appearance of a trace attribute: its event's first entry, after it.
        first_event_of_trace = np.full(trace_count, count, np.int64)
        np.minimum.at(first_event_of_trace, event_traces, np.arange(count))
        event_of_entry = first_event_of_trace[traces]
        rank = (event_of_entry * 2 + 1) * (len(keys) + len(trace_keys)) + np.arange(
            len(trace_keys))
        for name, seen in _first_seen([f"case:{n}" for n in names], codes, rank).items():
            first[name] = min(seen, first.get(name, seen))
        order = np.arange(len(keys), len(keys) + len(trace_keys), dtype=np.int64)
        for code, name in enumerate(names):
            chosen = codes == code
            per_trace = np.full(trace_count, -1, np.int64)
            per_trace[traces[chosen]] = order[chosen]
            from_trace = per_trace[event_traces]
            column = f"case:{name}"
            own = positions.get(column)
            if own is None and not (from_trace >= 0).any():
                continue  # only on traces without events: no event carries it
            positions[column] = (
                from_trace if own is None else np.where(from_trace >= 0, from_trace, own)
            )
    names = sorted(positions, key=first.__getitem__)
    arrays = [
        all_values.take(pa.array(positions[name], mask=positions[name] < 0)) for name in names
    ]
    arrays.append(pa.array(np.arange(first_event, first_event + count, dtype=np.int64)))
    return pa.RecordBatch.from_arrays(arrays, names=[*names, ROW])


def xes_batches(path: Path, *, max_bytes: int) -> Iterator[pa.RecordBatch]:
    """Yield batches of events as text columns plus `_row`, the event's position in the file."""
    lists = _XesLists(path.name)
    defused = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser = defused.parser  # the expat parser, with defusedxml's refusals installed
    parser.ordered_attributes = True
    parser.StartElementHandler = lists.start
    parser.EndElementHandler = lists.end
    # Text and anything else unhandled is dropped by expat itself, with no Python call.
    parser.CharacterDataHandler = None
    parser.DefaultHandlerExpand = None
    parser.CommentHandler = None
    parser.ProcessingInstructionHandler = None
    parser.buffer_size = _READ_SIZE
    first_event = first_trace = 0
    with open_capped(path, max_bytes=max_bytes, xml=True) as stream:
        try:
            while chunk := stream.read(_READ_SIZE):
                parser.Parse(chunk, False)
                lists.settle()
                if lists.finished - first_event >= BATCH_ROWS:
                    yield lists.take_batch(first_event, first_trace)
                    first_event, first_trace = lists.finished, lists.finished_traces
            parser.Parse(b"", True)
            lists.settle()
        except DefusedXmlException as exc:
            raise UnsafeXmlError(
                f"{path.name}: the XML declares a DTD or entities, which are refused for safety "
                f"({type(exc).__name__})"
            ) from exc
        except (expat.ExpatError, ParseError) as exc:
            raise LogImportError(f"{path.name}: not well-formed XML ({exc})") from exc
        except (OSError, EOFError) as exc:
            raise LogImportError(f"{path.name}: the file could not be read: {exc}") from exc
    last = lists.take_batch(first_event, first_trace)
    if last is not None:
        yield last


def xes_row_label(index: int) -> str:
    return f"event {index + 1} (in file order)"
