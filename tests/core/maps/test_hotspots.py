"""The picture's cells as hotspots: one per lane shown and step, where the cell is drawn, so a
page can make each cell a link to its editor."""

from itertools import pairwise

from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.pictures import render_key_svg
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.schema import Stage


def test_each_lane_shown_has_one_hotspot_per_step_side_by_side_inside_the_picture():
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.stages = [Stage(id="start", name="Start")]
    doc.map.steps[0].stage = "start"
    scene = build_map_scene(doc)
    lanes = ["stages", "steps", *doc.map.default_lanes()]
    steps = len(doc.map.steps)
    assert [spot.lane for spot in scene.hotspots] == [lane for lane in lanes
                                                      for _ in range(steps)]
    for lane in lanes:
        row = [spot for spot in scene.hotspots if spot.lane == lane]
        assert [spot.step for spot in row] == list(range(steps))
        for left, right in pairwise(row):
            assert left.x + left.width == right.x and left.y == right.y
        assert all(spot.x >= 0 and spot.x + spot.width <= scene.width
                   and spot.y >= 0 and spot.y + spot.height <= scene.height for spot in row)
    # Rows stack top to bottom without overlapping.
    tops = [next(spot for spot in scene.hotspots if spot.lane == lane) for lane in lanes]
    for upper, lower in pairwise(tops):
        assert upper.y + upper.height <= lower.y


def test_a_hidden_lane_has_no_hotspots_and_a_page_of_steps_is_numbered_as_in_the_map():
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.hidden_lanes = ["thoughts"]
    scene = build_map_scene(doc, first=2, count=2)
    assert "thoughts" not in {spot.lane for spot in scene.hotspots}
    assert {spot.step for spot in scene.hotspots} == {2, 3}


def test_the_key_alone_is_an_accessible_picture():
    svg = render_key_svg()
    assert "<title" in svg and "Key to the map" in svg
    assert "Moment of truth" in svg and "Very unhappy (-2)" in svg
