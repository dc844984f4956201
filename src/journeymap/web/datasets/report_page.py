"""The dataset report laid out for Django templates: chart geometry and the process map's SVG.

Which figures appear, and which are withheld, is decided by the analytics facade
(`suppress`, then `report_sections`); this module only draws what it is given.
"""

import re
from dataclasses import dataclass

import graphviz
from django.utils.safestring import SafeString, mark_safe

from journeymap.core.analytics import Chart, ProcessMap, ReportSections

BAR_HEIGHT = 20
ROW_HEIGHT = 26
BAR_SPACE = 400


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class DrawnChart:
    caption: str
    text_alternative: str
    height: int
    bars: tuple[DrawnBar, ...]


def drawn_chart(chart: Chart) -> DrawnChart:
    biggest = max((bar.length for bar in chart.bars), default=0) or 1
    bars = []
    for index, bar in enumerate(chart.bars):
        y = 5 + index * ROW_HEIGHT
        width = round(BAR_SPACE * bar.length / biggest, 1)
        bars.append(DrawnBar(label=bar.label, text=bar.text, y=y, text_y=y + 16, width=width,
                             value_x=round(165 + width, 1)))
    return DrawnChart(caption=chart.caption, text_alternative=chart.text_alternative,
                      height=ROW_HEIGHT * len(bars) + 10, bars=tuple(bars))


def process_map_svg(process_map: ProcessMap, *, labelled_by: str) -> SafeString | None:
    """Graphviz's SVG of the map, or None without Graphviz. Graphviz escapes every label it
    writes (the labels reach it through DOT string quoting), so its output is safe to embed."""
    try:
        svg = graphviz.Source(process_map.dot).pipe(format="svg").decode("utf-8")
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError):
        return None
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<svg", f'<svg role="img" aria-labelledby="{labelled_by}" focusable="false"',
                 svg, count=1)
    return mark_safe(svg)  # noqa: S308 - Graphviz-escaped, see the docstring


@dataclass(frozen=True)
class LaidOutSection:
    heading: str
    paragraphs: tuple[str, ...]
    tables: tuple
    charts: tuple[DrawnChart, ...]
    process_map: ProcessMap | None
    process_map_svg: SafeString | None


def laid_out(report: ReportSections) -> tuple[LaidOutSection, ...]:
    """Each section of the report with its charts drawn and its process map rendered."""
    return tuple(
        LaidOutSection(
            heading=section.heading, paragraphs=section.paragraphs, tables=section.tables,
            charts=tuple(drawn_chart(chart) for chart in section.charts),
            process_map=section.process_map,
            process_map_svg=(process_map_svg(section.process_map, labelled_by=f"map-{index}")
                             if section.process_map else None))
        for index, section in enumerate(report.sections))
