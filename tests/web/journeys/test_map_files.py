"""Downloads in six formats with safe names; imports from Excel and JSON, errors by cell."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journeymap.core.maps import MapFileError, jsonio
from journeymap.core.maps.excel import read_workbook, template_workbook
from journeymap.web.journeys import documents, selectors
from journeymap.web.journeys.map_files import safe_filename
from journeymap.web.journeys.models import JourneyMap
from tests.web.journeys.builders import journey_with_maps


@pytest.fixture
def made(edinburgh, erin):
    return journey_with_maps(organisation=edinburgh, user=erin)


@pytest.mark.parametrize(("file_format", "content_type", "magic"), [
    ("svg", "image/svg+xml", b"<svg"), ("png", "image/png", b"\x89PNG"),
    ("pdf", "application/pdf", b"%PDF"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("json", "application/json", b"{"), ("mermaid", "text/plain; charset=utf-8", b"journey"),
    ("smiley-svg", "image/svg+xml", b"<svg"), ("smiley-pdf", "application/pdf", b"%PDF"),
])
def test_each_download_is_an_attachment_with_a_safe_name(client, charlie, made, file_format,
                                                         content_type, magic):
    client.force_login(charlie)
    response = client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, file_format]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    extension = {"mermaid": "mmd"}.get(file_format, file_format.removeprefix("smiley-"))
    stem = "joining-as-is-smiley" if file_format.startswith("smiley") else "joining-as-is"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{extension}"'
    assert response.content.lstrip().startswith(magic)


def test_the_json_download_is_the_stored_map(client, charlie, made):
    client.force_login(charlie)
    response = client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, "json"]))
    stored = selectors.map_get(organisation=made["journey"].organisation,
                               journey_id=made["journey"].pk, map_id=made["as_is"].pk)
    assert jsonio.loads(response.content) == documents.document_for(stored)


def test_the_smiley_map_is_a_different_picture_from_the_full_map(client, charlie, made):
    client.force_login(charlie)
    full, smiley = (client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, name])).content
        for name in ("svg", "smiley-svg"))
    assert full != smiley
    assert b"Pain points" in full and b"Pain points" not in smiley


def test_a_picture_can_be_downloaded_with_the_lanes_chosen_for_it_alone(client, charlie, made):
    client.force_login(charlie)
    url = reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, "svg"])
    page = client.get(reverse("journeys:map_download_lanes", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk])).content.decode()
    assert 'name="lanes" type="checkbox" value="pain" checked' in page  # the map's own choice
    chosen = client.get(url, {"lanes": ["actions", "pain"]}).content
    assert b"Pain points" in chosen and b"Thoughts and feelings" not in chosen
    assert b"Thoughts and feelings" in client.get(url).content  # the map's choice is unchanged
    json_download = client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, "json"]), {"lanes": ["actions"]})
    assert b"thoughts_feelings" in json_download.content  # a data file always holds every lane


def test_a_lane_the_map_does_not_have_is_refused_by_name(client, charlie, made):
    client.force_login(charlie)
    response = client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, "pdf"]), {"lanes": ["actions", "<x>"]})
    assert response.status_code == 400
    assert "<x> is not a lane of this map" in response.content.decode()


def test_an_unknown_format_answers_404(client, charlie, made):
    client.force_login(charlie)
    assert client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, "exe"])).status_code == 404


@given(st.text())
def test_safe_filenames_hold_only_safe_characters(title):
    name = safe_filename(title, "svg")
    stem = name.removesuffix(".svg")
    assert stem and len(stem) <= 80
    assert all(char.isascii() and (char.isalnum() or char == "-") for char in stem)
    assert not stem.startswith("-") and not stem.endswith("-")


def test_the_blank_template_downloads(client, charlie, edinburgh):
    client.force_login(charlie)
    response = client.get(reverse("journeys:excel_template", args=["edinburgh"]))
    assert response["Content-Disposition"] == 'attachment; filename="journeymap-template.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == openpyxl.load_workbook(io.BytesIO(template_workbook())).sheetnames
    assert "Steps" in book.sheetnames


def _export(client, made, file_format) -> bytes:
    return client.get(reverse("journeys:map_download", args=[
        "edinburgh", made["journey"].pk, made["as_is"].pk, file_format])).content


@pytest.mark.parametrize(("file_format", "name"), [("xlsx", "map.xlsx"), ("json", "map.json")])
def test_an_exported_file_imports_as_a_new_map_in_a_chosen_journey(client, erin, made,
                                                                   file_format, name):
    client.force_login(erin)
    data = _export(client, made, file_format)
    response = client.post(reverse("journeys:import", args=["edinburgh"]), {
        "file": SimpleUploadedFile(name, data), "journey": str(made["journey"].pk)})
    assert response.status_code == 302
    imported = JourneyMap.objects.filter(journey=made["journey"]).order_by("pk").last()
    assert imported.pk not in (made["as_is"].pk, made["to_be"].pk)
    assert [s.name for s in imported.steps.order_by("position")] == ["Step 1", "Step 2",
                                                                      "Step 3"]


def test_a_bad_workbook_is_refused_with_each_problem_by_sheet_row_and_column(client, erin,
                                                                            made):
    client.force_login(erin)
    book = openpyxl.load_workbook(io.BytesIO(_export(client, made, "xlsx")))
    steps = book["Steps"]
    bad_row = next(row for row in range(1, steps.max_row + 1)
                   if str(steps.cell(row, 1).value).startswith("Customer experience"))
    steps.cell(bad_row, 2).value = "ecstatic"
    buffer = io.BytesIO()
    book.save(buffer)
    maps_before = JourneyMap.objects.count()
    response = client.post(reverse("journeys:import", args=["edinburgh"]), {
        "file": SimpleUploadedFile("bad.xlsx", buffer.getvalue())})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file was not imported: 1 problem" in page
    problems = page[page.index('class="govuk-table jm-import-problems"'):]
    assert "<td class=\"govuk-table__cell\">Steps</td>" in problems
    assert f"<td class=\"govuk-table__cell\">{bad_row}</td>" in problems
    assert "<td class=\"govuk-table__cell\">B</td>" in problems
    assert JourneyMap.objects.count() == maps_before
    with pytest.raises(MapFileError) as raised:
        read_workbook(buffer.getvalue())
    assert [(p.sheet, p.row, p.column) for p in raised.value.problems] == [
        ("Steps", bad_row, "B")]


def test_a_file_that_is_not_a_map_is_refused(client, erin, made):
    client.force_login(erin)
    response = client.post(reverse("journeys:import", args=["edinburgh"]), {
        "file": SimpleUploadedFile("notes.json", b"[1, 2]")})
    assert "must hold a JSON object" in response.content.decode()


def test_viewers_cannot_import(client, charlie, edinburgh):
    client.force_login(charlie)
    assert client.get(reverse("journeys:import", args=["edinburgh"])).status_code == 403
