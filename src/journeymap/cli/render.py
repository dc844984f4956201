"""`journeymap render MAP.json -o OUT.svg|png|pdf [--smiley]`: pictures with no database or server.

Registered as the `render` command in `journeymap.cli`. A `.xlsx` map (filled-in template) is
read as well as JSON, so a council can go from spreadsheet to printed map in one command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

# The map modules (pydantic schema, layout, renderers) are imported when a command runs, so
# `journeymap --help` does not load them.
if TYPE_CHECKING:
    from journeymap.core.maps.schema import MapDocument

FORMATS = (".svg", ".png", ".pdf")


def read_map_file(path: Path) -> MapDocument:
    """A map from a .json or .xlsx file (raises `MapFileError` for bad content)."""
    from journeymap.core.maps.jsonio import loads

    data = path.read_bytes()
    if path.suffix.lower() == ".xlsx":
        from journeymap.core.maps.excel import read_workbook  # openpyxl, only for a workbook

        return read_workbook(data)
    return loads(data)


def render(
    map_path: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True,
        help="A map file: .json (journeymap schema) or .xlsx.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", dir_okay=False, help="Where to write the picture: .svg, .png or .pdf.")],
    smiley: Annotated[bool, typer.Option(
        "--smiley", help="The simple smiley map (steps and faces only).")] = False,
    lanes: Annotated[str | None, typer.Option(
        "--lanes", help="The lanes to show, comma-separated (e.g. actions,heartbeat,pain,cost); "
                        "by default the map's own choice.")] = None,
) -> None:
    """Render a journey map to SVG, PNG or PDF (A3 landscape, more pages when wide)."""
    from journeymap.core.maps import MapFileError, render_pdf, render_png, render_svg

    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        expected = ", ".join(FORMATS)
        raise typer.BadParameter(f"expected a file ending {expected}, got {output.name!r}",
                                 param_hint="--output")
    try:
        doc = read_map_file(map_path)
    except MapFileError as error:
        typer.echo(f"Cannot read {map_path}:\n{error}", err=True)
        raise typer.Exit(code=2) from error
    shown = None if lanes is None else [key.strip() for key in lanes.split(",") if key.strip()]
    try:
        if suffix == ".svg":
            output.write_text(render_svg(doc, smiley=smiley, lanes=shown), encoding="utf-8")
        elif suffix == ".png":
            output.write_bytes(render_png(doc, smiley=smiley, lanes=shown))
        else:
            output.write_bytes(render_pdf(doc, smiley=smiley, lanes=shown))
    except ValueError as error:  # an unknown lane
        raise typer.BadParameter(str(error), param_hint="--lanes") from error
    typer.echo(f"Wrote {output} ({len(doc.map.steps)} steps).")
