"""`journeymap export` and `journeymap import`: maps between files and the database.

Both go through the web layer's selectors and write path, so an import is validated by the
schema, audited under the named person and all-or-nothing, exactly as an upload in the browser.
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from journeymap.cli import environment
from journeymap.cli.render import read_map_file
from journeymap.core.maps import MapFileError, render_pdf, render_png, render_svg
from journeymap.core.maps.excel import write_workbook
from journeymap.core.maps.jsonio import dumps
from journeymap.core.maps.mermaid import to_mermaid

console = Console()

WRITERS = {
    ".json": lambda doc: dumps(doc).encode(),
    ".xlsx": write_workbook,
    ".svg": lambda doc: render_svg(doc).encode(),
    ".png": render_png,
    ".pdf": render_pdf,
    ".mmd": lambda doc: to_mermaid(doc).encode(),
}

Organisation = Annotated[str, typer.Option("--organisation", help="The organisation's slug.")]
DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data folder (default ./data).")]


def _membership(organisation_slug: str, username: str):
    from journeymap.web.accounts.models import Membership

    membership = (Membership.objects.select_related("organisation", "user")
                  .filter(organisation__slug=organisation_slug, user__username=username).first())
    if membership is None:
        console.print(f"[red]{username!r} is not a member of {organisation_slug!r}.[/red]")
        raise typer.Exit(code=1)
    return membership


def export(
    organisation: Organisation,
    map_id: Annotated[int, typer.Option("--map", help="The map's number (see the map's page).")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help=(
        "Where to write: .json, .xlsx, .svg, .png, .pdf or .mmd (Mermaid)."))],
    data_dir: DataDir = None,
) -> None:
    """Write one map of an organisation to a file."""
    writer = WRITERS.get(output.suffix.lower())
    if writer is None:
        raise typer.BadParameter(f"expected one of {', '.join(WRITERS)}, got {output.name!r}",
                                 param_hint="--output")
    environment.setup_django(data_dir=data_dir)
    from django.http import Http404

    from journeymap.web.accounts.models import Organisation as OrganisationModel
    from journeymap.web.journeys import documents
    from journeymap.web.journeys.models import JourneyMap
    from journeymap.web.journeys.selectors import map_get

    found = OrganisationModel.objects.filter(slug=organisation).first()
    journey_id = JourneyMap.objects.filter(pk=map_id, organisation=found).values_list(
        "journey_id", flat=True).first()
    try:
        journey_map = map_get(organisation=found, journey_id=journey_id, map_id=map_id)
    except Http404:
        console.print(f"[red]No map {map_id} in organisation {organisation!r}.[/red]")
        raise typer.Exit(code=1) from None
    output.write_bytes(writer(documents.document_for(journey_map)))
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
    try:
        document = read_map_file(map_file)
    except MapFileError as error:
        console.print(f"[red]Nothing imported.[/red] {map_file}:\n{error}")
        raise typer.Exit(code=2) from None
    environment.setup_django(data_dir=data_dir)
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.http import Http404

    from journeymap.web.journeys import selectors, services

    membership = _membership(organisation, user)
    try:
        journey = (selectors.journey_get(organisation=membership.organisation,
                                         journey_id=journey_id) if journey_id else None)
        journey_map = services.document_import(membership=membership, document=document,
                                               journey=journey)
    except (PermissionDenied, ValidationError, Http404) as error:
        console.print(f"[red]Nothing imported:[/red] {error}")
        raise typer.Exit(code=1) from None
    console.print(f"Imported map {journey_map.pk}: {journey_map.title} "
                  f"({len(document.map.steps)} steps) into journey {journey_map.journey_id}.")
