"""The map as a JSON file: the versioned schema, written and read back to the last field.

Files are always written in the current version; older versions are read through `migrations`.
"""

from __future__ import annotations

import json

from pydantic import ValidationError

from journeymap.core.maps.errors import MapFileError, Problem
from journeymap.core.maps.migrations import migrate
from journeymap.core.maps.schema import SCHEMA_NAME, MapDocument
from journeymap.core.maps.validation_errors import problems_from_validation_error


def dumps(doc: MapDocument) -> str:
    """The document as pretty-printed UTF-8 JSON text (non-ASCII kept readable, not escaped)."""
    data = doc.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes) -> MapDocument:
    """Read a map file; raise `MapFileError` naming each bad field (``map.steps[3].emotion``)."""
    try:
        raw = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MapFileError([Problem(message=f"not a JSON file: {error}")]) from error
    if not isinstance(raw, dict):
        raise MapFileError([Problem(message="the file must hold a JSON object")])
    if raw.get("schema") != SCHEMA_NAME:
        message = f"expected {SCHEMA_NAME!r}, got {raw.get('schema')!r}"
        raise MapFileError([Problem(field="schema", message=message)])
    try:
        raw = migrate(raw)
    except ValueError as error:
        raise MapFileError([Problem(field="schema_version", message=str(error))]) from error
    try:
        return MapDocument.model_validate(raw)
    except ValidationError as error:
        raise MapFileError(problems_from_validation_error(error, raw)) from error
