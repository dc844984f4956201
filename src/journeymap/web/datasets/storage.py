"""Where an organisation's contact data lives on disk, and its pseudonymisation key.

    DATA_DIR/organisations/<organisation id>/uploads/<dataset folder>/   the raw upload, until
                                                                          it is imported
    DATA_DIR/organisations/<organisation id>/datasets/<dataset folder>/  events.parquet,
                                                                          cases.parquet, log.json,
                                                                          analysis.json (exact)
    PSEUDONYM_KEYS_DIR/organisation-<organisation id>.key                 the organisation's key

Every folder is 0700 and every file 0600: only the server's own account reads them, and no
URL serves them (the pages read them through the analytics facade). Folder names are ids and
random UUIDs, never user text. The key is outside the database on purpose: a copy of the
database alone cannot test a guessed identifier against the pseudonyms.
"""

import os
import secrets
import shutil
from pathlib import Path

from django.conf import settings

from journeymap.core.analytics import load_key

ANALYSIS_FILE = "analysis.json"
_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".xes", ".xml")
ACCEPTED_SUFFIXES = _SUFFIXES + tuple(suffix + ".gz" for suffix in _SUFFIXES)


def private_folder(path: Path) -> Path:
    """Make `path` and each missing parent with mode 0700 (whatever the umask), and insist on
    0700 for `path` if it exists."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
    path.chmod(0o700)
    return path


def organisation_folder(organisation_id: int) -> Path:
    root = private_folder(Path(settings.DATA_DIR) / "organisations")
    return private_folder(root / str(int(organisation_id)))


def upload_folder(dataset) -> Path:
    return organisation_folder(dataset.organisation_id) / "uploads" / dataset.folder.hex


def store_folder(dataset) -> Path:
    return organisation_folder(dataset.organisation_id) / "datasets" / dataset.folder.hex


def accepted_suffix(name: str) -> str | None:
    """The format suffix of an uploaded file's name (".csv", ".xes.gz"...), or None."""
    lowered = name.lower()
    return next((suffix for suffix in sorted(ACCEPTED_SUFFIXES, key=len, reverse=True)
                 if lowered.endswith(suffix)), None)


def raw_file(dataset) -> Path:
    """The raw upload's path: a fixed name with the format's suffix, never the user's name."""
    return upload_folder(dataset) / ("upload" + (accepted_suffix(dataset.source_name) or ""))


def write_private_file(path: Path, chunks) -> None:
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)


def make_files_private(folder: Path) -> None:
    """Mode 0600 for every file under `folder` (the engine writes with the process's umask)."""
    for path in folder.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def key_file(organisation_id: int) -> Path:
    return Path(settings.PSEUDONYM_KEYS_DIR) / f"organisation-{int(organisation_id)}.key"


def organisation_key(organisation_id: int) -> bytes:
    """The organisation's pseudonymisation key, made (32 random bytes, mode 0600) on first use.

    Losing it means new imports get new pseudonyms: the same citizen can no longer be matched
    across datasets imported before and after. Datasets already imported still read as before.
    """
    path = key_file(organisation_id)
    private_folder(path.parent)
    if not path.exists():
        # Written whole under another name, then linked into place: a concurrent import sees
        # either no key or the whole key, and only one key ever wins.
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        write_private_file(draft, [(secrets.token_hex(32) + "\n").encode()])
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return load_key(key_file=path)
