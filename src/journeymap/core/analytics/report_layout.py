"""The analysis report's sections, built once from a typed result for every front-end to render.

Tiles (figure, label, note), tables (caption, columns, rows of display strings), charts (bars
with their text alternative) and the process map (DOT) are plain frozen dataclasses holding
text, never the result: the one-file HTML report (`report_html`) and the web's templates only lay
them out. Pass a result through `suppression.suppress` first for a report that leaves the
analyst's desk; a withheld figure reads "not shown" (the same for a small count and for one
hidden to protect it), an unknown one "–", and neither is ever 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeymap.core.analytics.result import (
    AnalysisResult,
    Bucket,
    Count,
    Crossing,
    HandoffTable,
    Measure,
    PooledCases,
    PooledEdges,
    PooledPairs,
    PooledRework,
    Suppressed,
)

NOT_SHOWN = "not shown"
UNKNOWN = "–"
TOP_VARIANTS = 10
TOP_PATHS = 40
TOP_MIX = 30
TOP_REPEATS = 15
MAP_ACTIVITIES = 25
MAP_EDGES = 60


@dataclass(frozen=True)
class Tile:
    """One headline figure: `figure` as text ("1,204", "3.5 h", "not shown") and its label."""

    figure: str
    label: str
    note: str = ""


@dataclass(frozen=True)
class Table:
    """A table of display strings; `numeric` holds the indexes of right-aligned columns."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Bar:
    """One bar: `length` is what to draw (0 when the count is withheld), `text` what to say."""

    label: str
    text: str
    length: int


@dataclass(frozen=True)
class Chart:
    caption: str
    bars: tuple[Bar, ...]

    @property
    def text_alternative(self) -> str:
        return "; ".join(f"{bar.label}: {bar.text} cases" for bar in self.bars)


@dataclass(frozen=True)
class ProcessMap:
    """The process map as Graphviz DOT, with how many activities and paths it draws."""

    dot: str
    nodes: int
    edges: int

    @property
    def caption(self) -> str:
        return (
            f"Process map: the {self.nodes} most frequent activities and the {self.edges} most "
            "frequent paths between them (count · median time). The tables give every figure."
        )


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    process_map: ProcessMap | None = None


@dataclass(frozen=True)
class ReportSections:
    title: str
    period: str
    tiles: tuple[Tile, ...]
    sections: tuple[Section, ...] = field(default=())
    footnote: str = ""


def count_text(value: Count) -> str:
    return NOT_SHOWN if isinstance(value, Suppressed) else f"{value:,}"


def duration_text(seconds: Measure) -> str:
    """A duration for people: '45 s', '12 min', '3.5 h', '4.2 days'."""
    if isinstance(seconds, Suppressed):
        return NOT_SHOWN
    if seconds is None:
        return UNKNOWN
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def percent_text(share: Measure) -> str:
    if isinstance(share, Suppressed):
        return NOT_SHOWN
    return UNKNOWN if share is None else f"{share * 100:.1f}%"


def number_text(value: Measure, digits: int = 1) -> str:
    if isinstance(value, Suppressed):
        return NOT_SHOWN
    return UNKNOWN if value is None else f"{value:,.{digits}f}"


def _share_of(part: Count, whole: Count) -> str:
    if isinstance(part, Suppressed) or isinstance(whole, Suppressed):
        return NOT_SHOWN
    return percent_text(part / whole if whole else None)


def _length(value: Count) -> int:
    return 0 if isinstance(value, Suppressed) else value


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def process_map(result: AnalysisResult) -> ProcessMap:
    """DOT source for the most frequent activities and the paths between them."""
    frequent = [row.activity for row in result.activities[:MAP_ACTIVITIES]]
    ids = {activity: f"a{index}" for index, activity in enumerate(frequent)}
    events = {row.activity: row.events for row in result.activities}
    edges = [edge for edge in result.dfg if edge.from_ in ids and edge.to in ids][:MAP_EDGES]
    heaviest = max((_length(edge.count) for edge in edges), default=1) or 1
    lines = [
        "digraph dfg {",
        'graph [rankdir=TB, bgcolor="white", fontname="DejaVu Sans"];',
        'node [shape=box, style="rounded,filled", fillcolor="#dbe8f5", fontname="DejaVu Sans"];',
        'edge [fontname="DejaVu Sans", fontsize=10, color="#505a5f"];',
        'start [shape=circle, label="", width=0.25, fillcolor="#00703c"];',
        'end [shape=doublecircle, label="", width=0.2, fillcolor="#d4351c"];',
    ]
    for activity, node in ids.items():
        label = f"{activity} ({count_text(events[activity])})"
        lines.append(f"{node} [label={_dot_string(label)}];")
    for activity, cases in result.start_activities.items():
        if activity in ids:
            lines.append(f"start -> {ids[activity]} [label={_dot_string(count_text(cases))}];")
    for activity, cases in result.end_activities.items():
        if activity in ids:
            lines.append(f"{ids[activity]} -> end [label={_dot_string(count_text(cases))}];")
    for edge in edges:
        width = 1 + 4 * _length(edge.count) / heaviest
        label = f"{count_text(edge.count)} · {duration_text(edge.median_seconds)}"
        lines.append(
            f"{ids[edge.from_]} -> {ids[edge.to]} "
            f"[label={_dot_string(label)}, penwidth={width:.2f}];"
        )
    lines.append("}")
    return ProcessMap(dot="\n".join(lines), nodes=len(ids), edges=len(edges))


def _tiles(result: AnalysisResult) -> tuple[Tile, ...]:
    tiles = [
        Tile(count_text(result.cases), "cases"),
        Tile(count_text(result.events), "events"),
        Tile(number_text(result.events_per_case.median), "events per case",
             "median; every event of a case, contact or not"),
        Tile(f"{result.activity_count:,}", "activities"),
        Tile(f"{result.variant_count:,}", "variants"),
        Tile(duration_text(result.case_duration_seconds.median), "median case duration"),
    ]
    if result.contacts is not None:
        tiles += [
            Tile(count_text(result.contacts.events), "citizen contacts"),
            Tile(number_text(result.contacts.per_case.median), "contacts per case",
                 "median over every case"),
        ]
    if result.avoidable is not None:
        tiles.append(Tile(percent_text(result.avoidable.avoidable_share), "avoidable contact"))
        per_request = result.avoidable.ni14.contacts_per_resolved_request
        if per_request is not None:
            tiles.append(Tile(number_text(per_request, 2),
                              "contacts per resolved request (NI14)"))
    return tuple(tiles)


def _contacts_section(result: AnalysisResult) -> Section:
    if result.contact_definition is None:
        return Section("Citizen contacts", (result.contacts_needed or "",))
    contacts = result.contacts
    paragraphs = [f"Citizen contacts are {result.contact_definition.description}."]
    if contacts is not None:
        paragraphs.append(
            f"{count_text(contacts.events)} contacts; {count_text(contacts.cases_with_contacts)}"
            " cases had at least one."
        )
    return Section("Citizen contacts", tuple(paragraphs))


def _variants_table(result: AnalysisResult) -> Table:
    rows = [
        (" → ".join(v.activities), count_text(v.cases), _share_of(v.cases, result.cases))
        for v in result.variants[:TOP_VARIANTS]
    ]
    rows += _other(result.suppression and result.suppression.pooled.variants, "variants",
                   lambda p: (count_text(p.cases), _share_of(p.cases, result.cases)))
    return Table(f"Top {min(TOP_VARIANTS, len(result.variants))} variants",
                 ("Activities in order", "Cases", "Share"), tuple(rows), frozenset({1, 2}))


def _other(pooled, noun: str, cells) -> list[tuple[str, ...]]:
    """The "other paths" row of a table, when rows were pooled into one."""
    if pooled is None:
        return []
    return [(f"Other {noun} ({pooled.rows:,}, each taken by too few to list)", *cells(pooled))]


def _chart(caption: str, buckets: list[Bucket]) -> Chart:
    return Chart(caption, tuple(
        Bar(bucket.bucket, count_text(bucket.cases), _length(bucket.cases)) for bucket in buckets
    ))


def _time_section(result: AnalysisResult) -> Section:
    histograms = result.histograms
    charts = [
        _chart("Cases by duration", histograms.case_duration_seconds),
        _chart("Cases by number of events", histograms.events_per_case),
    ]
    if histograms.contacts_per_case is not None:
        charts.append(_chart("Cases by number of citizen contacts", histograms.contacts_per_case))
    return Section("Time and effort per case", charts=tuple(charts))


def _crossing_section(title: str, crossing: Crossing | None, noun: str) -> Section | None:
    if crossing is None:
        return None
    rows = tuple(
        (row.value, count_text(row.events), count_text(row.cases))
        for row in crossing.mix[:TOP_MIX]
    )
    return Section(
        title,
        (f"{count_text(crossing.cases_crossing)} cases used more than one {noun}; "
         f"{count_text(crossing.changes)} changes of {noun} between consecutive events.",),
        (Table(f"{noun.capitalize()} mix", (noun.capitalize(), "Events", "Cases"), rows,
               frozenset({1, 2})),),
    )


def _handoff_tables(
    table: HandoffTable, noun: str, pairs: PooledPairs | None, rework: PooledRework | None
) -> tuple[str, tuple[Table, ...]]:
    pair_rows = [
        (pair.from_, pair.to, count_text(pair.handoffs), count_text(pair.cases),
         duration_text(pair.median_seconds))
        for pair in table.pairs
    ]
    pair_rows += _other(pairs, "hand-offs",
                        lambda p: ("", count_text(p.handoffs), count_text(p.cases), UNKNOWN))
    rework_rows = [
        (row.from_, row.to, row.activity, count_text(row.cases), count_text(row.handoffs))
        for row in table.rework
    ]
    rework_rows += _other(rework, "re-work",
                          lambda p: ("", "", count_text(p.cases), count_text(p.handoffs)))
    sentence = (
        f"{count_text(table.handoffs)} hand-offs from one {noun} to another, in "
        f"{count_text(table.cases_with_handoffs)} cases."
    )
    return sentence, (
        Table(f"Hand-offs between {noun}s",
              (f"From {noun}", f"To {noun}", "Hand-offs", "Cases", "Median time between"),
              tuple(pair_rows), frozenset({2, 3})),
        Table(f"Work done again after a hand-off between {noun}s",
              (f"From {noun}", f"To {noun}", "Activity done again", "Cases", "Hand-offs"),
              tuple(rework_rows), frozenset({3, 4})),
    )


def _handoff_section(result: AnalysisResult) -> Section | None:
    pooled = result.suppression.pooled if result.suppression else None
    paragraphs: list[str] = []
    tables: list[Table] = []
    for noun, table, pairs, rework in (
        ("service", result.handoffs.service, pooled and pooled.service_pairs,
         pooled and pooled.service_rework),
        ("organisation", result.handoffs.organisation, pooled and pooled.organisation_pairs,
         pooled and pooled.organisation_rework),
    ):
        if table is not None:
            sentence, found = _handoff_tables(table, noun, pairs, rework)
            paragraphs.append(sentence)
            tables += found
    if not tables:
        return None
    return Section("Hand-offs", tuple(paragraphs), tuple(tables))


def _avoidable_section(result: AnalysisResult) -> Section | None:
    avoidable = result.avoidable
    if avoidable is None:
        return None
    method = "the contact reason" if avoidable.method == "reason" else "the rules below"
    return Section(
        "Avoidable contact (NI14)",
        (f"{count_text(avoidable.avoidable_contacts)} of {count_text(avoidable.contacts)} "
         f"contacts ({percent_text(avoidable.avoidable_share)}) look avoidable, classified by "
         f"{method}.",),
        (
            Table("Avoidable contact by category", ("Category", "Contacts",
                  "Share of all contacts"),
                  tuple((c.label, count_text(c.contacts), percent_text(c.share))
                        for c in avoidable.categories), frozenset({1, 2})),
            Table("Avoidable contact by rule", ("Rule", "Category", "Contacts", "Share"),
                  tuple((r.description, r.category, count_text(r.contacts),
                         percent_text(r.share)) for r in avoidable.rules), frozenset({2, 3})),
        ),
    )


def _repeats_section(result: AnalysisResult) -> Section:
    repeats = result.repeats
    rows = [
        (row.activity, count_text(row.cases), count_text(row.repeated_events))
        for row in repeats.activities[:TOP_REPEATS]
    ]
    pooled = result.suppression.pooled.repeated_activities if result.suppression else None
    rows += _other(pooled, "activities",
                   lambda p: (count_text(p.cases), count_text(p.repeated_events)))
    return Section(
        "Repeated work",
        (f"{count_text(repeats.cases_with_repeats)} cases did an activity more than once "
         f"({count_text(repeats.repeated_events)} repeated events).",),
        (Table("Activities done more than once in a case",
               ("Activity", "Cases", "Repeated events"), tuple(rows), frozenset({1, 2})),),
    )


def _conformance_section(result: AnalysisResult) -> Section | None:
    conformance = result.conformance
    if conformance is None:
        return None
    rows = tuple(
        (step.name, count_text(step.cases_reaching), count_text(step.contacts),
         count_text(step.repeat_contacts), count_text(step.cases_skipping),
         duration_text(step.median_seconds_to_next_step))
        for step in conformance.steps
    )
    return Section(
        "Against the journey map",
        (f"{count_text(conformance.cases_following_map)} of "
         f"{count_text(conformance.cases_mapped)} mapped cases follow the map in order without "
         f"skipping a step; {count_text(conformance.cases_skipping_steps)} skip a step and "
         f"{count_text(conformance.cases_repeating_steps)} go back to a step.",),
        (Table("Cases at each step of the map",
               ("Step", "Cases reaching", "Events", "Repeat events", "Cases skipping",
                "Median time to next step"), rows, frozenset({1, 2, 3, 4})),),
    )


def _paths_section(result: AnalysisResult) -> Section:
    rows = [
        (edge.from_, edge.to, count_text(edge.count), duration_text(edge.median_seconds))
        for edge in result.dfg[:TOP_PATHS]
    ]
    pooled: PooledEdges | None = result.suppression.pooled.dfg if result.suppression else None
    rows += _other(pooled, "paths", lambda p: ("", count_text(p.count), UNKNOWN))
    return Section("Most frequent paths", tables=(
        Table("Directly-follows paths", ("From", "To", "Times", "Median time"), tuple(rows),
              frozenset({2})),
    ))


def _footnote(result: AnalysisResult) -> str:
    if result.suppression is None:
        return "Every figure is exact: no small-number suppression was applied."
    n = result.suppression.threshold
    return (
        f"Counts from 1 to {n - 1}, figures computed over fewer than {n} cases, and figures "
        f"from which such a count could be worked out read \"{NOT_SHOWN}\"; variants and "
        f"paths that fewer than {n} cases took are pooled as \"other\", so that no one can "
        "be singled out."
    )


def report_sections(result: AnalysisResult, *, title: str | None = None) -> ReportSections:
    """Every section of the analysis report, as display text (see the module docstring)."""
    pooled_starts: PooledCases | None = (
        result.suppression.pooled.start_activities if result.suppression else None
    )
    start_rows = [(activity, count_text(cases)) for activity, cases in
                  result.start_activities.items()]
    start_rows += _other(pooled_starts, "first activities", lambda p: (count_text(p.cases),))
    sections = [
        _contacts_section(result),
        Section("Process map", process_map=process_map(result), tables=(
            Table("How cases start", ("First activity", "Cases"), tuple(start_rows),
                  frozenset({1})),
        )),
        Section("Variants", tables=(_variants_table(result),)),
        _time_section(result),
        _crossing_section("Channels", result.channels, "channel"),
        _crossing_section("Services crossed", result.services, "service"),
        _crossing_section("Organisations crossed", result.organisations, "organisation"),
        _handoff_section(result),
        _avoidable_section(result),
        _repeats_section(result),
        _conformance_section(result),
        _paths_section(result),
    ]
    pseudonymised = "pseudonymised" if result.source.pseudonymised else "as supplied"
    return ReportSections(
        title=title or f"Journey analysis: {result.source.name}",
        period=f"{result.first_event or UNKNOWN} to {result.last_event or UNKNOWN} (UTC). "
        f"Case ids {pseudonymised}.",
        tiles=_tiles(result),
        sections=tuple(section for section in sections if section is not None),
        footnote=_footnote(result),
    )
