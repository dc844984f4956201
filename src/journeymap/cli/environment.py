"""Environment for the web commands: the data folder and a secret key that never enters the repo."""

import os
import secrets
from pathlib import Path


def prepare(*, data_dir: Path | None = None) -> Path:
    """Point Django at our settings and make sure a secret key is available.

    A key from the environment wins. Otherwise one is generated once into the data folder
    (readable by its owner only), which suits the demo and a single-machine install.
    """
    data_dir = (data_dir or Path(os.environ.get("JOURNEYMAP_DATA_DIR", "data"))).resolve()
    (data_dir / "static").mkdir(parents=True, exist_ok=True)
    os.environ["JOURNEYMAP_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeymap.web.settings")
    if not os.environ.get("JOURNEYMAP_SECRET_KEY"):
        key_file = data_dir / "secret_key"
        if not key_file.exists():
            key_file.touch(mode=0o600)
            key_file.write_text(secrets.token_urlsafe(50))
        os.environ["JOURNEYMAP_SECRET_KEY"] = key_file.read_text().strip()
    return data_dir


def setup_django(*, data_dir: Path | None = None) -> Path:
    data_dir = prepare(data_dir=data_dir)
    import django

    django.setup()
    return data_dir
