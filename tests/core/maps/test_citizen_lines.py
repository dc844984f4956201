"""Citizens' feeling per segment on the map's heartbeat lane: one line per answer, on the lane's
own scale, broken where a segment has too few ratings (and the key says where), told apart by
marker and dash as well as colour, with every label escaped."""

from journeymap.core.feedback.heartbeat import segment_line
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.pictures import render_svg
from journeymap.core.maps.render.citizen_lines import (
    CitizenLines,
    key_text,
    style_of,
    table_rows,
)
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.scene import Circle, Line, Rect, TextBlock


def lines_for(doc, threshold=5) -> CitizenLines:
    """Two segments over the demo map: "Yes" rated every step 5 times (4 at step 1 and 5 at the
    rest: means 4.0, then 5.0, ...); "No" rated step 1 twice (withheld) and the others 5 times 1."""
    steps = len(doc.map.steps)
    yes = segment_line(label="Yes", threshold=threshold,
                       histograms=[{4: 5}] + [{5: 5}] * (steps - 1))
    no = segment_line(label="No <b>&", threshold=threshold,
                      histograms=[{2: 2}] + [{1: 5}] * (steps - 1))
    return CitizenLines(question="First time?", threshold=threshold, lines=(yes, no))


def heartbeat_levels(scene):
    """The y of feeling +2 and -2: the map's own dashed guide lines of the heartbeat lane."""
    row = next(spot for spot in scene.hotspots if spot.lane == "heartbeat")
    guides = sorted({item.y1 for item in scene.items if isinstance(item, Line)
                     and item.stroke == "#dddddd" and row.y <= item.y1 <= row.y + row.height})
    return guides[0], guides[-1]


def test_each_segment_is_a_line_on_the_lanes_scale_broken_where_it_is_withheld():
    doc = load_demo_documents()[0]
    plain = build_map_scene(doc)
    scene = build_map_scene(doc, citizen=lines_for(doc))
    top, bottom = heartbeat_levels(scene)
    steps = len(doc.map.steps)
    yes_colour, no_colour = style_of(0).colour, style_of(1).colour
    yes = [item for item in scene.items if isinstance(item, Line) and item.stroke == yes_colour]
    no = [item for item in scene.items if isinstance(item, Line) and item.stroke == no_colour]
    # "Yes": a segment between every pair of steps, plus its sample in the key.
    assert len(yes) == steps - 1 + 1
    # A mean of 4 is feeling +1, three quarters of the way up; 5 is +2, the top.
    assert yes[0].y1 == bottom - 3 * (bottom - top) / 4 and yes[0].y2 == top
    # "No" has no point at step 1 (2 ratings < 5): its line starts at step 2, at the bottom.
    assert len(no) == steps - 2 + 1
    assert no[0].y1 == bottom and no[0].x1 == yes[1].x1
    assert not yes[0].dashed and no[0].dashed
    # Markers differ by shape: circles for the first line, squares for the second.
    assert sum(isinstance(item, Circle) and item.stroke == yes_colour
               for item in scene.items) == steps + 1
    assert sum(isinstance(item, Rect) and item.stroke == no_colour
               for item in scene.items) == steps - 1 + 1
    assert scene.height > plain.height  # the key is added below the grid


def test_the_key_names_each_line_and_where_it_is_withheld():
    doc = load_demo_documents()[0]
    citizen = lines_for(doc)
    assert key_text(citizen, 0) == "Yes"
    assert key_text(citizen, 1) == "No <b>&: not shown at step 1 (fewer than 5 ratings)"
    scene = build_map_scene(doc, citizen=citizen)
    texts = [line for item in scene.items if isinstance(item, TextBlock) for line in item.lines]
    assert any("one line per answer to “First time?”" in line for line in texts)
    svg = render_svg(doc)  # without lines, nothing of them
    assert "one line per answer" not in svg


def test_labels_are_escaped_in_the_picture():
    from journeymap.core.maps.render.svg import scene_to_svg

    doc = load_demo_documents()[0]
    svg = scene_to_svg(build_map_scene(doc, citizen=lines_for(doc)))
    assert "No &lt;b&gt;&amp;: not shown at step 1" in svg and "<b>" not in svg


def test_the_table_alternative_gives_each_step_in_words():
    doc = load_demo_documents()[0]
    rows = table_rows(lines_for(doc))
    assert [row.label for row in rows] == ["Yes", "No <b>&"]
    assert rows[0].style == "solid line with circles"
    assert rows[1].style == "dashed line with squares"
    assert rows[0].cells[:2] == ("4.0", "5.0")
    assert rows[1].cells[:2] == ("Not shown: fewer than 5 ratings", "1.0")
    unrated = segment_line(label="Maybe", threshold=5, histograms=[{}, {3: 6}])
    assert table_rows(CitizenLines("Q", 5, (unrated,)))[0].cells == ("No ratings", "3.0")
