"""Pictures of version 2 maps: stages, persona, lanes, the header, and no word ever lost."""

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from journeymap.core.maps import render_pdf, render_svg
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.render.layout import build_map_scene
from journeymap.core.maps.render.raster import page_pieces, page_scenes, scene_scale
from journeymap.core.maps.render.scene import TextBlock
from journeymap.core.maps.schema import (
    CustomLane,
    LaneKind,
    MapDocument,
    Persona,
    Stage,
    Step,
)

SVG = "{http://www.w3.org/2000/svg}"


def _v2_doc() -> MapDocument:
    doc = load_demo_documents()[0].model_copy(deep=True)
    journey_map = doc.map
    journey_map.stages = [Stage(id="start", name="Starting work", description="Week one"),
                          Stage(id="learn", name="Finding out")]
    for step, stage in zip(journey_map.steps, ["start", "start", "learn", "learn", "learn"],
                           strict=True):
        step.stage = stage
    journey_map.persona = Persona(name="Aisha, new porter", description="First public job",
                                  needs=["Plain words"], goals=["Know she is covered"],
                                  frustrations=["Jargon"])
    journey_map.lanes = [CustomLane(id="cost", name="Cost per step", kind=LaneKind.NUMBER,
                                    unit="GBP"),
                         CustomLane(id="ideas", name="Opportunities")]
    journey_map.steps[0].lanes = {"cost": 1234567.5, "ideas": "Welcome letter"}
    journey_map.steps[2].backstage = "Pensions team keys the new member"
    journey_map.steps[2].frontstage = "HR explains the scheme"
    return doc


def _texts(svg: str) -> list[str]:
    root = SafeET.fromstring(svg)
    return [span.text or "" for span in root.iter(f"{SVG}tspan")]


def test_stages_persona_lanes_and_header_are_drawn() -> None:
    doc = _v2_doc()
    svg = render_svg(doc)
    texts = _texts(svg)
    joined = " ".join(texts)
    for words in ("Starting work", "Week one", "Finding out", "Aisha, new porter", "Plain words",
                  "Know she is covered", "Jargon", "Cost per step (GBP)", "1,234,567.5 GBP",
                  "Welcome letter", "Opportunities", "Line of visibility",
                  "Pensions team keys the new member", "HR explains the scheme",
                  "Importance: High", "Impact: Low", "Trigger: Starting a job",
                  "Owner: Pensions Administration Manager", "Review by 2010-03-31"):
        assert words in joined, words
    # The persona comes before the grid in reading order, in the picture and in its words.
    assert texts.index("Aisha, new porter") < texts.index("Key journey steps")
    desc = SafeET.fromstring(svg).find(f"{SVG}desc").text
    lines = desc.splitlines()
    assert lines[1].startswith("Persona: Aisha, new porter.")
    assert "Stage: Starting work. Week one" in desc
    assert "Cost per step: 1234567.5 GBP" in desc
    assert "backstage: Pensions team keys the new member" in desc


def test_a_stage_spans_the_columns_of_its_steps() -> None:
    scene = build_map_scene(_v2_doc())
    blocks = {block.lines[0]: block for block in scene.items
              if isinstance(block, TextBlock) and block.lines}
    first = blocks["1. Start a new job"]
    third = blocks["3. Try to understand the"]
    assert blocks["Starting work"].x == first.x
    assert blocks["Finding out"].x == third.x
    assert blocks["Starting work"].width > 2 * first.width
    assert blocks["Starting work"].y < first.y


def test_lanes_can_be_hidden_per_picture_and_by_default() -> None:
    doc = _v2_doc()
    shown = " ".join(_texts(render_svg(doc, lanes=["pain", "cost"])))
    assert "Pension jargon is off-putting" in shown and "1,234,567.5 GBP" in shown
    assert "Accepts the job offer" not in shown and "Welcome letter" not in shown
    assert "Line of visibility" not in shown
    doc.map.hidden_lanes = ["pain", "ideas"]
    default = " ".join(_texts(render_svg(doc)))
    assert "Pension jargon is off-putting" not in default and "Welcome letter" not in default
    assert "Accepts the job offer" in default
    with pytest.raises(ValueError, match=r"unknown lane.*'sideways'"):
        render_svg(doc, lanes=["sideways"])


def test_unknown_importance_is_said_not_hidden() -> None:
    doc = _v2_doc()
    doc.map.steps[0].importance = None
    assert "Importance: not recorded" in " ".join(_texts(render_svg(doc)))


# Words of letters and digits, some far wider than a column, so both wrapping and breaking
# inside a word are exercised.
word = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1,
               max_size=60)
long_text = st.lists(word, min_size=1, max_size=120).map(" ".join)
items = st.lists(st.lists(word, min_size=1, max_size=15).map(" ".join), max_size=12)


@st.composite
def long_maps(draw: st.DrawFn, *, max_steps: int) -> MapDocument:
    doc = load_demo_documents()[0].model_copy(deep=True)
    count = draw(st.integers(1, max_steps))
    doc.map.steps = [
        Step(id=f"s{i}", name=draw(long_text), customer_does=draw(long_text),
             thoughts_feelings=draw(long_text), avoidable="yes", avoidable_why=draw(long_text),
             pain_points=draw(items), customer_suggestions=draw(items),
             improvement_ideas=draw(items), owner=draw(long_text), frontstage=draw(long_text))
        for i in range(count)]
    doc.journey.trigger = draw(long_text)
    return doc


def _words(doc: MapDocument) -> set[str]:
    found = set(doc.journey.trigger.split())
    for step in doc.map.steps:
        for value in (step.name, step.customer_does, step.thoughts_feelings, step.avoidable_why,
                      step.owner, step.frontstage, *step.pain_points, *step.customer_suggestions,
                      *step.improvement_ideas):
            found.update(value.split())
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=long_maps(max_steps=4))
def test_every_word_of_long_texts_is_in_the_svg(doc: MapDocument) -> None:
    # Lines are joined without spaces: a word broken across lines is still found whole.
    drawn = "".join(_texts(render_svg(doc)))
    for each in _words(doc):
        assert each in drawn


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.slow
@settings(max_examples=5, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(doc=long_maps(max_steps=10))
def test_every_word_of_long_texts_is_in_the_pdf(doc: MapDocument, tmp_path: Path) -> None:
    # Every word is on the pages' lines (the scenes hold them all, as the SVG test shows for
    # the same layout), and every line is printed; a long word broken across lines may
    # continue on the next page, so lines, not words, are looked for in the PDF.
    scenes = page_scenes(doc)
    lines = [line for scene in scenes for block in scene.items if isinstance(block, TextBlock)
             for line in block.lines]
    on_lines = "".join(lines)
    for each in _words(doc):
        assert each in on_lines
    printed = re.sub(r"\s+", "", _pdf_text(render_pdf(doc), tmp_path))
    for line in lines:
        assert re.sub(r"\s+", "", line) in printed, line


def test_a_tall_map_continues_on_more_pages_cut_between_lines(tmp_path: Path) -> None:
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.steps[1].customer_does = " ".join(f"word{n}" for n in range(3000))
    scene = build_map_scene(doc, count=8)
    pages = page_pieces(scene, scene_scale(scene))
    assert len(pages) > 1
    for pieces in pages[1:]:
        # The title band, then the column heads, then the next window of rows.
        assert pieces[0].top == 0 and pieces[0].height == scene.title_height
        assert pieces[1].top == scene.column_heads[1]
    windows = [pieces[-1] for pieces in pages]
    for earlier, later in pairwise(windows):
        assert later.top == pytest.approx(earlier.top + earlier.height)
    cuts = [window.top for window in windows[1:]]
    for block in scene.items:
        if isinstance(block, TextBlock):
            for index in range(len(block.lines)):
                top = block.y + index * block.line_height
                assert not any(top + 0.01 < cut < top + block.line_height - 0.01 for cut in cuts)
    text = _pdf_text(render_pdf(doc), tmp_path)
    pages_text = text.split("\f")
    assert len([page for page in pages_text if page.strip()]) == len(pages)
    for page in pages_text[1:len(pages)]:
        assert "Joining the pension scheme" in page and "2. Receive the joining" in page
    printed = re.sub(r"\s+", " ", text)
    assert all(f"word{n} " in printed + " " for n in range(3000))
