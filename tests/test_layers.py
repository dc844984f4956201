"""Layers: `journeymap.core` loads neither Django nor `web`; analytics is used via its facade."""

import re
import subprocess
import sys
from pathlib import Path

PROBE = """
import importlib, pkgutil, sys
import journeymap.core as core
for module in pkgutil.walk_packages(core.__path__, "journeymap.core."):
    importlib.import_module(module.name)
bad = sorted(name for name in sys.modules
             if name == "django" or name.startswith(("django.", "journeymap.web")))
print(bad)
"""


def test_core_imports_no_django_and_no_web():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "[]"


ANALYTICS = "journeymap.core.analytics"
IMPORT = re.compile(
    r"^\s*(?:from\s+(journeymap\.core\.analytics[\w.]*)\s+import|import\s+(journeymap\.core\.analytics[\w.]*))",
    re.MULTILINE,
)


def test_nothing_outside_analytics_imports_its_internals():
    """The CLI, the web app and the benchmarks use the facade `journeymap.core.analytics` only."""
    root = Path(__file__).resolve().parents[1]
    inside = root / "src" / "journeymap" / "core" / "analytics"
    offenders = []
    for folder in ("src", "benchmarks", "scripts"):
        for path in (root / folder).rglob("*.py"):
            if inside in path.parents:
                continue
            for match in IMPORT.finditer(path.read_text(encoding="utf-8")):
                module = match.group(1) or match.group(2)
                if module != ANALYTICS:
                    offenders.append(f"{path.relative_to(root)}: {module}")
    assert offenders == []
