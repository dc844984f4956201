"""The file formats a map can be downloaded in, and reading an uploaded map file."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from journeymap.core.maps import (
    MapFileError,
    Problem,
    jsonio,
    mermaid,
    render_pdf,
    render_png,
    render_svg,
)
from journeymap.core.maps.excel import read_workbook, write_workbook
from journeymap.core.maps.schema import BUILT_IN_LANES, MapDocument

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileFormat:
    """A download. `lanes_chosen` marks the pictures a person may draw with only some lanes
    (`write(doc, lanes=[...])`); the data files always hold every lane."""

    label: str
    extension: str
    content_type: str
    write: Callable[..., str | bytes]
    name_suffix: str = ""
    lanes_chosen: bool = False


FILE_FORMATS = {
    "svg": FileFormat("SVG picture", "svg", "image/svg+xml", render_svg, lanes_chosen=True),
    "png": FileFormat("PNG picture", "png", "image/png", render_png, lanes_chosen=True),
    "pdf": FileFormat("PDF (A3, for printing)", "pdf", "application/pdf", render_pdf,
                      lanes_chosen=True),
    "smiley-svg": FileFormat("Smiley map for front-line staff (SVG)", "svg", "image/svg+xml",
                             partial(render_svg, smiley=True), "-smiley"),
    "smiley-pdf": FileFormat("Smiley map for front-line staff (PDF)", "pdf", "application/pdf",
                             partial(render_pdf, smiley=True), "-smiley"),
    "xlsx": FileFormat("Excel workbook", "xlsx", XLSX, write_workbook),
    "json": FileFormat("JSON file", "json", "application/json", jsonio.dumps),
    "mermaid": FileFormat("Mermaid text", "mmd", "text/plain; charset=utf-8",
                          mermaid.to_mermaid),
}
DOWNLOAD_CHOICES = [(key, chosen.label) for key, chosen in FILE_FORMATS.items()]
PICTURE_CHOICES = [(key, chosen.label) for key, chosen in FILE_FORMATS.items()
                   if chosen.lanes_chosen]


def lane_choices(document: MapDocument) -> list[tuple[str, str, bool]]:
    """Every lane of the map as (key, name, drawn by default), for a download's lane choice."""
    names = {**BUILT_IN_LANES, **{lane.id: lane.name for lane in document.map.lanes}}
    drawn = set(document.map.default_lanes())
    return [(key, names[key], key in drawn) for key in document.map.lane_keys()]


def chosen_lanes_of(document: MapDocument, asked: list[str]) -> list[str] | None:
    """The lanes a download was asked to draw (None: the map's own choice), in drawing order.
    A key that is not a lane of this map raises `ValueError` naming it."""
    if not asked:
        return None
    keys = document.map.lane_keys()
    unknown = [key for key in asked if key not in keys]
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not a lane of this map "
                         f"(its lanes are {', '.join(keys)})")
    return [key for key in keys if key in asked]


def safe_filename(title: str, extension: str) -> str:
    """ASCII letters, digits and hyphens only: safe in every browser and file system."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:80].strip("-") or "map"
    return f"{stem}.{extension}"


def read_map_file(*, name: str, data: bytes) -> MapDocument:
    """A JSON file by its name, otherwise an Excel workbook; `MapFileError` says what is wrong."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise MapFileError([Problem(message="the file is larger than 10 MB")])
    if name.lower().endswith(".json"):
        return jsonio.loads(data)
    return read_workbook(data)
