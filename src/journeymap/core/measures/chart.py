"""An indicator's measurements as a line on an SVG chart, with its baseline and target.

Drawn on the server (no script), built with ElementTree so that every piece of user text (the
indicator's name, its unit) is escaped by the serialiser rather than by hand. The chart has a
title for assistive technology; the page prints the same figures as a table beside it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.core.maps.totals import number_text

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 40
INK, MUTED, TARGET = "#0b0c0c", "#505a5f", "#00703c"


@dataclass(frozen=True)
class Point:
    on: dt.date
    value: float


def _scale(low: float, high: float, start: float, end: float):
    span = (high - low) or 1.0
    return lambda value: start + (value - low) / span * (end - start)


def indicator_chart(*, title: str, unit: str, points: Sequence[Point],
                    baseline: Point | None = None, target: float | None = None) -> str:
    """The SVG text of the chart; `points` in any order, drawn by date."""
    points = sorted(points, key=lambda point: point.on)
    dates = [point.on for point in points] + ([baseline.on] if baseline else [])
    values = ([point.value for point in points] + ([baseline.value] if baseline else [])
              + ([target] if target is not None else []))
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "role": "img",
                             "viewBox": f"0 0 {WIDTH} {HEIGHT}", "class": "jm-indicator-chart",
                             "aria-labelledby": "indicator-chart-title"})
    ET.SubElement(svg, "title", {"id": "indicator-chart-title"}).text = (
        f"{title} ({unit}) over time: {len(points)} measurement{'s' if len(points) != 1 else ''}"
        + ("" if baseline is None else f", baseline {number_text(baseline.value)}")
        + ("" if target is None else f", target {number_text(target)}"))
    if not values:
        _text(svg, WIDTH / 2, HEIGHT / 2, "No measurements yet", anchor="middle")
        return ET.tostring(svg, encoding="unicode")
    low, high = min(0.0, min(values)), max(values) or 1.0
    y = _scale(low, high, HEIGHT - BOTTOM, TOP)
    first, last = min(dates), max(dates)
    x = _scale(first.toordinal(), last.toordinal(), LEFT, WIDTH - RIGHT)
    _line(svg, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, MUTED)
    _line(svg, LEFT, TOP, LEFT, HEIGHT - BOTTOM, MUTED)
    for value in (low, high):
        _text(svg, LEFT - 6, y(value) + 4, number_text(round(value, 2)), anchor="end")
    _text(svg, LEFT, HEIGHT - 12, first.strftime("%-d %b %Y"), anchor="start")
    if last != first:
        _text(svg, WIDTH - RIGHT, HEIGHT - 12, last.strftime("%-d %b %Y"), anchor="end")
    if baseline is not None:
        _line(svg, LEFT, y(baseline.value), WIDTH - RIGHT, y(baseline.value), MUTED, dashed=True)
        _text(svg, WIDTH - RIGHT, y(baseline.value) - 4, "Baseline", anchor="end")
    if target is not None:
        _line(svg, LEFT, y(target), WIDTH - RIGHT, y(target), TARGET, dashed=True)
        _text(svg, WIDTH - RIGHT, y(target) - 4, "Target", anchor="end", fill=TARGET)
    coordinates = [(x(point.on.toordinal()), y(point.value)) for point in points]
    if len(coordinates) > 1:
        ET.SubElement(svg, "polyline", {
            "points": " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates),
            "fill": "none", "stroke": INK, "stroke-width": "2"})
    for px, py in coordinates:
        ET.SubElement(svg, "circle", {"cx": f"{px:.1f}", "cy": f"{py:.1f}", "r": "4",
                                      "fill": INK})
    return ET.tostring(svg, encoding="unicode")


def _line(parent, x1, y1, x2, y2, colour, *, dashed=False) -> None:
    attributes = {"x1": f"{x1:.1f}", "y1": f"{y1:.1f}", "x2": f"{x2:.1f}", "y2": f"{y2:.1f}",
                  "stroke": colour, "stroke-width": "1"}
    if dashed:
        attributes["stroke-dasharray"] = "6 4"
    ET.SubElement(parent, "line", attributes)


def _text(parent, x, y, words: str, *, anchor: str, fill: str = INK) -> None:
    ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", "text-anchor": anchor,
                                   "font-size": "12", "fill": fill,
                                   "font-family": "sans-serif"}).text = words
