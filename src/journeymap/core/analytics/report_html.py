"""The analysis as one self-contained HTML file a manager can open: numbers, map, variants, charts.

It lays out the sections of `report_sections` and nothing else: which figures appear, and which
are withheld, is decided there (and by `suppression.suppress`), once for every front-end.

No scripts, no external files: styles inline, charts as inline SVG (each with a text
alternative and the same figures in words). Every piece of log text is escaped: activity
names reach the page through `html.escape`, and reach the process map through DOT string
quoting, after which Graphviz escapes them again in its SVG.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import graphviz

from journeymap.core.analytics.report_layout import (
    Chart,
    ProcessMap,
    ReportSections,
    Section,
    Table,
    Tile,
)

_STYLE = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:2rem auto;max-width:70rem;
color:#0b0c0c;line-height:1.4;padding:0 1rem}
h1{font-size:2rem}h2{margin-top:2.5rem;border-bottom:2px solid #0b0c0c}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:1rem}
.figure{border-left:5px solid #1d70b8;padding:.5rem 1rem;background:#f3f2f1}
.figure strong{display:block;font-size:1.8rem}.figure small{display:block;color:#505a5f}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
td.n,th.n{text-align:right}.map{overflow:auto;border:1px solid #b1b4b6;padding:.5rem}
.map svg{max-width:100%;height:auto}.note{color:#505a5f}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _tiles(tiles: tuple[Tile, ...]) -> str:
    return '<div class="figures">' + "".join(
        f'<div class="figure"><strong>{_e(tile.figure)}</strong>{_e(tile.label)}'
        + (f"<small>{_e(tile.note)}</small>" if tile.note else "")
        + "</div>"
        for tile in tiles
    ) + "</div>"


def _table(table: Table) -> str:
    def cls(index: int) -> str:
        return " class=n" if index in table.numeric else ""

    head = "".join(f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{_e(cell)}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    return (
        f"<table><caption>{_e(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _chart(chart: Chart) -> str:
    """A horizontal bar chart as inline SVG, with its figures as the text alternative."""
    height = 26 * len(chart.bars) + 10
    biggest = max((bar.length for bar in chart.bars), default=0) or 1
    parts = [
        f'<svg role="img" width="640" height="{height}" viewBox="0 0 640 {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{_e(chart.caption)}</title>'
        f"<desc>{_e(chart.text_alternative)}</desc>"
    ]
    for index, bar in enumerate(chart.bars):
        y = 5 + index * 26
        width = 400 * bar.length / biggest
        parts.append(
            f'<text x="150" y="{y + 16}" text-anchor="end" font-size="13">{_e(bar.label)}'
            f'</text><rect x="160" y="{y}" width="{width:.1f}" height="20" fill="#1d70b8"/>'
            f'<text x="{165 + width:.1f}" y="{y + 16}" font-size="13">{_e(bar.text)}</text>'
        )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}<figcaption>{_e(chart.caption)}</figcaption></figure>"


def _process_map(process_map: ProcessMap) -> str:
    try:
        svg = graphviz.Source(process_map.dot).pipe(format="svg").decode("utf-8")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError) as exc:
        return f'<p class="note">The process map needs Graphviz ({_e(exc)}).</p>'
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<svg", '<svg role="img" aria-labelledby="map-caption"', svg, count=1)
    return (
        f'<p id="map-caption" class="note">{_e(process_map.caption)}</p>'
        f'<div class="map">{svg}</div>'
    )


def _section(section: Section) -> str:
    return (
        f"<h2>{_e(section.heading)}</h2>"
        + (_process_map(section.process_map) if section.process_map else "")
        + "".join(f"<p>{_e(paragraph)}</p>" for paragraph in section.paragraphs)
        + "".join(_chart(chart) for chart in section.charts)
        + "".join(_table(table) for table in section.tables)
    )


def render_html(report: ReportSections) -> str:
    """The whole report as one HTML string."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{_STYLE}</style></head><body><main>"
        f"<h1>{_e(report.title)}</h1><p class=\"note\">{_e(report.period)}</p>"
        + _tiles(report.tiles)
        + "".join(_section(section) for section in report.sections)
        + f'<p class="note">{_e(report.footnote)}</p></main></body></html>'
    )


def write_analysis_html(*, report: ReportSections, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")
