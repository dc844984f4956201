from journeymap.cli import app

app(prog_name="journeymap")
