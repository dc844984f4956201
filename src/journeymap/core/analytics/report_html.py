"""The analysis as one self-contained HTML file a manager can open: numbers, map, variants, charts.

Counts of people and contacts below the disclosure threshold are written "fewer than N" (see
`journeymap.core.disclosure`), and so are shares computed from them.

No scripts, no external files: styles inline, charts as inline SVG (each with a text
alternative and the same figures in a table). Every piece of log text is escaped: activity
names reach the page through `html.escape`, and reach the process map through DOT string
quoting, after which Graphviz escapes them again in its SVG.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import graphviz

from journeymap.core.analytics.analysis import AnalysisResult
from journeymap.core.disclosure import CountDisclosure

MAP_ACTIVITIES = 25
MAP_EDGES = 60
TOP_VARIANTS = 10

_STYLE = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:70rem;
color:#0b0c0c;line-height:1.4;padding:0 1rem}
h1{font-size:2rem}h2{margin-top:2.5rem;border-bottom:2px solid #0b0c0c}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:1rem}
.figure{border-left:5px solid #1d70b8;padding:.5rem 1rem;background:#f3f2f1}
.figure strong{display:block;font-size:1.8rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
td.n,th.n{text-align:right}.map{overflow:auto;border:1px solid #b1b4b6;padding:.5rem}
.map svg{max-width:100%;height:auto}.note{color:#505a5f}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def duration_text(seconds: float | None) -> str:
    """A duration for people: '45 s', '12 min', '3.5 h', '4.2 days'."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def dfg_dot(result: AnalysisResult, counts: CountDisclosure) -> tuple[str, int, int]:
    """DOT source for the most frequent activities and paths; returns (dot, nodes, edges)."""
    frequent = [row["activity"] for row in result.activities[:MAP_ACTIVITIES]]
    ids = {activity: f"a{index}" for index, activity in enumerate(frequent)}
    events = {row["activity"]: row["events"] for row in result.activities}
    edges = [r for r in result.dfg if r["from"] in ids and r["to"] in ids][:MAP_EDGES]
    heaviest = max((counts.shown(edge["count"]) for edge in edges), default=1) or 1
    lines = [
        "digraph dfg {",
        'graph [rankdir=TB, bgcolor="white", fontname="DejaVu Sans"];',
        'node [shape=box, style="rounded,filled", fillcolor="#dbe8f5", fontname="DejaVu Sans"];',
        'edge [fontname="DejaVu Sans", fontsize=10, color="#505a5f"];',
    ]
    lines.append('start [shape=circle, label="", width=0.25, fillcolor="#00703c"];')
    lines.append('end [shape=doublecircle, label="", width=0.2, fillcolor="#d4351c"];')
    for activity, node in ids.items():
        label = f"{activity} ({counts.text(events[activity])})"
        lines.append(f"{node} [label={_dot_string(label)}];")
    for activity, cases in result.start_activities.items():
        if activity in ids:
            lines.append(f"start -> {ids[activity]} [label={_dot_string(counts.text(cases))}];")
    for activity, cases in result.end_activities.items():
        if activity in ids:
            lines.append(f"{ids[activity]} -> end [label={_dot_string(counts.text(cases))}];")
    for edge in edges:
        width = 1 + 4 * counts.shown(edge["count"]) / heaviest
        label = f"{counts.text(edge['count'])} · {duration_text(edge['median_seconds'])}"
        lines.append(
            f"{ids[edge['from']]} -> {ids[edge['to']]} "
            f"[label={_dot_string(label)}, penwidth={width:.2f}];"
        )
    lines.append("}")
    return "\n".join(lines), len(ids), len(edges)


def _process_map(result: AnalysisResult, counts: CountDisclosure) -> str:
    dot, nodes, edges = dfg_dot(result, counts)
    try:
        svg = graphviz.Source(dot).pipe(format="svg").decode("utf-8")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as exc:
        return f'<p class="note">The process map needs Graphviz ({_e(exc)}).</p>'
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<svg", '<svg role="img" aria-labelledby="map-caption"', svg, count=1)
    return (
        f'<p id="map-caption" class="note">Process map: the {nodes} most frequent activities '
        f"and the {edges} most frequent paths between them (count · median time). "
        "The tables below give every figure.</p>"
        f'<div class="map">{svg}</div>'
    )


def _bars(rows: list[dict], *, caption: str, counts: CountDisclosure) -> str:
    """A horizontal bar chart as inline SVG, with its figures as the text alternative."""
    height = 26 * len(rows) + 10
    biggest = max((counts.shown(row["cases"]) for row in rows), default=0) or 1
    description = "; ".join(f"{row['bucket']}: {counts.text(row['cases'])} cases"
                            for row in rows)
    parts = [
        f'<svg role="img" width="640" height="{height}" viewBox="0 0 640 {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_e(caption)}</title>'
        f"<desc>{_e(description)}</desc>"
    ]
    for index, row in enumerate(rows):
        y = 5 + index * 26
        width = 400 * counts.shown(row["cases"]) / biggest
        parts.append(
            f'<text x="150" y="{y + 16}" text-anchor="end" font-size="13">{_e(row["bucket"])}'
            f'</text><rect x="160" y="{y}" width="{width:.1f}" height="20" fill="#1d70b8"/>'
            f'<text x="{165 + width:.1f}" y="{y + 16}" font-size="13">'
            f'{_e(counts.text(row["cases"]))}</text>'
        )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}<figcaption>{_e(caption)}</figcaption></figure>"


def _table(headers: list[str], rows: list[list[object]], numeric: set[int]) -> str:
    head = "".join(
        f'<th scope="col"{" class=n" if i in numeric else ""}>{_e(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td{" class=n" if i in numeric else ""}>{_e(cell)}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figures(result: AnalysisResult, counts: CountDisclosure) -> str:
    items = [
        ("cases", counts.text(result.cases)),
        ("events", counts.text(result.events)),
        ("activities", f"{result.activity_count:,}"),
        ("variants", f"{result.variant_count:,}"),
        ("median case duration", duration_text(result.case_duration_seconds["median"])),
        ("median events per case", f"{result.events_per_case['median']:g}"),
    ]
    if result.contacts is not None and result.avoidable is not None:
        items.append(("median contacts per case", f"{result.contacts['per_case']['median']:g}"))
        items.append(("avoidable contact", _percent(result.avoidable["avoidable_share"])))
        per_request = result.avoidable["ni14"]["contacts_per_resolved_request"]
        if per_request is not None:
            items.append(("contacts per resolved request (NI14)", f"{per_request:.2f}"))
    return '<div class="figures">' + "".join(
        f'<div class="figure"><strong>{_e(value)}</strong>{_e(label)}</div>'
        for label, value in items
    ) + "</div>"


def _crossing_section(title: str, data: dict | None, noun: str, counts: CountDisclosure) -> str:
    if data is None:
        return ""
    rows = [[row["value"], counts.text(row["events"]), counts.text(row["cases"])]
            for row in data["mix"]]
    return (
        f"<h2>{_e(title)}</h2><p>{counts.text(data['cases_crossing'])} cases used more than "
        f"one {noun}; {counts.text(data['changes'])} changes of {noun} between consecutive "
        "events.</p>"
        + _table([noun.capitalize(), "Events", "Cases"], rows[:30], {1, 2})
    )


def _handoff_section(title: str, table: dict | None, counts: CountDisclosure) -> str:
    if table is None:
        return ""
    rows = [[p["from"], p["to"], counts.text(p["handoffs"]), counts.text(p["cases"]),
             duration_text(p["median_seconds"])] for p in table["pairs"][:30]]
    rework = [[r["from"], r["to"], r["activity"], counts.text(r["handoffs"]),
               counts.text(r["cases"])] for r in table["rework"][:30]]
    return (
        f"<h2>{_e(title)}</h2><p>{counts.text(table['handoffs'])} hand-offs in "
        f"{counts.text(table['cases_with_handoffs'])} cases.</p>"
        + _table(["From", "To", "Hand-offs", "Cases", "Median time between"], rows, {2, 3})
        + (_table(["From", "To", "Activity done again", "Hand-offs", "Cases"], rework, {3, 4})
           if rework else "")
    )


def _avoidable_section(avoidable: dict | None, needed: str | None,
                       counts: CountDisclosure) -> str:
    if avoidable is None:
        return f"<h2>Contacts and avoidable contact (NI14)</h2><p>{_e(needed)}</p>"
    category_rows = [
        [c["label"], counts.text(c["contacts"]), _share(counts, c["contacts"], c["share"])]
        for c in avoidable["categories"]
    ]
    rule_rows = [
        [r["description"], r["category"], counts.text(r["contacts"]),
         _share(counts, r["contacts"], r["share"])]
        for r in avoidable["rules"]
    ]
    return (
        "<h2>Avoidable contact (NI14)</h2>"
        f"<p>{counts.text(avoidable['avoidable_contacts'])} of "
        f"{counts.text(avoidable['contacts'])} contacts "
        f"({_share(counts, avoidable['avoidable_contacts'], avoidable['avoidable_share'])}) "
        "look avoidable, classified by "
        f"{'the contact reason' if avoidable['method'] == 'reason' else 'the rules below'}."
        "</p>"
        + _table(["Category", "Contacts", "Share of all contacts"], category_rows, {1, 2})
        + _table(["Rule", "Category", "Contacts", "Share"], rule_rows, {2, 3})
    )


def _conformance_section(conformance: dict | None, counts: CountDisclosure) -> str:
    if conformance is None:
        return ""
    rows = [
        [step["name"], counts.text(step["cases_reaching"]), counts.text(step["contacts"]),
         counts.text(step["repeat_contacts"]), counts.text(step["cases_skipping"]),
         duration_text(step["median_seconds_to_next_step"])]
        for step in conformance["steps"]
    ]
    return (
        "<h2>Against the journey map</h2>"
        f"<p>{counts.text(conformance['cases_following_map'])} of "
        f"{counts.text(conformance['cases_mapped'])} mapped cases follow the map in order "
        f"without skipping a step; {counts.text(conformance['cases_skipping_steps'])} skip a "
        f"step and {counts.text(conformance['cases_repeating_steps'])} go back to a step.</p>"
        + _table(
            ["Step", "Cases reaching", "Contacts", "Repeat contacts", "Cases skipping",
             "Median time to next step"],
            rows,
            {1, 2, 3, 4},
        )
    )


def _share(counts: CountDisclosure, count: int, share: float | None) -> str:
    return f"fewer than {counts.threshold} contacts" if counts.hidden(count) else _percent(share)


def render_html(result: AnalysisResult, *, title: str | None = None,
                counts: CountDisclosure | None = None) -> str:
    """The whole report as one HTML string; small counts suppressed as `counts` says."""
    counts = counts or CountDisclosure()
    heading = title or f"Journey analysis: {result.source['name']}"
    variants = [
        [" → ".join(v["activities"]), counts.text(v["cases"]),
         "–" if counts.hidden(v["cases"])
         else _percent(v["cases"] / result.cases if result.cases else None)]
        for v in result.variants[:TOP_VARIANTS]
    ]
    dfg_rows = [
        [r["from"], r["to"], counts.text(r["count"]), duration_text(r["median_seconds"])]
        for r in result.dfg[:40]
    ]
    repeat_rows = [
        [r["activity"], counts.text(r["cases"]), counts.text(r["repeated_events"])]
        for r in result.repeats["activities"][:15]
    ]
    body = [
        f"<h1>{_e(heading)}</h1>",
        f'<p class="note">{_e(result.first_event)} to {_e(result.last_event)} (UTC). '
        f"Case ids {'pseudonymised' if result.source['pseudonymised'] else 'as supplied'}.</p>",
        _figures(result, counts),
        "<h2>Process map</h2>",
        _process_map(result, counts),
        f"<h2>Top {min(TOP_VARIANTS, len(result.variants))} variants</h2>",
        _table(["Activities in order", "Cases", "Share"], variants, {1, 2}),
        "<h2>Time and effort per case</h2>",
        _bars(result.histograms["case_duration_seconds"], caption="Cases by duration",
              counts=counts),
        _bars(result.histograms["events_per_case"], caption="Cases by number of events",
              counts=counts),
        _bars(result.histograms["contacts_per_case"], caption="Cases by number of contacts",
              counts=counts) if result.histograms["contacts_per_case"] is not None else "",
        _crossing_section("Channels", result.channels, "channel", counts),
        _crossing_section("Services crossed", result.services, "service", counts),
        _crossing_section("Organisations crossed", result.organisations, "organisation",
                          counts),
        _handoff_section("Hand-offs between services", result.handoffs["service"], counts),
        _handoff_section("Hand-offs between organisations", result.handoffs["organisation"],
                         counts),
        _avoidable_section(result.avoidable, result.contacts_needed, counts),
        "<h2>Repeated work</h2>",
        f"<p>{counts.text(result.repeats['cases_with_repeats'])} cases did an activity more "
        f"than once ({counts.text(result.repeats['repeated_events'])} repeated events).</p>",
        _table(["Activity", "Cases", "Repeated events"], repeat_rows, {1, 2}),
        _conformance_section(result.conformance, counts),
        "<h2>Most frequent paths</h2>",
        _table(["From", "To", "Times", "Median time"], dfg_rows, {2}),
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(heading)}</title><style>{_STYLE}</style></head><body><main>"
        + "".join(body)
        + f'<p class="note">Counts from 1 to {max(counts.threshold - 1, 0)} are shown as '
        f'"fewer than {counts.threshold}" so that no one can be singled out.</p>'
        + "</main></body></html>"
    )


def write_analysis_html(*, result: AnalysisResult, path: Path, title: str | None = None,
                        counts: CountDisclosure | None = None) -> None:
    path.write_text(render_html(result, title=title, counts=counts), encoding="utf-8")
