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
from journeymap.core.maps.schema import MapDocument

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileFormat:
    label: str
    extension: str
    content_type: str
    write: Callable[[MapDocument], str | bytes]
    name_suffix: str = ""


FILE_FORMATS = {
    "svg": FileFormat("SVG picture", "svg", "image/svg+xml", render_svg),
    "png": FileFormat("PNG picture", "png", "image/png", render_png),
    "pdf": FileFormat("PDF (A3, for printing)", "pdf", "application/pdf", render_pdf),
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
