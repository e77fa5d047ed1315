"""The linkage package stands alone: no Django, no other MACE app, never the demo.

Read from the source files' import lines (not by importing them), so that a lazy import
inside a function counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import mace.linkage

PACKAGE = Path(mace.linkage.__file__).parent
ALLOWED_MACE = ("mace.linkage", "mace.core.csvsafe")


def _imports() -> list[tuple[str, int, str]]:
    """(file, line, module) for every import statement under src/mace/linkage."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: inside the package
                    continue
                # "from mace.core import csvsafe" imports mace.core.csvsafe; a name that is
                # not a module ("from mace.linkage.compare import prepare") stays inside
                # its module, so checking module.name is as strict as checking the module.
                modules = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found += [(path.name, node.lineno, module) for module in modules]
    return found


def _within(module: str, allowed: str) -> bool:
    return module == allowed or module.startswith(allowed + ".")


def test_the_reader_sees_the_packages_imports():
    modules = [module for _, _, module in _imports()]
    for expected in ("numpy", "rapidfuzz", "mace.linkage.compare", "mace.core.csvsafe"):
        assert any(_within(module, expected) for module in modules), expected


def test_linkage_imports_neither_django_nor_another_mace_app():
    wrong = [
        f"{name}:{line} imports {module}"
        for name, line, module in _imports()
        if _within(module, "django")
        or (_within(module, "mace") and not any(_within(module, ok) for ok in ALLOWED_MACE))
    ]
    assert wrong == []


def test_linkage_never_imports_the_demo():
    wrong = [
        f"{name}:{line} imports {module}"
        for name, line, module in _imports()
        if _within(module, "mace.demo") or _within(module, "faker")
    ]
    assert wrong == []


def test_importing_the_engine_loads_no_django(tmp_path):
    """Import every linkage module in a fresh interpreter: no Django module comes with it."""
    modules = sorted(f"mace.linkage.{path.stem}" for path in PACKAGE.glob("*.py"))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'faker')"
        " or m.startswith('mace.') and not m.startswith(('mace.linkage', 'mace.core'))))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parents[1])}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"
