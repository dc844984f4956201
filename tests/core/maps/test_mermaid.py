"""The Mermaid export keeps hostile text inert: nothing runs, no label breaks out of its line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.core.maps.maps_strategies import documents, documents_v2

from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.mermaid import mermaid_text, to_mermaid
from journeymap.core.maps.schema import Persona, Stage

_ENTITY = re.compile(r"#(\d+);")
# One title, section or task line as Mermaid's journey lexer reads it (entities set aside).
_LINE = re.compile(
    r"    (?:title [^#\n;%]+|section \d+\. [^#:\n;%]*|[^#:\n;%]+: [1-5]: [^#:\n;%]+)"
)
_KEYWORD = re.compile(r"\s*(title|section|journey|acctitle|accdescr)\b", re.IGNORECASE)

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "`${alert(1)}`",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "Title of the house: 5: Hacker",
    "section Evil",
    "a #quot; b ; c # d",
    "[link](javascript:alert(1)) {x} [y]",
    "line one\nline two\r\nthree\u2028four",
    "&lt;img src=x onerror=alert(1)&gt;",
    "Smith, J",
]


def _decoded(label: str) -> str:
    return _ENTITY.sub(lambda match: chr(int(match.group(1))), label)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_becomes_inert_entity_codes(text):
    label = mermaid_text(text)
    assert not set(_ENTITY.sub("", label)) & set("<>\"'`:;#%{}[]&,\n\r")
    assert not _KEYWORD.match(label)
    assert _decoded(label) == " ".join(text.split())


def test_a_script_in_a_step_name_is_written_as_entity_codes():
    assert mermaid_text("<script>") == "#60;script#62;"
    assert mermaid_text('say "hi"') == "say #34;hi#34;"


@settings(max_examples=300)
@given(text=st.text())
def test_any_text_is_one_inert_label_that_decodes_back(text):
    label = mermaid_text(text)
    outside_entities = _ENTITY.sub("", label)
    assert not set(outside_entities) & set("<>\"'`:;#%\n\r{}[]&,")
    assert not _KEYWORD.match(label)
    expected = "".join(char for char in " ".join(text.split()) if ord(char) >= 32
                       and not 127 <= ord(char) < 160)
    assert _decoded(label) == expected


@settings(max_examples=50, deadline=None)
@given(doc=documents())
def test_every_line_of_the_diagram_is_one_statement(doc):
    lines = to_mermaid(doc).splitlines()
    assert lines[0] == "journey"
    for line in lines[1:]:
        assert _LINE.fullmatch(_ENTITY.sub("x", line)), line


def test_a_hostile_demo_map_still_has_one_section_per_step():
    doc = load_demo_documents()[0]
    steps = [step.model_copy(update={"name": HOSTILE[index % len(HOSTILE)]})
             for index, step in enumerate(doc.map.steps)]
    hostile = doc.model_copy(update={"map": doc.map.model_copy(update={"steps": steps})})
    lines = to_mermaid(hostile).splitlines()
    assert sum(line.startswith("    section ") for line in lines) == len(steps)
    assert sum(line.startswith("    title ") for line in lines) == 1


def test_a_step_named_only_with_control_characters_still_has_a_task_name():
    doc = load_demo_documents()[0]
    step = doc.map.steps[0].model_copy(update={"name": "\x7f", "emotion": 0, "touchpoints": [],
                                               "responsible": "\x85"})
    hostile = doc.model_copy(update={"map": doc.map.model_copy(update={"steps": [step]})})
    assert "    (no name): 3: Customer\n" in to_mermaid(hostile)


_V2_LINE = re.compile(
    r"    (?:title [^#\n;%]+|accDescr: [^#:\n;%]*|section [^#:\n;%]+|[^#:\n;%]+: [1-5]: [^#:\n;%]+)"
)


@settings(max_examples=50, deadline=None)
@given(doc=documents_v2())
def test_a_v2_diagram_has_a_section_per_stage_and_one_statement_per_line(doc):
    text = to_mermaid(doc)
    lines = text.splitlines()
    for line in lines[1:]:
        assert _V2_LINE.fullmatch(_ENTITY.sub("x", line)), line
    runs = sum(1 for index, step in enumerate(doc.map.steps)
               if step.stage is None or index == 0
               or doc.map.steps[index - 1].stage != step.stage)
    assert sum(line.startswith("    section ") for line in lines) == runs
    if doc.map.persona is not None:
        assert sum(line.startswith("    accDescr: ") for line in lines) == 1


def test_a_persona_named_only_by_control_characters_leaves_the_customer_named():
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.persona = Persona(name="\x7f")
    tasks = [line for line in to_mermaid(doc).splitlines() if re.search(r": [1-5]: ", line)]
    assert tasks
    assert all(re.search(r": [1-5]: Customer(, |$)", task) for task in tasks), tasks


def test_stages_persona_and_blueprint_lanes_are_in_the_diagram():
    doc = load_demo_documents()[0].model_copy(deep=True)
    doc.map.stages = [Stage(id="start", name="Starting <work>"), Stage(id="learn", name="Learn")]
    for step, stage in zip(doc.map.steps, ["start", "start", "learn", "learn", "learn"],
                           strict=True):
        step.stage = stage
    doc.map.persona = Persona(name="Aisha", description="New porter", needs=["Plain words"])
    doc.map.steps[0].backstage = "Payroll adds the member"
    text = to_mermaid(doc)
    assert "    section Starting #60;work#62;\n    1. Start a new job: 4: Aisha" in text
    assert "    section Learn\n    3. " in text
    assert "    accDescr: Persona Aisha. New porter. Needs - Plain words\n" in text
    assert "    Payroll adds the member: 4: Backstage\n" in text
