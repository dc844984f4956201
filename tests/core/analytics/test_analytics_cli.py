"""The CLI functions, registered on a throwaway Typer app as the lead registers them."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from journeymap.cli.analytics import analyse, convert, synth
from journeymap.core.analytics import CONTACTS_NEEDED, pseudonym

app = typer.Typer()
app.command()(analyse)
app.command()(synth)
app.command()(convert)
runner = CliRunner()


@pytest.fixture
def synth_log(tmp_path):
    out = tmp_path / "contacts.csv"
    result = runner.invoke(app, ["synth", "--cases", "50", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "50 cases" in result.output
    return out


def test_analyse_writes_json_and_html(synth_log, tmp_path):
    json_out, html_out = tmp_path / "out.json", tmp_path / "out.html"
    result = runner.invoke(
        app, ["analyse", str(synth_log), "--json", str(json_out), "--html", str(html_out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(json_out.read_text())
    assert data["cases"] == 50
    assert data["source"]["pseudonymised"] is True
    assert "C100000" not in json_out.read_text()
    assert "<svg" in html_out.read_text()


def test_suppress_below_applies_to_the_json_too(synth_log, tmp_path):
    exact, shared = tmp_path / "exact.json", tmp_path / "shared.json"
    assert runner.invoke(app, ["analyse", str(synth_log), "--json", str(exact)]).exit_code == 0
    result = runner.invoke(
        app, ["analyse", str(synth_log), "--json", str(shared), "--suppress-below", "100"]
    )
    assert result.exit_code == 0, result.output
    exact_data, shared_data = json.loads(exact.read_text()), json.loads(shared.read_text())
    assert exact_data["suppression"] is None and exact_data["cases"] == 50
    assert shared_data["cases"] == {"suppressed": True, "threshold": 100}
    assert shared_data["suppression"]["pooled"]["variants"]["rows"] >= 1
    assert shared_data["variants"] == []


def test_analyse_refuses_a_map_file_that_is_not_a_map(synth_log, tmp_path):
    journey, steps = tmp_path / "map.json", tmp_path / "steps.csv"
    journey.write_text('{"map": {"steps": []}}')
    steps.write_text("Report repair,report\n")
    result = runner.invoke(app, [
        "analyse", str(synth_log), "--json", str(tmp_path / "o.json"),
        "--map", str(journey), "--steps", str(steps),
    ])
    assert result.exit_code == 2
    assert "map.json is not valid" in result.output and "schema" in result.output


def test_analyse_with_key_file_map_and_steps(synth_log, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("a-long-enough-test-key-0123456789\n")
    journey = tmp_path / "map.json"
    journey.write_text(json.dumps({
        "schema": "journeymap.map", "schema_version": 1,
        "journey": {"service": "Repairs", "title": "Get a repair done"},
        "map": {"title": "Repairs", "kind": "as_is", "steps": [
            {"id": "report", "name": "Report"}, {"id": "done", "name": "Done"}]}}))
    steps = tmp_path / "steps.csv"
    steps.write_text("Report repair,report\nComplete repair,done\n")
    json_out = tmp_path / "out.json"
    result = runner.invoke(app, [
        "analyse", str(synth_log), "--json", str(json_out), "--key-file", str(key_file),
        "--map", str(journey), "--steps", str(steps), "--store", str(tmp_path / "store"),
    ])
    assert result.exit_code == 0, result.output
    data = json.loads(json_out.read_text())
    assert [step["id"] for step in data["conformance"]["steps"]] == ["report", "done"]
    stored = pq.read_table(tmp_path / "store" / "cases.parquet").column("case_id").to_pylist()
    assert pseudonym(value="C100000", key=b"a-long-enough-test-key-0123456789") in stored


def test_bad_input_exits_2_with_the_row(write_csv, tmp_path):
    path = write_csv([["case", "time", "activity"], ["1", "never", "Call"]])
    result = runner.invoke(app, ["analyse", str(path), "--json", str(tmp_path / "o.json")])
    assert result.exit_code == 2
    assert "line 2" in result.output and "'time'" in result.output


def test_analyse_needs_an_output(synth_log):
    result = runner.invoke(app, ["analyse", str(synth_log)])
    assert result.exit_code == 2


def test_column_flags_override_the_guess(write_csv, tmp_path):
    path = write_csv([["ref", "at", "did"], ["1", "2024-01-01", "Call"]])
    out = tmp_path / "o.json"
    result = runner.invoke(app, [
        "analyse", str(path), "--case", "ref", "--time", "at", "--activity", "did",
        "--json", str(out), "--no-pseudonymise",
    ])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["events"] == 1


@pytest.mark.parametrize("suffix", ["xes.gz", "csv"])
def test_convert_round_trips(synth_log, tmp_path, suffix):
    out = tmp_path / f"log.{suffix}"
    result = runner.invoke(app, ["convert", str(synth_log), "-o", str(out), "--no-pseudonymise"])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.json"
    original = tmp_path / "original.json"
    for source, target in ((out, again), (synth_log, original)):
        assert runner.invoke(
            app, ["analyse", str(source), "--json", str(target), "--no-pseudonymise"]
        ).exit_code == 0
    first, second = json.loads(original.read_text()), json.loads(again.read_text())
    for key in ("events", "cases", "variants", "dfg", "case_duration_seconds"):
        assert first[key] == second[key]


CONTACT_ROWS = [
    ["case", "time", "activity", "type"],
    ["1", "2024-01-01T09:00:00Z", "Phone call", "contact"],
    ["1", "2024-01-01T09:10:00Z", "Check file", "work"],
    ["1", "2024-01-01T09:20:00Z", "Web form", "contact"],
]


def test_without_contacts_the_output_and_json_say_what_is_needed(write_csv, tmp_path):
    out, page = tmp_path / "o.json", tmp_path / "o.html"
    result = runner.invoke(app, ["analyse", str(write_csv(CONTACT_ROWS)), "--json", str(out),
                                 "--html", str(page), "--no-pseudonymise"])
    assert result.exit_code == 0, result.output
    assert CONTACTS_NEEDED in result.output
    data = json.loads(out.read_text())
    assert data["contacts_needed"] == CONTACTS_NEEDED
    assert (data["contacts"], data["avoidable"], data["contact_definition"]) == (None,) * 3
    assert data["events_per_case"]["max"] == 3.0
    html = page.read_text()
    assert "</strong>events per case<small>median" in html
    assert "avoidable contact</div>" not in html and "contacts per case" not in html
    assert "This log does not say" in html


@pytest.mark.parametrize(
    "options",
    [
        ["--contact-activities", "Phone call, Web form"],
        ["--contact-column", "type", "--contact-value", "contact"],
    ],
)
def test_contact_options_define_the_contacts(write_csv, tmp_path, options):
    out = tmp_path / "o.json"
    result = runner.invoke(app, ["analyse", str(write_csv(CONTACT_ROWS)), "--json", str(out),
                                 "--no-pseudonymise", *options])
    assert result.exit_code == 0, result.output
    assert CONTACTS_NEEDED not in result.output
    data = json.loads(out.read_text())
    assert data["contacts"]["events"] == 2
    assert data["avoidable"]["contacts"] == 2
    assert data["contacts_needed"] is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--contact-activities", "Phone call,Fax"], "'Fax'"),
        (["--contact-column", "type"], "go together"),
        (["--contact-value", "contact"], "go together"),
        (["--contact-activities", "Web form", "--contact-column", "type", "--contact-value",
          "contact"], "not both"),
        (["--contact-column", "type", "--contact-value", "visit"], "'visit'"),
    ],
)
def test_contact_options_are_checked(write_csv, tmp_path, options, message):
    result = runner.invoke(app, ["analyse", str(write_csv(CONTACT_ROWS)), "--json",
                                 str(tmp_path / "o.json"), "--no-pseudonymise", *options])
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())  # rich wraps a box


def test_the_synthetic_log_keeps_its_contact_figures(synth_log, tmp_path):
    out = tmp_path / "o.json"
    result = runner.invoke(app, ["analyse", str(synth_log), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["contact_definition"]["kind"] == "channel"
    # back-office events have no channel, so there are fewer contacts than events
    assert 0 < data["contacts"]["events"] < data["events"]
    assert data["avoidable"]["avoidable_contacts"] > 0
    assert data["handoffs"]["service"]["handoffs"] > 0
