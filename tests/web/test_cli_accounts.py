"""`journeymap createadmin` in-process: the system sets up the organisation and its first admin,
and a refusal is one plain line with exit code 1."""

import typer
from typer.testing import CliRunner

from journeymap.cli import server
from journeymap.web.accounts.models import Membership
from journeymap.web.audit.models import AuditEvent

app = typer.Typer()
app.command("createadmin")(server.createadmin)
app.command("unused")(server.manage)  # two commands, so the command's name is an argument
runner = CliRunner()
PASSWORD = "a long pass phrase 7"


def createadmin(*args):
    return runner.invoke(app, ["createadmin", *args], env={"JOURNEYMAP_ADMIN_PASSWORD": PASSWORD})


def test_createadmin_is_recorded_as_the_system(db, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path))
    result = createadmin("--organisation", "Chelmsford City Council", "--username", "lisa")
    assert result.exit_code == 0, result.output
    membership = Membership.objects.get(user__username="lisa")
    assert (membership.organisation.name, membership.role) == ("Chelmsford City Council", "admin")
    labels = set(AuditEvent.objects.values_list("actor_label", "object_type"))
    assert labels == {("system (createadmin)", kind)
                      for kind in ("organisation", "user", "membership")}


def test_createadmin_refuses_a_taken_username_in_one_line(alice, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(tmp_path))
    result = createadmin("--organisation", "City of Edinburgh Council", "--username", "alice")
    assert result.exit_code == 1
    assert result.output.strip() == "Not created: The username 'alice' is already taken."
    assert Membership.objects.filter(user=alice).count() == 1
