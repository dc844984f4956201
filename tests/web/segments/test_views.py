"""Segment pages: the register, a segment's page, editing, ranking, files."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from journeymap.web.segments.models import Segment
from tests.web.journeys.builders import journey_with_maps
from tests.web.segments.builders import pension_segments


def test_an_editor_adds_a_segment_leaving_figures_unknown(client, erin, edinburgh):
    client.force_login(erin)
    response = client.post(reverse("segments:create", args=["edinburgh"]), {
        "name": "Carers", "group": "Residents", "complaints": "0", "size": ""})
    segment = Segment.objects.get(name="Carers")
    assert response.url == reverse("segments:detail", args=["edinburgh", segment.pk])
    page = client.get(response.url).content.decode()
    assert (segment.size, segment.complaints) == (None, 0)
    assert page.count("not known") >= 5  # size, dissatisfied, journeys, cost, priority...


def test_the_register_lists_segments_and_escapes_their_text(client, erin, edinburgh):
    pension_segments(organisation=edinburgh, user=erin)
    client.force_login(erin)
    client.post(reverse("segments:create", args=["edinburgh"]),
                {"name": "<script>alert(1)</script>"})
    page = client.get(reverse("segments:list", args=["edinburgh"])).content.decode()
    assert "Members approaching retirement" in page and "40,000" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_viewers_read_but_cannot_change_the_register(client, charlie, erin, edinburgh):
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    client.force_login(charlie)
    page = client.get(reverse("segments:detail", args=["edinburgh", segment.pk])).content
    assert b"Edit the segment" not in page
    for name in ("segments:edit", "segments:delete"):
        assert client.post(reverse(name, args=["edinburgh", segment.pk]),
                           {"name": "X"}).status_code == 403
    assert client.get(reverse("segments:create", args=["edinburgh"])).status_code == 403


def test_editing_and_removing_a_segment(client, erin, edinburgh):
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    client.force_login(erin)
    edit = reverse("segments:edit", args=["edinburgh", segment.pk])
    assert "New scheme members" in client.get(edit).content.decode()
    client.post(edit, {"name": "New members", "size": "4100", "vulnerability": "high"})
    segment.refresh_from_db()
    assert (segment.name, segment.size, segment.complaints) == ("New members", 4100, None)
    client.post(reverse("segments:delete", args=["edinburgh", segment.pk]))
    assert not Segment.objects.filter(pk=segment.pk).exists()


def test_the_ranking_page_works_from_a_get_form_and_says_what_it_left_out(client, erin,
                                                                          edinburgh):
    pension_segments(organisation=edinburgh, user=erin)
    client.force_login(erin)
    url = reverse("segments:priorities", args=["edinburgh"])
    page = client.get(url).content.decode()
    assert page.index("Members</a>") < page.index("Members approaching retirement</a>") < (
        page.index("New scheme members</a>"))
    assert "72.0" in page and "51.2" in page and "19.0" in page
    assert "Ranked without Journeys a year (not known)" in page
    assert "never counted as 0" in page
    journeys_only = client.get(url, {"size": 0, "dissatisfaction": 0, "complaints": 0,
                                     "journeys": 1, "need": 0}).content.decode()
    assert "Not ranked" in journeys_only and "None of the weighted figures is known" in (
        journeys_only)
    need = client.get(url, {"target": "need"}).content.decode()
    assert "Greatest need" in need and 'name="need" value="1"' in need
    assert 'name="size" value="0"' in need
    assert need.index("Members approaching retirement</a>") < need.index("Members</a>")


def test_bad_weights_are_shown_as_errors_and_the_default_ranking_stays(client, erin, edinburgh):
    pension_segments(organisation=edinburgh, user=erin)
    client.force_login(erin)
    page = client.get(reverse("segments:priorities", args=["edinburgh"]),
                      {"size": "99"}).content.decode()
    assert "govuk-error-summary" in page and "72.0" in page


def test_the_register_downloads_as_csv_and_excel_without_formulas(client, erin, edinburgh):
    pension_segments(organisation=edinburgh, user=erin)
    client.force_login(erin)
    client.post(reverse("segments:create", args=["edinburgh"]), {"name": "=cmd|' /C calc'!A0"})
    csv_text = client.get(reverse("segments:download", args=["edinburgh", "csv"])).content
    assert b"'=cmd" in csv_text and b"\n=cmd" not in csv_text.replace(b",", b"\n")
    response = client.get(reverse("segments:download", args=["edinburgh", "xlsx"]))
    assert 'filename="segments-edinburgh.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert client.get(reverse("segments:download", args=["edinburgh", "json"])).status_code == 404


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_importing_a_register_file_and_a_bad_one_changes_nothing(client, erin, edinburgh):
    client.force_login(erin)
    url = reverse("segments:import", args=["edinburgh"])
    response = client.post(url, {"file": _upload(
        "r.csv", b"Segment,Complaints a year\r\nCarers,3\r\nStudents,not known\r\n")})
    assert response.status_code == 302
    assert dict(Segment.objects.values_list("name", "complaints")) == {"Carers": 3,
                                                                      "Students": None}
    page = client.post(url, {"file": _upload(
        "r.csv", b"Segment,Complaints a year\r\nLodgers,2\r\nCarers,lots\r\n")}).content.decode()
    assert "The file was not imported: 1 problem" in page and "&#x27;lots&#x27;" in page
    assert not Segment.objects.filter(name="Lodgers").exists()


def test_a_segment_page_links_journeys_and_flags_stale_ones(client, erin, edinburgh):
    made = journey_with_maps(organisation=edinburgh, user=erin)
    segment = pension_segments(organisation=edinburgh, user=erin)[0]
    client.force_login(erin)
    detail = reverse("segments:detail", args=["edinburgh", segment.pk])
    assert "This journey maps the segment" in client.get(detail).content.decode()
    client.post(reverse("segments:journey_link", args=["edinburgh", segment.pk]),
                {"journey": made["journey"].pk})
    page = client.get(detail).content.decode()
    assert made["journey"].title in page and "date not recorded" in page
    assert "govuk-tag--orange" not in page  # no date recorded is not the same as old
    journey_page = client.get(reverse("journeys:detail", args=["edinburgh", made["journey"].pk]))
    assert f'{segment.pk}/">New scheme members</a>' in journey_page.content.decode()
    client.post(reverse("segments:journey_unlink",
                        args=["edinburgh", segment.pk, made["journey"].pk]))
    made["journey"].refresh_from_db()
    assert made["journey"].mapped_segment_id is None
