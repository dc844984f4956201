"""The indicator chart: a line through the measurements, baseline and target, text escaped."""

import datetime as dt

from defusedxml import ElementTree as ET

from journeymap.core.measures.chart import BOTTOM, HEIGHT, TOP, Point, indicator_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_points_are_drawn_in_date_order_and_scaled_to_the_highest_value():
    svg = ET.fromstring(indicator_chart(title="Calls", unit="calls", points=[
        Point(dt.date(2025, 3, 1), 50.0), Point(dt.date(2025, 1, 1), 100.0)],
        baseline=Point(dt.date(2025, 1, 1), 100.0), target=25.0))
    line = svg.find(f"{SVG}polyline").get("points").split()
    (x1, y1), (x2, y2) = (tuple(map(float, point.split(","))) for point in line)
    # scale 0..100: 100 at the top, 50 half way down the plotting area
    assert x1 < x2
    assert y1 == TOP
    assert y2 == (TOP + (HEIGHT - BOTTOM)) / 2
    assert "baseline 100, target 25" in svg.find(f"{SVG}title").text


def test_user_text_is_escaped():
    text = indicator_chart(title="<script>alert(1)</script>", unit="&", points=[])
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "No measurements yet" in text
