"""Older map files brought up to the current schema version before they are validated.

Each step is a function from one version's raw JSON object to the next's, so a file of any
supported version is read by running the steps from its version up. A step only adds what the
newer version has; it never drops or rewrites a value, so nothing in an older file is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymap.core.maps.schema import SCHEMA_VERSION

RawMap = dict[str, Any]


def _v1_to_v2(raw: RawMap) -> RawMap:
    # Version 2 only adds fields (stages, persona, lanes, blueprint lanes, hidden lanes), each
    # with an empty default, so a version 1 map is a version 2 map with none of them set.
    return {**raw, "schema_version": 2}


#: The step that brings a file of version N to version N + 1.
MIGRATIONS: dict[int, Callable[[RawMap], RawMap]] = {1: _v1_to_v2}
READABLE_VERSIONS = (*MIGRATIONS, SCHEMA_VERSION)


def migrate(raw: RawMap) -> RawMap:
    """`raw` (a map file's JSON object, of any readable version) as the current version.

    Raises `ValueError` for a version this journeymap cannot read.
    """
    version = raw.get("schema_version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise ValueError(
            f"this version of journeymap reads schema versions "
            f"{', '.join(map(str, READABLE_VERSIONS))}, got {version!r}"
        )
    while version != SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version = raw["schema_version"]
    return raw
