import pytest
from hypothesis import given, settings
from pydantic import ValidationError
from tests.core.maps.maps_strategies import documents
from typer import Typer
from typer.testing import CliRunner

from journeymap.cli.render import render
from journeymap.core.maps import jsonio, text_alternative
from journeymap.core.maps.compare import compare_maps
from journeymap.core.maps.copying import copy_map
from journeymap.core.maps.demo import load_demo_documents
from journeymap.core.maps.mermaid import to_mermaid
from journeymap.core.maps.schema import MapKind, Step, json_schema


def test_lothian_to_be_removes_the_avoidable_call() -> None:
    as_is, to_be = load_demo_documents()[:2]
    result = compare_maps(before=as_is.map, after=to_be.map)
    assert result.removed == ()
    (merge,) = result.merged
    assert {step.id for step in merge.before} == {"payslip", "am-i-in"}
    assert result.step_difference == -1
    assert result.contact_difference == sum(s.contacts or 0 for s in to_be.map.steps) - sum(
        s.contacts or 0 for s in as_is.map.steps)
    assert result.time_difference_minutes < 0


def test_benefits_interim_removes_the_query_step_and_merges_the_application() -> None:
    as_is, to_be = load_demo_documents()[2:]
    result = compare_maps(before=as_is.map, after=to_be.map)
    assert [step.id for step in result.removed] == ["query-errors"]
    assert result.before_totals.steps == 6 and result.after_totals.steps == 3
    assert [change.after.id for change in result.changed] == ["check-eligibility", "decision"]


def test_copy_then_compare_finds_no_change_then_the_edit() -> None:
    source = load_demo_documents()[0].map
    copy = copy_map(source=source, kind=MapKind.TO_BE_GOLD, title="Next")
    assert copy.based_on == source.title and copy.kind is MapKind.TO_BE_GOLD
    assert all(step.replaces == [step.id] for step in copy.steps)
    assert len(compare_maps(before=source, after=copy).unchanged) == len(source.steps)
    copy.steps[0].emotion = 2
    copy.steps[1].id = "renamed"
    result = compare_maps(before=source, after=copy)
    assert [(c.after.id, c.fields) for c in result.changed] == [("start-job", ("emotion",))]
    assert result.removed == () and result.added == ()


def test_unknown_replaced_ids_are_reported() -> None:
    source = load_demo_documents()[0].map
    later = source.model_copy(update={"steps": [Step(id="x", name="X", replaces=["nope"])]})
    result = compare_maps(before=source, after=later)
    assert result.unknown_references == (("x", "nope"),)
    assert len(result.removed) == len(source.steps)


@settings(max_examples=50, deadline=None)
@given(doc=documents())
def test_mermaid_has_one_section_per_step_and_no_broken_lines(doc) -> None:
    text = to_mermaid(doc)
    lines = text.splitlines()
    assert lines[0] == "journey"
    assert sum(1 for line in lines if line.startswith("    section ")) == len(doc.map.steps)
    for line in lines[2:]:
        if not line.startswith("    section "):
            assert line.count(":") == 2 and line.rsplit(":", 2)[1].strip() in "12345"


def test_text_alternative_tells_the_lowest_point() -> None:
    doc = load_demo_documents()[0]
    text = text_alternative(doc)
    assert "lowest point is step 5" in text and "very unhappy" in text


def test_schema_rejects_what_files_cannot_hold() -> None:
    with pytest.raises(ValidationError, match="U\\+0007"):
        Step(id="a", name="bell\x07")
    with pytest.raises(ValidationError, match="32,767"):
        Step(id="a", name="x" * 32_768)
    with pytest.raises(ValidationError, match="not a valid step id"):
        Step(id="a b", name="x")
    with pytest.raises(ValidationError, match="single line"):
        Step(id="a", name="x", pain_points=["one\ntwo"])
    assert Step(id="a", name="nul\x00").name == "nul"
    assert json_schema()["properties"]["schema_version"]["const"] == 2


def test_demo_documents_match_the_seeds() -> None:
    docs = load_demo_documents()
    assert [d.map.kind for d in docs] == [MapKind.AS_IS, MapKind.TO_BE_GOLD, MapKind.AS_IS,
                                         MapKind.TO_BE_INTERIM]
    last = docs[0].map.steps[-1]
    assert "am I in the scheme" in last.name and last.avoidable == "yes" and last.emotion == -2
    assert docs[2].journey.segment == "New claims without support"
    assert any("language" in p for s in docs[2].map.steps for p in s.pain_points)


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<svg"), (".png", b"\x89PNG"),
                                                (".pdf", b"%PDF")])
def test_cli_render(tmp_path, suffix: str, magic: bytes) -> None:
    app = Typer()
    app.command()(render)
    source = tmp_path / "map.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]), encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    result = CliRunner().invoke(app, [str(source), "-o", str(out), "--smiley"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_cli_render_reports_a_bad_file(tmp_path) -> None:
    app = Typer()
    app.command()(render)
    source = tmp_path / "map.json"
    source.write_text('{"schema": "journeymap.map", "schema_version": 1}', encoding="utf-8")
    result = CliRunner().invoke(app, [str(source), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "journey" in result.output
    bad = CliRunner().invoke(app, [str(source), "-o", str(tmp_path / "x.gif")])
    assert bad.exit_code != 0


def test_cli_render_shows_only_the_lanes_asked_for(tmp_path) -> None:
    app = Typer()
    app.command()(render)
    source = tmp_path / "map.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]), encoding="utf-8")
    out = tmp_path / "out.svg"
    result = CliRunner().invoke(app, [str(source), "-o", str(out), "--lanes", "pain, time"])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert "Pension jargon is off-putting" in svg and "Accepts the job offer" not in svg.split(
        "</desc>")[1]
    bad = CliRunner().invoke(app, [str(source), "-o", str(out), "--lanes", "sideways"])
    assert bad.exit_code == 2 and "sideways" in bad.output
