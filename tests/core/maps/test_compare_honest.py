"""The comparison cannot flatter: unknown is never 0, and savings only where both sides know."""

import defusedxml.ElementTree as SafeET

from journeymap.core.maps import render_comparison_svg
from journeymap.core.maps.compare import align_steps, compare_maps
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.render.comparison import comparison_totals
from journeymap.core.maps.schema import JourneyMap, Step

SVG = "{http://www.w3.org/2000/svg}"


def _map(*steps: Step) -> JourneyMap:
    return JourneyMap(title="Map", kind="as_is", steps=list(steps))


def test_a_to_be_with_no_times_saves_nothing() -> None:
    before = _map(Step(id="a", name="A", time_taken_minutes=20, contacts=1),
                  Step(id="b", name="B", time_taken_minutes=15, contacts=2))
    after = _map(Step(id="a", name="A"), Step(id="b", name="B"))
    result = compare_maps(before=before, after=after)
    assert result.time_difference_minutes is None
    assert result.contact_difference is None
    assert result.time.after.total is None
    assert result.time.text("time", "min", verb="timed") == (
        "time: 35 min \u2192 not known (2 of 4 steps timed); no change can be compared "
        "(not known on both sides)")


def test_a_saving_is_claimed_only_on_comparable_steps() -> None:
    before = _map(Step(id="a", name="A", time_taken_minutes=10),
                  Step(id="b", name="B", time_taken_minutes=25),
                  Step(id="c", name="C"),
                  Step(id="d", name="D", time_taken_minutes=5))
    after = _map(Step(id="a", name="A", time_taken_minutes=4),
                 Step(id="b", name="B"),
                 Step(id="c", name="C", time_taken_minutes=1),
                 Step(id="new", name="New", time_taken_minutes=2))
    result = compare_maps(before=before, after=after)
    # a: 10 -> 4 (comparable); b and c: unknown on one side; d removed (5 -> none);
    # new added (none -> 2).
    assert result.time.comparable == 3 and result.time.changes == 5
    assert result.time_difference_minutes == (4 + 2) - (10 + 5)
    assert result.time.text("time", "min", verb="timed") == (
        "time: 40 \u2192 7 min (6 of 8 steps timed); 9 min less on the 3 of 5 changes known "
        "on both sides")


def test_a_merge_is_comparable_only_when_every_merged_step_is_known() -> None:
    before = _map(Step(id="a", name="A", time_taken_minutes=10), Step(id="b", name="B"))
    after = _map(Step(id="ab", name="AB", time_taken_minutes=3, replaces=["a", "b"]))
    assert compare_maps(before=before, after=after).time.comparable == 0
    before.steps[1].time_taken_minutes = 7
    result = compare_maps(before=before, after=after)
    assert result.time.comparable == 1 and result.time_difference_minutes == -14


def test_a_split_step_is_one_change_not_counted_twice() -> None:
    before = _map(Step(id="a", name="A", time_taken_minutes=30))
    after = _map(Step(id="a1", name="A1", time_taken_minutes=5, replaces=["a"]),
                 Step(id="a2", name="A2", time_taken_minutes=10, replaces=["a"]))
    result = compare_maps(before=before, after=after)
    assert result.time.changes == 1 and result.time_difference_minutes == -15
    notes = [slot.note for slot in align_steps(before=before, after=after)]
    assert notes == ["Changed from step 1", "Split from step 1"]


def test_steps_are_aligned_removed_merged_and_added_in_journey_order() -> None:
    as_is, to_be = load_demo_documents()[2:]
    slots = align_steps(before=as_is.map, after=to_be.map)
    assert [([s.id for s in slot.before], slot.after.id if slot.after else None, slot.note)
            for slot in slots] == [
        (["find-out"], "check-eligibility", "Changed from step 1"),
        (["get-form", "apply", "evidence"], "assisted-apply", "Merges 2, 3, 4"),
        (["decision"], "decision", "Changed from step 5"),
        (["query-errors"], None, "Removed"),
    ]
    before = _map(Step(id="a", name="A"), Step(id="gone", name="Gone"), Step(id="b", name="B"))
    after = _map(Step(id="a", name="A"), Step(id="new", name="New"), Step(id="b", name="B"))
    assert [slot.note for slot in align_steps(before=before, after=after)] == [
        "Same as step 1", "New step", "Removed", "Same as step 3"]


def test_the_picture_draws_both_curves_on_one_chart_with_the_honest_totals() -> None:
    as_is, to_be = load_demo_documents()[2:]
    for step in to_be.map.steps:
        step.time_taken_minutes = None
    svg = render_comparison_svg(before=as_is.map, after=to_be.map, journey=as_is.journey)
    root = SafeET.fromstring(svg)
    dashed = [line for line in root.iter(f"{SVG}line")
              if line.get("stroke") == "#1d70b8" and line.get("stroke-dasharray")]
    assert len(dashed) == len(as_is.map.steps) - 1  # the earlier curve, every step scored
    assert any(poly.get("stroke") == "#0b0c0c" for poly in root.iter(f"{SVG}polyline"))
    texts = " ".join(span.text for span in root.iter(f"{SVG}tspan"))
    assert "time: 480 min \u2192 not known (6 of 9 steps timed)" in texts
    assert "Merges 2, 3, 4" in texts and "Removed" in texts
    desc = root.find(f"{SVG}desc").text
    assert "90 min less on the 1 of 4 changes known on both sides" in desc  # the removed step
    result = compare_maps(before=as_is.map, after=to_be.map)
    assert all(line[0].upper() + line[1:] in desc for line in comparison_totals(result))
