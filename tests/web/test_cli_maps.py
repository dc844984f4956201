"""`journeymap export` / `import` between files and the database, and the demo journeys."""

import json

import pytest
import typer
from typer.testing import CliRunner

from journeymap.cli import maps_io
from journeymap.core.maps import jsonio
from journeymap.core.maps.demo import load_demo_documents
from journeymap.web.demo_data import demo_journeys_load
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.models import Journey, JourneyMap
from tests.web.journeys.builders import actor_of

app = typer.Typer()
app.command("export")(maps_io.export)
app.command("import")(maps_io.import_map)
runner = CliRunner()


@pytest.fixture
def demo_maps(alice, edinburgh, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    demo_journeys_load(actor=actor_of(alice, edinburgh))
    return JourneyMap.objects.filter(organisation=edinburgh).order_by("pk")


def test_demo_loads_both_journeys_with_linked_as_is_and_to_be_maps(demo_maps, edinburgh, alice):
    assert Journey.objects.filter(organisation=edinburgh).count() == 2
    assert demo_maps.count() == 4
    to_be = [m for m in demo_maps if m.kind != "as_is"]
    assert all(m.based_on is not None and m.based_on.kind == "as_is" for m in to_be)
    demo_journeys_load(actor=actor_of(alice, edinburgh))  # idempotent
    assert demo_maps.count() == 4


def test_export_writes_the_stored_map_to_the_last_field(demo_maps, edinburgh, tmp_path):
    first = demo_maps.first()
    out = tmp_path / "map.json"
    result = runner.invoke(app, ["export", "--organisation", "edinburgh", "--map", str(first.pk),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    stored = selectors.map_get(organisation=edinburgh, journey_id=first.journey_id,
                               map_id=first.pk)
    assert jsonio.loads(out.read_bytes()) == documents.document_for(stored)
    assert jsonio.loads(out.read_bytes()) == load_demo_documents()[0]


def test_export_refuses_another_organisations_map(demo_maps, bob, tmp_path):
    result = runner.invoke(app, ["export", "--organisation", "stoke", "--map",
                                 str(demo_maps.first().pk), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert not (tmp_path / "x.json").exists()


def test_import_creates_a_journey_and_map_as_the_named_editor(demo_maps, erin, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(jsonio.dumps(load_demo_documents()[2]))
    before = JourneyMap.objects.count()
    result = runner.invoke(app, ["import", str(source), "--organisation", "edinburgh",
                                 "--user", "erin"])
    assert result.exit_code == 0, result.output
    assert JourneyMap.objects.count() == before + 1
    created = JourneyMap.objects.latest("pk")
    assert created.steps.count() == len(load_demo_documents()[2].map.steps)


@pytest.mark.parametrize("content", [
    "not json at all",
    json.dumps({"schema": "journeymap.map", "schema_version": 1, "journey": {}, "map": {}}),
])
def test_a_bad_file_imports_nothing_and_says_why(demo_maps, erin, tmp_path, content):
    source = tmp_path / "bad.json"
    source.write_text(content)
    before = (Journey.objects.count(), JourneyMap.objects.count())
    result = runner.invoke(app, ["import", str(source), "--organisation", "edinburgh",
                                 "--user", "erin"])
    assert result.exit_code == 2
    assert "Nothing imported" in result.output
    assert (Journey.objects.count(), JourneyMap.objects.count()) == before


def test_viewers_cannot_import(demo_maps, charlie, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]))
    before = JourneyMap.objects.count()
    result = runner.invoke(app, ["import", str(source), "--organisation", "edinburgh",
                                 "--user", "charlie"])
    assert result.exit_code == 1
    assert JourneyMap.objects.count() == before


@pytest.mark.parametrize(("organisation", "user", "message"), [
    ("nowhere", "erin", "Nothing imported: there is no organisation 'nowhere'."),
    ("edinburgh", "nobody", "Nothing imported: there is no user 'nobody'."),
    ("stoke", "erin", "Nothing imported: 'erin' is not a member of 'stoke'."),
])
def test_import_names_the_organisation_or_person_it_cannot_find_in_one_line(
        demo_maps, erin, stoke, tmp_path, organisation, user, message):
    source = tmp_path / "in.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]))
    before = JourneyMap.objects.count()
    result = runner.invoke(app, ["import", str(source), "--organisation", organisation,
                                 "--user", user])
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert JourneyMap.objects.count() == before


def test_import_into_another_organisations_journey_says_there_is_none(demo_maps, bob,
                                                                      tmp_path):
    source = tmp_path / "in.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]))
    journey = demo_maps.first().journey_id
    result = runner.invoke(app, ["import", str(source), "--organisation", "stoke",
                                 "--user", "bob", "--journey", str(journey)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Nothing imported: there is no journey {journey} in 'stoke'."


def test_a_viewer_is_told_plainly_why_nothing_was_imported(demo_maps, charlie, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(jsonio.dumps(load_demo_documents()[0]))
    result = runner.invoke(app, ["import", str(source), "--organisation", "edinburgh",
                                 "--user", "charlie"])
    assert result.exit_code == 1
    assert result.output.strip() == "Nothing imported: charlie may not edit here."


@pytest.mark.parametrize(("organisation", "message"), [
    ("nowhere", "Nothing written: there is no organisation 'nowhere'."),
    ("stoke", "Nothing written: there is no map {map} in 'stoke'."),
])
def test_export_names_what_it_cannot_find_in_one_line(demo_maps, stoke, tmp_path, organisation,
                                                     message):
    first = demo_maps.first().pk
    result = runner.invoke(app, ["export", "--organisation", organisation, "--map", str(first),
                                 "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    assert result.output.strip() == message.format(map=first)
    assert not (tmp_path / "x.json").exists()
