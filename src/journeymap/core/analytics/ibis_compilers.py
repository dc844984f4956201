"""Ibis's SQL compilers package without importing all twenty compilers up front.

`ibis.backends.sql.compilers` imports every backend's compiler (Athena, BigQuery, Trino...) and
their sqlglot dialects when any one is imported, about 0.07 CPU seconds that every DuckDB
analysis run from the command line paid for one compiler. `install_lazy_compilers` puts in its
place a package object that imports a compiler when it is first asked for (as an attribute or
by `from ... import`), so the DuckDB backend imports only DuckDB's.

It is done only when the package's `__init__` is exactly what it is in the Ibis versions we
know: `__all__` and one `from <package>.<module> import <Name>` per name. Anything else, and
the package is left to import itself as it always did.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import threading
import types
from pathlib import Path

PACKAGE = "ibis.backends.sql.compilers"
_LOCK = threading.Lock()
_INSTALLED: list[types.ModuleType] = []


def exported_names(source: str) -> dict[str, str] | None:
    """Each name the package's `__init__` (its `source`) exports -> the submodule it comes
    from, or None unless that is all the file does (besides `from __future__` imports)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    declared: list[str] | None = None
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "__all__"
                and isinstance(node.value, ast.List)
                and all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                        for item in node.value.elts)):
            declared = [item.value for item in node.value.elts]
            continue
        prefix = f"{PACKAGE}."
        if (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                and node.module.startswith(prefix) and "." not in node.module[len(prefix):]
                and all(alias.asname is None for alias in node.names)):
            for alias in node.names:
                found[alias.name] = node.module[len(prefix):]
            continue
        return None
    if declared is None or sorted(declared) != sorted(found):
        return None
    return found


def _lazy_package(spec, exported: dict[str, str]) -> types.ModuleType:
    package = importlib.util.module_from_spec(spec)

    def __getattr__(name: str) -> object:
        if name in exported:
            value = getattr(importlib.import_module(f"{PACKAGE}.{exported[name]}"), name)
            setattr(package, name, value)
            return value
        if not name.startswith("__") and importlib.util.find_spec(f"{PACKAGE}.{name}"):
            # Importing a submodule sets it on the package, as for any package.
            return importlib.import_module(f"{PACKAGE}.{name}")
        raise AttributeError(f"module {PACKAGE!r} has no attribute {name!r}")

    package.__getattr__ = __getattr__
    package.__all__ = list(exported)
    return package


def install_lazy_compilers() -> bool:
    """Put the lazy package in `sys.modules` unless the package is imported already or its
    `__init__` is not the one we know; True when the lazy package is (now) the one in use."""
    with _LOCK:
        if PACKAGE in sys.modules:
            return any(sys.modules[PACKAGE] is package for package in _INSTALLED)
        spec = importlib.util.find_spec(PACKAGE)
        if spec is None or spec.origin is None or spec.submodule_search_locations is None:
            return False
        try:
            source = Path(spec.origin).read_text(encoding="utf-8")
        except OSError:
            return False
        exported = exported_names(source)
        if exported is None:
            return False
        package = _lazy_package(spec, exported)
        _INSTALLED.append(package)
        sys.modules[PACKAGE] = package
        return True
