"""Keyed pseudonyms (HMAC-SHA256) for case ids and personal columns, computed inside DuckDB.

The same value always gets the same pseudonym under the same key, so joins and counts still work,
but without the key nobody can go from pseudonym back to a citizen (or test a guess). The key is
supplied by the caller and never written next to the data.

HMAC is computed in SQL from DuckDB's vectorised `sha256` (RFC 2104: H(K^opad || H(K^ipad || m))),
so pseudonymising ten million rows costs no Python per row. `pseudonym()` is the plain-Python
reference the tests hold the SQL to. Pseudonyms are the first 128 bits (32 hex digits) of the
HMAC, a truncation RFC 2104 allows, which halves the bytes every group-by has to compare.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from journeymap.core.analytics.errors import ConfigurationError

KEY_ENV = "JOURNEYMAP_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
PSEUDONYM_HEX_DIGITS = 32
_BLOCK = 64


def pseudonym(*, value: str, key: bytes) -> str:
    """The pseudonym of one value, as the store writes it."""
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_HEX_DIGITS]


def hmac_sql(*, expression: str, key: bytes) -> str:
    """DuckDB SQL giving the pseudonym of the VARCHAR `expression` (NULL stays NULL)."""
    block_key = hashlib.sha256(key).digest() if len(key) > _BLOCK else key
    block_key = block_key.ljust(_BLOCK, b"\0")
    inner = bytes(byte ^ 0x36 for byte in block_key).hex()
    outer = bytes(byte ^ 0x5C for byte in block_key).hex()
    return (
        f"left(sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || "
        f"encode(CAST({expression} AS VARCHAR))))), {PSEUDONYM_HEX_DIGITS})"
    )


def check_key(key: bytes) -> bytes:
    if len(key) < MIN_KEY_BYTES:
        raise ConfigurationError(
            f"the pseudonymisation key is {len(key)} bytes; use at least {MIN_KEY_BYTES} "
            "random bytes (e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)"
        )
    return key


def load_key(*, key_file: Path | None = None) -> bytes | None:
    """The key from `key_file` (bytes, trailing newline dropped) or env JOURNEYMAP_PSEUDONYM_KEY.

    Returns None when neither is given, so the caller decides whether that is allowed.
    """
    if key_file is not None:
        try:
            raw = key_file.read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"cannot read the key file {key_file}: {exc}") from exc
        return check_key(raw.rstrip(b"\r\n"))
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return check_key(from_env.encode("utf-8"))
    return None
