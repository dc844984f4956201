"""The `journeymap` command: run the product, manage it, and use `core` from the shell."""

import typer

from journeymap.cli import analytics, maps_io, retention, server
from journeymap.cli.render import render

app = typer.Typer(
    help="journeymap: customer journey mapping for public services.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

app.command(help="Start the web application (gunicorn) on the configured database.")(server.serve)
app.command(help="Set up a demo in ./data (SQLite), load demo data, print a login and serve it.")(
    server.demo
)
app.command(help="Create an organisation admin (and the organisation if it is new).")(
    server.createadmin
)
app.command(
    help="Run any Django management command, e.g. `journeymap manage check --deploy`.",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)(server.manage)
app.command(help="Delete research records kept past their retention date (run it daily).")(
    retention.retention
)
app.command(help="Render a map file (.json or .xlsx) to SVG, PNG or PDF; no database needed.")(
    render
)
app.command(help="Write a stored map to .json, .xlsx, .svg, .png, .pdf or .mmd.")(maps_io.export)
app.command("import", help="Create a map from a .json or .xlsx file; all or nothing.")(
    maps_io.import_map
)
app.command(help="Measure a contact event log (CSV, Excel, Parquet, XES): JSON and HTML reports.")(
    analytics.analyse
)
app.command(help="Write a realistic synthetic council contact log for demos and benchmarks.")(
    analytics.synth
)
app.command(help="Write an event log back out as XES or CSV for process-mining tools.")(
    analytics.convert
)
