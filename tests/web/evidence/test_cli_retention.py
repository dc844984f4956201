"""`journeymap retention`: what passed its date goes, in every organisation, and is recorded."""

import datetime

import typer
from typer.testing import CliRunner

from journeymap.cli import retention
from journeymap.web.audit.models import AuditEvent
from journeymap.web.evidence.models import ResearchActivity
from tests.web.evidence.builders import interview_with_observations
from tests.web.journeys.builders import journey_with_maps

app = typer.Typer()
app.command()(retention.retention)


def test_retention_deletes_expired_research_in_each_organisation(erin, edinburgh, bob, stoke,
                                                                 tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path / "data"))
    past = datetime.date(2020, 1, 1)
    maps = {}
    for organisation, user in ((edinburgh, erin), (stoke, bob)):
        maps[organisation.slug] = journey_with_maps(organisation=organisation, user=user)["as_is"]
        interview_with_observations(organisation=organisation, user=user,
                                    journey_map=maps[organisation.slug], retain_until=past)
    kept = interview_with_observations(organisation=edinburgh, user=erin,
                                       journey_map=maps["edinburgh"])["activity"]
    result = CliRunner().invoke(app, [])
    assert result.exit_code == 0, result.output
    assert "Retention on" in result.output and "2 research activities deleted" in result.output
    assert list(ResearchActivity.objects.all()) == [kept]
    deleted = AuditEvent.objects.filter(action="delete", object_type="researchactivity")
    assert sorted(deleted.values_list("organisation_id", flat=True)) == sorted(
        [edinburgh.pk, stoke.pk])
    assert set(deleted.values_list("actor_label", flat=True)) == {"system (retention)"}
