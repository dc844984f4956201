"""`journeymap.core` stays pure Python: importing all of it loads neither Django nor `web`."""

import subprocess
import sys

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
