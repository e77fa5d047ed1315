"""No app imports another app's views or forms: the pages of an app are its own, and what
pages share lives in mace.web (ARCHITECTURE §3). Read from the source, so a new module is
checked without being listed."""

from __future__ import annotations

import ast
from pathlib import Path

import mace

SRC = Path(mace.__file__).parent
PAGE_MODULES = {"views", "forms"}
# The page toolkit every app's views and forms use, and core's GOV.UK form base (below
# every app, so the accounts and audit forms may use it too).
SHARED = {"web", "core"}


def _imported(tree: ast.AST):
    """(line, dotted name) of every module an import statement names, including the
    ``from mace.x import views`` form."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            if node.module.count(".") == 1:  # from mace.risk import views
                for alias in node.names:
                    yield node.lineno, f"{node.module}.{alias.name}"


def page_imports_across_apps(src: Path = SRC) -> list[str]:
    """Every import in an app's module of another app's views or forms."""
    found = []
    for path in sorted(src.rglob("*.py")):
        parts = path.relative_to(src).parts
        if len(parts) < 2:  # settings, urls, cli: the project, not an app
            continue
        app = parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _imported(tree):
            bits = name.split(".")
            if len(bits) < 3 or bits[0] != "mace":
                continue
            other, module = bits[1], bits[2]
            if module in PAGE_MODULES and other != app and other not in SHARED:
                found.append(f"{path.relative_to(src)}:{line} imports {name}")
    return sorted(set(found))


def test_no_app_imports_another_apps_views_or_forms():
    assert page_imports_across_apps() == []


def test_the_check_sees_each_way_of_importing(tmp_path):
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "views.py").write_text(
        "import mace.risk.views.common\n"
        "from mace.risk.forms.vrmp import ActionForm\n"
        "from mace.referrals import forms\n"
        "from mace.meetings.forms import ItemAddForm\n"  # its own: allowed
        "from mace.web.forms import attach_errors\n"  # the toolkit: allowed
        "from mace.risk.selectors import vrmp\n"  # selectors: allowed
    )

    assert page_imports_across_apps(tmp_path) == [
        "meetings/views.py:1 imports mace.risk.views.common",
        "meetings/views.py:2 imports mace.risk.forms.vrmp",
        "meetings/views.py:3 imports mace.referrals.forms",
    ]
