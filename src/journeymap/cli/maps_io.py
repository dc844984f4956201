"""`journeymap export` and `journeymap import`: maps between files and the database.

Both go through the web layer's selectors and write path, so an import is validated by the
schema, audited under the named person and all-or-nothing, exactly as an upload in the browser.
The organisation and the person are looked up as the web's gate looks them up
(`accounts.selectors.member_actor_get`); what is wrong is said in one line, with exit code 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from journeymap.cli import environment
from journeymap.cli.render import read_map_file

if TYPE_CHECKING:
    from journeymap.core.maps.schema import MapDocument

# soft_wrap: an error stays on one line however narrow the terminal, so scripts can read it.
console = Console(soft_wrap=True)

SUFFIXES = (".json", ".xlsx", ".svg", ".png", ".pdf", ".mmd")


def file_bytes(doc: MapDocument, suffix: str) -> bytes:
    """The map written in the format its file suffix names (one of `SUFFIXES`).

    Each writer is imported here, when it is used: the CLI starts without the renderers and
    openpyxl, and a run pays only for the format it writes.
    """
    if suffix == ".json":
        from journeymap.core.maps.jsonio import dumps

        return dumps(doc).encode()
    if suffix == ".xlsx":
        from journeymap.core.maps.excel import write_workbook

        return write_workbook(doc)
    if suffix == ".mmd":
        from journeymap.core.maps.mermaid import to_mermaid

        return to_mermaid(doc).encode()
    from journeymap.core.maps import render_pdf, render_png, render_svg

    if suffix == ".svg":
        return render_svg(doc).encode()
    return render_png(doc) if suffix == ".png" else render_pdf(doc)


Organisation = Annotated[str, typer.Option("--organisation", help="The organisation's slug.")]
DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data folder (default ./data).")]


def fail(message: str, *, code: int = 1) -> typer.Exit:
    """Print one line saying what is wrong; the caller raises what this returns."""
    console.print(f"[red]{escape(message.rstrip('.'))}.[/red]", highlight=False)
    return typer.Exit(code=code)


def export(
    organisation: Organisation,
    map_id: Annotated[int, typer.Option("--map", help="The map's number (see the map's page).")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help=(
        "Where to write: .json, .xlsx, .svg, .png, .pdf or .mmd (Mermaid)."))],
    data_dir: DataDir = None,
) -> None:
    """Write one map of an organisation to a file."""
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise typer.BadParameter(f"expected one of {', '.join(SUFFIXES)}, got {output.name!r}",
                                 param_hint="--output")
    environment.setup_django(data_dir=data_dir)
    from django.http import Http404

    from journeymap.web.accounts.selectors import MembershipNotFound, organisation_get
    from journeymap.web.journeys import documents
    from journeymap.web.journeys.selectors import map_get_by_number

    try:
        found = organisation_get(organisation_slug=organisation)
        journey_map = map_get_by_number(organisation=found, map_id=map_id)
    except MembershipNotFound as error:
        raise fail(f"Nothing written: {error}") from None
    except Http404:
        raise fail(f"Nothing written: there is no map {map_id} in {organisation!r}.") from None
    output.write_bytes(file_bytes(documents.document_for(journey_map), suffix))
    console.print(f"Wrote {output} ({journey_map.title}, {journey_map.steps.count()} steps).")


def import_map(
    map_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=(
        "A map file: .json (journeymap schema) or .xlsx (the Excel template)."))],
    organisation: Organisation,
    user: Annotated[str, typer.Option("--user", help=(
        "Username of the editor the import is recorded under."))],
    journey_id: Annotated[int | None, typer.Option("--journey", help=(
        "Add the map to this journey instead of creating a new one."))] = None,
    data_dir: DataDir = None,
) -> None:
    """Create a map (and its journey) from a file; all or nothing."""
    from journeymap.core.maps import MapFileError

    try:
        document = read_map_file(map_file)
    except MapFileError as error:
        console.print(f"[red]Nothing imported.[/red] {map_file}:\n{error}", highlight=False)
        raise typer.Exit(code=2) from None
    environment.setup_django(data_dir=data_dir)
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    from journeymap.web.accounts.selectors import MembershipNotFound, member_actor_get
    from journeymap.web.audit.context import NO_CLIENT
    from journeymap.web.journeys import selectors, services

    try:
        actor = member_actor_get(organisation_slug=organisation, username=user)
        journey = (selectors.journey_get(organisation=actor.organisation, journey_id=journey_id)
                   if journey_id else None)
        journey_map = services.document_import(actor=actor, context=NO_CLIENT,
                                               document=document, journey=journey)
    except Http404:
        raise fail(f"Nothing imported: there is no journey {journey_id} in "
                   f"{organisation!r}.") from None
    except ValidationError as error:
        raise fail(f"Nothing imported: {' '.join(error.messages)}") from None
    except (MembershipNotFound, PermissionDenied) as error:
        raise fail(f"Nothing imported: {error}") from None
    console.print(f"Imported map {journey_map.pk}: {journey_map.title} "
                  f"({len(document.map.steps)} steps) into journey {journey_map.journey_id}.")
