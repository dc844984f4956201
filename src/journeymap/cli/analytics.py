"""`journeymap analyse | synth | convert`: the analytics engine from the shell.

The lead registers these with `app.command()(analyse)` and so on. They are thin: options in,
`journeymap.core.analytics` calls, files out, a rich progress display, and any input problem
reported as one plain message with exit code 2.

Pseudonymisation: the key comes from `--key-file` or env JOURNEYMAP_PSEUDONYM_KEY. With
neither, `analyse` and `convert` use a one-off random key for this run only: case ids are still
replaced (and cannot be linked to another run), which suits a one-off analysis. Give a key to
get stable pseudonyms across runs; `--no-pseudonymise` keeps ids as they are (non-personal data
only).

Spark: `--backend pyspark` imports and analyses on Spark, in this process (`local[2]`) unless
`--spark-master` or env JOURNEYMAP_SPARK_MASTER names a cluster (`spark://host:port`) or a
Spark Connect server (`sc://host:port`); naming one chooses Spark by itself. A cluster reads
and writes the stored Parquet, so it needs `--store` on a folder it shares with this machine.
"""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from journeymap.core.disclosure import DEFAULT_THRESHOLD

# The engine (DuckDB, Ibis, PyArrow) is imported inside the commands that run it, so
# `journeymap --help` and the map commands start without paying for it.
if TYPE_CHECKING:
    from rich.progress import Progress

    from journeymap.core.analytics import (
        AnalysisResult,
        AvoidableRules,
        ContactDefinition,
        StoredLog,
    )
    from journeymap.core.maps.schema import JourneyMap

_FILE = typer.Argument(exists=True, dir_okay=False, readable=True, help="The event log.")


def _err() -> Console:
    return Console(stderr=True)


def _key(key_file: Path | None, no_pseudonymise: bool) -> bytes | None:
    from journeymap.core.analytics import load_key

    if no_pseudonymise:
        return None
    return load_key(key_file=key_file) or secrets.token_bytes(32)


def _journey_map(path: Path) -> JourneyMap:
    """The map in a `journeymap.map` JSON file, read by the map schema's own reader."""
    from journeymap.core.analytics import ConfigurationError
    from journeymap.core.maps import MapFileError
    from journeymap.core.maps.jsonio import loads as load_map

    try:
        return load_map(path.read_bytes()).map
    except OSError as exc:
        raise ConfigurationError(f"cannot read the journey map {path}: {exc}") from exc
    except MapFileError as exc:
        raise ConfigurationError(f"the journey map {path.name} is not valid: {exc}") from exc


def _avoidable_rules(path: Path) -> AvoidableRules:
    from journeymap.core.analytics import AvoidableRules

    return AvoidableRules.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _step_mapping(path: Path) -> dict[str, str]:
    from journeymap.core.analytics import load_step_mapping

    return load_step_mapping(path)


def _write_reports(
    result: AnalysisResult, *, json_out: Path | None, html_out: Path | None,
    suppress_below: int | None,
) -> None:
    """The JSON (exact unless `suppress_below` is given) and the HTML (suppressed below
    `suppress_below`, else the default threshold)."""
    from journeymap.core.analytics import (
        report_sections,
        suppress,
        write_analysis_html,
        write_analysis_json,
    )

    if json_out is not None:
        write_analysis_json(result=suppress(result, threshold=suppress_below or 0),
                            path=json_out)
    if html_out is not None:
        threshold = DEFAULT_THRESHOLD if suppress_below is None else suppress_below
        write_analysis_html(
            report=report_sections(suppress(result, threshold=threshold)), path=html_out
        )


def _overrides(**columns: str | None) -> dict[str, str | None]:
    return {name: column for name, column in columns.items() if column}


def _progress() -> Progress:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=_err(),
        transient=False,
    )


def _import(
    *, file: Path, store: Path, key: bytes | None, overrides: dict, fmt: str | None,
    personal: list[str], timezone: str, month_first: bool, backend: str = "duckdb",
    spark_master: str | None = None,
) -> StoredLog:
    from journeymap.core.analytics import import_log_on

    return import_log_on(
        backend=backend,  # type: ignore[arg-type]
        spark_master=spark_master,
        source=file,
        key=key,
        out_dir=store,
        mapping_overrides=overrides,
        fmt=fmt,  # type: ignore[arg-type]
        personal_columns=tuple(personal),
        timezone=timezone,
        day_first=not month_first,
    )


def _contacts(
    *, channel: str | None, activities: str | None, column: str | None, value: str | None
) -> ContactDefinition | None:
    """The analyst's contact definition; naming a channel column says its events are contacts."""
    if (column is None) != (value is None):
        raise typer.BadParameter(
            "--contact-column and --contact-value go together", param_hint="--contact-column"
        )
    if activities is not None and column is not None:
        raise typer.BadParameter(
            "give --contact-activities or --contact-column, not both",
            param_hint="--contact-activities",
        )
    if activities is None and column is None and channel is None:
        return None
    from journeymap.core.analytics import ContactDefinition

    if activities is not None:
        return ContactDefinition.by_activities([name.strip() for name in activities.split(",")])
    if column is not None:
        return ContactDefinition.by_column(column, value)  # type: ignore[arg-type]
    return ContactDefinition.by_channel()


def _engine(
    *, backend: str | None, spark_master: str | None, store: Path | None
) -> tuple[str, str | None]:
    """The backend and Spark master of this run; a cluster must be given a shared `--store`."""
    if spark_master is not None and backend == "duckdb":
        raise typer.BadParameter(
            "--spark-master runs on Spark; leave out --backend duckdb", param_hint="--spark-master"
        )
    chosen = backend or ("pyspark" if spark_master else "duckdb")
    if chosen != "pyspark":
        return chosen, None
    from journeymap.core.analytics import resolve_spark_master

    master = resolve_spark_master(spark_master)
    if not master.startswith("local") and store is None:
        raise typer.BadParameter(
            f"the Spark cluster at {master} reads and writes the stored log: give --store on "
            "a folder it shares with this machine (see docs/spark.md)",
            param_hint="--store",
        )
    return chosen, master


def analyse(
    file: Annotated[Path, _FILE],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write every metric as JSON.")]
    = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="Write a one-file HTML report.")]
    = None,
    case: Annotated[str | None, typer.Option("--case", help="Case id column.")] = None,
    time: Annotated[str | None, typer.Option("--time", help="Timestamp column.")] = None,
    activity: Annotated[str | None, typer.Option("--activity", help="Activity column.")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help=(
        "Channel column; events with a channel are citizen contacts."))] = None,
    service: Annotated[str | None, typer.Option("--service", help="Service column.")] = None,
    organisation: Annotated[str | None, typer.Option(help="Organisation column.")] = None,
    contact_activities: Annotated[str | None, typer.Option(help=(
        "The activities that are citizen contacts, comma-separated (e.g. \"Phone call,Web "
        "form\"); without this, --contact-column or a channel column there are no contact "
        "figures."))] = None,
    contact_column: Annotated[str | None, typer.Option(
        help="A column that marks contacts (with --contact-value).")] = None,
    contact_value: Annotated[str | None, typer.Option(
        help="The value of --contact-column that marks an event as a contact.")] = None,
    reason: Annotated[str | None, typer.Option(help="Contact reason column.")] = None,
    outcome: Annotated[str | None, typer.Option(help="Outcome column.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="csv, xlsx, parquet or xes.")]
    = None,
    backend: Annotated[str | None, typer.Option(help=(
        "duckdb (the default) or pyspark; the import runs on it too."))] = None,
    spark_master: Annotated[str | None, typer.Option(help=(
        "Where Spark runs: local[N], spark://host:port (a standalone cluster) or "
        "sc://host:port (Spark Connect); default env JOURNEYMAP_SPARK_MASTER, else local[2]. "
        "Implies --backend pyspark; a cluster needs --store on a folder it shares."))] = None,
    journey_map: Annotated[Path | None, typer.Option(
        "--map", exists=True, dir_okay=False, help="Journey map JSON for conformance.")] = None,
    steps: Annotated[Path | None, typer.Option(
        "--steps", exists=True, dir_okay=False, help="Activity -> step id (CSV or JSON).")]
    = None,
    rules: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="Avoidable-contact rules (JSON).")] = None,
    key_file: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="Pseudonymisation key file.")] = None,
    no_pseudonymise: Annotated[bool, typer.Option(
        "--no-pseudonymise", help="Keep case ids as they are (non-personal data only).")]
    = False,
    personal: Annotated[list[str] | None, typer.Option(
        help="A further column to pseudonymise (repeatable).")] = None,
    timezone: Annotated[str, typer.Option(help="Zone of timestamps without an offset.")]
    = "UTC",
    month_first: Annotated[bool, typer.Option(help="Read 03/04/2024 as 4 March.")] = False,
    store: Annotated[Path | None, typer.Option(
        file_okay=False, help="Keep the pseudonymised Parquet in this folder.")] = None,
    suppress_below: Annotated[int | None, typer.Option(min=0, help=(
        "Withhold counts from 1 up to this minus one, statistics over fewer cases, and "
        "figures that would reveal them, in the HTML and the JSON (0 shows all). Without it "
        f"the HTML uses {DEFAULT_THRESHOLD} and the JSON keeps exact figures."))] = None,
) -> None:
    """Analyse an event log: variants, process map, durations, channels, hand-offs, avoidable
    contact (only where the log, or --contact-activities or --contact-column, says which events
    are citizen contacts)."""
    # Before the import, only what the options need: the engine (Ibis, the result models)
    # loads beside the import's own work (see `analysis_warmup`).
    from journeymap.core.analytics import AnalyticsError

    if json_out is None and html_out is None:
        raise typer.BadParameter("give --json OUT.json and/or --html OUT.html", param_hint="--json")
    if (journey_map is None) != (steps is None):
        raise typer.BadParameter("--map and --steps go together", param_hint="--map")
    try:
        contacts = _contacts(channel=channel, activities=contact_activities,
                             column=contact_column, value=contact_value)
        engine, master = _engine(backend=backend, spark_master=spark_master, store=store)
        key = _key(key_file, no_pseudonymise)
        avoidable_rules = _avoidable_rules(rules) if rules else None
        map_model = _journey_map(journey_map) if journey_map else None
        step_mapping = _step_mapping(steps) if steps else None
        overrides = _overrides(
            case=case, time=time, activity=activity, channel=channel, service=service,
            organisation=organisation, reason=reason, outcome=outcome,
        )
        with tempfile.TemporaryDirectory(prefix="journeymap-") as scratch, _progress() as bar:
            task = bar.add_task(f"Reading and checking {file.name}", total=3)
            stored = _import(
                file=file, store=store or Path(scratch) / "store", key=key, overrides=overrides,
                fmt=fmt, personal=personal or [], timezone=timezone, month_first=month_first,
                backend=engine, spark_master=master,
            )
            bar.update(task, advance=1, description=f"Analysing {stored.events:,} events")
            # The engine is imported only now: it loads beside the import's own work (see
            # `analysis_warmup`).
            from journeymap.core.analytics import analyse as analyse_log
            from journeymap.core.analytics import analysis_connection

            result = analyse_log(
                log=stored, backend=analysis_connection(backend=engine, spark_master=master),  # type: ignore[arg-type]
                journey_map=map_model, step_mapping=step_mapping,  # type: ignore[arg-type]
                avoidable_rules=avoidable_rules, contacts=contacts,
            )
            bar.update(task, advance=1, description="Writing reports")
            _write_reports(result, json_out=json_out, html_out=html_out,
                           suppress_below=suppress_below)
            bar.update(task, advance=1, description="Done")
    except AnalyticsError as error:
        _err().print(f"[red]Cannot analyse {file.name}:[/red] {error}", markup=True)
        raise typer.Exit(code=2) from error
    typer.echo(
        f"{result.cases:,} cases, {result.events:,} events, {result.activity_count:,} activities, "
        f"{result.variant_count:,} variants."
    )
    if result.contacts_needed is not None:
        typer.echo(result.contacts_needed)


def synth(
    output: Annotated[Path, typer.Option(
        "--output", "-o", dir_okay=False, help="Where to write the log (.csv or .parquet).")],
    cases: Annotated[int, typer.Option(min=1, help="How many cases (requests).")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same log).")] = 5,
) -> None:
    """Write a synthetic council contact log (housing repairs, benefit claims) for demos."""
    from journeymap.core.analytics import write_synth

    events = write_synth(cases=cases, out=output, seed=seed)
    typer.echo(f"Wrote {output} ({cases:,} cases, {events:,} events).")


def convert(
    file: Annotated[Path, _FILE],
    output: Annotated[Path, typer.Option(
        "--output", "-o", dir_okay=False, help="Where to write: .xes, .xes.gz, .csv or .csv.gz")],
    to: Annotated[str | None, typer.Option(help="xes or csv (default: from the name).")] = None,
    case: Annotated[str | None, typer.Option("--case", help="Case id column.")] = None,
    time: Annotated[str | None, typer.Option("--time", help="Timestamp column.")] = None,
    activity: Annotated[str | None, typer.Option("--activity", help="Activity column.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Input format.")] = None,
    key_file: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, help="Pseudonymisation key file.")] = None,
    no_pseudonymise: Annotated[bool, typer.Option("--no-pseudonymise")] = False,
    timezone: Annotated[str, typer.Option(help="Zone of timestamps without an offset.")]
    = "UTC",
    month_first: Annotated[bool, typer.Option(help="Read 03/04/2024 as 4 March.")] = False,
) -> None:
    """Write a log as XES or CSV for process-mining tools (case ids pseudonymised)."""
    from journeymap.core.analytics import AnalyticsError, write_log

    try:
        key = _key(key_file, no_pseudonymise)
        with tempfile.TemporaryDirectory(prefix="journeymap-") as scratch, _progress() as bar:
            task = bar.add_task(f"Reading and checking {file.name}", total=2)
            stored = _import(
                file=file, store=Path(scratch) / "store", key=key,
                overrides=_overrides(case=case, time=time, activity=activity), fmt=fmt,
                personal=[], timezone=timezone, month_first=month_first,
            )
            bar.update(task, advance=1, description=f"Writing {output.name}")
            written = write_log(log=stored, out=output, fmt=to)
            bar.update(task, advance=1, description="Done")
    except AnalyticsError as error:
        _err().print(f"[red]Cannot convert {file.name}:[/red] {error}", markup=True)
        raise typer.Exit(code=2) from error
    typer.echo(f"Wrote {output} ({written:,} events).")
