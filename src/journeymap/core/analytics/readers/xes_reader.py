"""Streaming XES reader (plain or gzip), safe against hostile XML, near the speed of expat.

XML is parsed by defusedxml's parser: DTDs, entity declarations and external references are
refused outright (billion laughs, XXE), and the byte stream underneath is held to the unpacking
limits (`journeymap.core.unpacking`), which also bound the longest tag. Only its element
handlers are replaced, on the expat parser underneath (its defences are other handlers on the
same parser): building a dict per element through ElementTree's target made a read six times a
bare expat parse. Here a start tag costs one small Python call that appends an attribute's key
and value to two flat lists (an event or trace start appends where its attributes begin); the
columns are built from those lists in bulk with NumPy and PyArrow, one batch of finished traces
at a time, so memory stays flat however long the log. No character data is kept (XES holds its
values in attributes) and no tree is built.

The parse runs on a thread of its own and hands each batch's lists over a short queue: the
parser holds the GIL in its Python handlers, but building the columns and writing them (NumPy,
PyArrow, DuckDB) mostly releases it, so batch k is built and staged on the other core while
batch k+1 is parsed. One batch at most waits between them, so memory stays flat; an error on
the parsing side is raised where the batches are read, and closing the batches stops the parse
and closes the file.

Semantics follow the XES standard and PM4Py: the case is the trace's `concept:name`, written as
`case:concept:name`; every other trace attribute is carried onto each of its events as
`case:<key>` (over an event attribute of that name); event attributes keep their keys, the last
one winning if a key repeats. Only attributes that are direct children of a trace or event are
read (nested meta-attributes are not log data). Columns come in the order they first appear.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
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
_BATCHES_IN_FLIGHT = 1
# What an element is to the reader by its tag: a trace, an event, an attribute, or anything
# else. A trace is log data only as a child of the root (depth 1), an event only as a child of
# such a trace (depth 2), an attribute only as a child of either (depth 2 or 3), so the kinds of
# the open elements at depths 1 and 2 are all the state needed.
_TRACE, _EVENT, _ATTRIBUTE, _OTHER = range(4)


class _Kinds(dict):
    """Each tag's kind, worked out from its local name the first time the tag is seen."""

    def __missing__(self, tag: str) -> int:
        local = tag.rsplit("}", 1)[-1]
        kind = self[tag] = (
            _ATTRIBUTE if local in _ATTRIBUTE_TAGS
            else _EVENT if local == "event" else _TRACE if local == "trace" else _OTHER
        )
        return kind


@dataclass(frozen=True)
class _Parsed:
    """One batch's finished traces as the handlers left them, positions counted from the batch.

    `event_starts[i]` is where event i's entries begin in `keys`/`values`; `trace_starts[t]`
    where trace t's begin in `trace_keys`/`trace_values`, and `trace_events[t]` its first event.
    """

    keys: list[str]
    values: list[str | None]
    event_starts: list[int]
    trace_keys: list[str]
    trace_values: list[str | None]
    trace_starts: list[int]
    trace_events: list[int]
    first_event: int


class _XesLists:
    """Expat handlers that append what a log holds to flat lists.

    The start handler is a closure (locals are the cheapest state in Python) and the end
    handler is `list.append`, which runs no Python code: the depth of an element is the starts
    seen minus the ends seen. `settle()`, called between chunks, says whether a trace is still
    open; `take()` hands over the finished traces (a prefix, as traces do not nest).
    """

    def __init__(self, name: str) -> None:
        self.keys: list[str] = []
        self.values: list[str | None] = []
        self.event_starts: list[int] = []
        self.trace_keys: list[str] = []
        self.trace_values: list[str | None] = []
        self.trace_starts: list[int] = []
        self.trace_events: list[int] = []
        self.in_trace = False
        ended: list[str] = []
        self.end = ended.append
        opened = [_OTHER, _OTHER, _OTHER]  # by depth: the kinds of the open elements at 1 and 2
        kinds = _Kinds()
        started = 0  # less the ends settled: the depth is `started - len(ended)`
        keys, values, event_starts = self.keys, self.values, self.event_starts
        trace_keys, trace_values = self.trace_keys, self.trace_values
        trace_starts, trace_events = self.trace_starts, self.trace_events
        add_key, add_value, add_event = keys.append, values.append, event_starts.append

        def attribute(attributes: list[str]) -> tuple[str, str | None] | None:
            # `ordered_attributes`: [name, value, name, value, ...] in document order.
            found = dict(zip(attributes[::2], attributes[1::2], strict=True))
            return (found["key"], found.get("value")) if "key" in found else None

        def start(tag: str, attributes: list[str]) -> None:
            nonlocal started
            depth = started - len(ended)
            started += 1
            if depth == 3:  # by far the most common: an attribute of an event
                if opened[2] == _EVENT and kinds[tag] == _ATTRIBUTE:
                    if len(attributes) == 4 and attributes[0] == "key" and attributes[2] == "value":
                        add_key(attributes[1])
                        add_value(attributes[3])
                    elif (pair := attribute(attributes)) is not None:
                        add_key(pair[0])
                        add_value(pair[1])
            elif depth == 2:
                kind = kinds[tag] if opened[1] == _TRACE else _OTHER
                opened[2] = kind
                if kind == _EVENT:
                    add_event(len(keys))
                elif kind == _ATTRIBUTE and (pair := attribute(attributes)) is not None:
                    trace_keys.append(pair[0])
                    trace_values.append(pair[1])
            elif depth == 1:
                kind = opened[1] = kinds[tag]
                if kind == _TRACE:
                    trace_starts.append(len(trace_keys))
                    trace_events.append(len(event_starts))
            elif depth == 0:
                local = tag.rsplit("}", 1)[-1]
                if local != "log":
                    raise LogImportError(f"{name}: not an XES log (root element is <{local}>)")

        def settle() -> None:
            nonlocal started
            started -= len(ended)
            ended.clear()
            self.in_trace = started >= 2 and opened[1] == _TRACE

        self.start = start
        self.settle = settle

    def finished_events(self) -> int:
        """How many events in the lists are in finished traces (all but the open trace's)."""
        return self.trace_events[-1] if self.in_trace else len(self.event_starts)

    def take(self, first_event: int) -> _Parsed:
        """The finished traces' entries; they leave the lists, the open trace's stay."""
        traces = len(self.trace_starts) - self.in_trace
        events = self.finished_events()
        cut = self.event_starts[events] if events < len(self.event_starts) else len(self.keys)
        trace_cut = self.trace_starts[traces] if self.in_trace else len(self.trace_keys)
        parsed = _Parsed(
            keys=self.keys[:cut], values=self.values[:cut],
            event_starts=self.event_starts[:events],
            trace_keys=self.trace_keys[:trace_cut], trace_values=self.trace_values[:trace_cut],
            trace_starts=self.trace_starts[:traces], trace_events=self.trace_events[:traces],
            first_event=first_event,
        )
        del self.keys[:cut], self.values[:cut], self.trace_keys[:trace_cut]
        del self.trace_values[:trace_cut]
        # What stays (the open trace) is counted from the start of the lists again.
        for starts, taken, shift in ((self.event_starts, events, cut),
                                     (self.trace_starts, traces, trace_cut),
                                     (self.trace_events, traces, events)):
            starts[:] = [start - shift for start in starts[taken:]]
        return parsed


def _codes(keys: list[str]) -> tuple[np.ndarray, list[str]]:
    encoded = pa.array(keys, pa.string()).dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()


def _first_seen(names: list[str], codes: np.ndarray, rank: np.ndarray) -> dict[str, int]:
    """Each name's smallest rank (where it first appears), from the entries' codes and ranks."""
    first = np.full(len(names), np.iinfo(np.int64).max, np.int64)
    np.minimum.at(first, codes, rank)
    return dict(zip(names, first.tolist(), strict=True))


def _owners(starts: list[int], entries: int) -> np.ndarray:
    """The number of the owner of each entry, from where each owner's entries start."""
    counts = np.diff(np.array(starts, np.int64), append=entries)
    return np.repeat(np.arange(len(starts), dtype=np.int64), counts)


def _by_name(
    codes: np.ndarray, names: list[str], *, owners: np.ndarray, offset: int
) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Each name with its entries' owners and positions (`offset` on), in list order.

    One stable sort serves every name (slices of it are views), where a mask per name made
    several passes over all entries: the fewer NumPy calls, the fewer times this thread must
    win the GIL back from the parsing thread.
    """
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=len(names))))).tolist()
    sorted_owners, entries = owners[order], order + offset
    for code, name in enumerate(names):
        start, end = bounds[code], bounds[code + 1]
        yield name, sorted_owners[start:end], entries[start:end]


def _batch(parsed: _Parsed) -> pa.RecordBatch:
    """Text columns from the flat lists: for each name, a position in the values per event.

    A later entry for the same event and name overwrites an earlier one (NumPy assigns repeated
    indices in order), and a trace's attribute overwrites its events' own `case:` entry.
    """
    keys, trace_keys = parsed.keys, parsed.trace_keys
    count, trace_count = len(parsed.event_starts), len(parsed.trace_starts)
    events = _owners(parsed.event_starts, len(keys))
    traces = _owners(parsed.trace_starts, len(trace_keys))
    event_traces = _owners(parsed.trace_events, count)
    all_values = pa.concat_arrays([
        pa.array(parsed.values, pa.string()), pa.array(parsed.trace_values, pa.string())
    ])
    positions: dict[str, np.ndarray] = {}
    # Rank by (event, event attributes before trace ones, list order) for the column order.
    first: dict[str, int] = {}
    if keys:
        codes, names = _codes(keys)
        rank = events * 2 * (len(keys) + len(trace_keys)) + np.arange(len(keys))
        first = _first_seen(names, codes, rank)
        for name, owners, entries in _by_name(codes, names, owners=events, offset=0):
            position = np.full(count, -1, np.int64)
            position[owners] = entries
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
        for name, owners, entries in _by_name(codes, names, owners=traces, offset=len(keys)):
            per_trace = np.full(trace_count, -1, np.int64)
            per_trace[owners] = entries
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
    first_event = parsed.first_event
    arrays.append(pa.array(np.arange(first_event, first_event + count, dtype=np.int64)))
    return pa.RecordBatch.from_arrays(arrays, names=[*names, ROW])


def _parse(path: Path, *, max_bytes: int, stop: threading.Event) -> Iterator[_Parsed]:
    """Parse `path`, yielding the lists of each batch's finished traces (none without events).

    Once `stop` is set it stops at the end of the chunk it is parsing.
    """
    with open_capped(path, max_bytes=max_bytes, xml=True) as stream:
        yield from _parse_stream(stream, name=path.name, stop=stop)


def _parse_stream(stream: BinaryIO, *, name: str, stop: threading.Event) -> Iterator[_Parsed]:
    lists = _XesLists(name)
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
    first_event = 0
    try:
        while chunk := stream.read(_READ_SIZE):
            parser.Parse(chunk, False)
            if stop.is_set():
                return
            lists.settle()
            if lists.finished_events() >= BATCH_ROWS:
                parsed = lists.take(first_event)
                first_event += len(parsed.event_starts)
                yield parsed
        parser.Parse(b"", True)
        lists.settle()
    except DefusedXmlException as exc:
        raise UnsafeXmlError(
            f"{name}: the XML declares a DTD or entities, which are refused for safety "
            f"({type(exc).__name__})"
        ) from exc
    except (expat.ExpatError, ParseError) as exc:
        raise LogImportError(f"{name}: not well-formed XML ({exc})") from exc
    except (OSError, EOFError) as exc:
        raise LogImportError(f"{name}: the file could not be read: {exc}") from exc
    if lists.finished_events() > 0:
        yield lists.take(first_event)


def stream_batches(stream: BinaryIO, *, name: str) -> Iterator[pa.RecordBatch]:
    """The batches of an XES document already open as a capped stream, parsed on this thread.

    For a process that parses one range of a file (`xes_ranges`), where the other cores are
    busy with the other ranges: `_row` counts from the first event of the stream.
    """
    for parsed in _parse_stream(stream, name=name, stop=threading.Event()):
        yield _batch(parsed)


def _parse_into(handoff: queue.Queue, stop: threading.Event, path: Path, max_bytes: int) -> None:
    """The parsing thread: each batch's lists onto `handoff`, then None, or the error raised."""

    def hand_over(item: _Parsed | BaseException | None) -> bool:
        while not stop.is_set():
            with suppress(queue.Full):
                handoff.put(item, timeout=0.1)
                return True
        return False

    try:
        for parsed in _parse(path, max_bytes=max_bytes, stop=stop):
            if not hand_over(parsed):
                return
    except BaseException as exc:  # any at all: the reading side waits for an item
        hand_over(exc)
    else:
        hand_over(None)


def xes_batches(path: Path, *, max_bytes: int) -> Iterator[pa.RecordBatch]:
    """Yield batches of events as text columns plus `_row`, the event's position in the file."""
    handoff: queue.Queue = queue.Queue(maxsize=_BATCHES_IN_FLIGHT)
    stop = threading.Event()
    parsing = threading.Thread(
        target=_parse_into, args=(handoff, stop, path, max_bytes),
        name=f"xes-parse {path.name}", daemon=True,
    )
    parsing.start()
    try:
        while (parsed := handoff.get()) is not None:
            if isinstance(parsed, BaseException):
                raise parsed
            yield _batch(parsed)
    finally:
        stop.set()
        while parsing.is_alive():  # take what it was handing over, so that it can stop
            with suppress(queue.Empty):
                handoff.get(timeout=0.1)
        parsing.join()


def xes_row_label(index: int) -> str:
    return f"event {index + 1} (in file order)"
