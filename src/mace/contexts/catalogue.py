"""The contextual assessment catalogue: parsed, checked and loaded as the risk tool's is
(versioned, immutable once stored; assessments keep their version)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from mace.contexts.models import Context

BUNDLED = Path(__file__).parent / "catalogue" / "default.yaml"
GRADES = ("not_present", "low", "medium", "high")
GRADE_LABELS = {"not_present": "Not present", "low": "Low", "medium": "Medium", "high": "High"}
# The level a grade proposes (the highest grade given).
LEVEL_OF_GRADE = {"not_present": "none", "low": "low", "medium": "medium", "high": "high"}


class CatalogueError(ValueError):
    pass


def parse(text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"not valid YAML: {exc}") from None
    problems = []
    if not isinstance(data, dict):
        raise CatalogueError("the file holds no catalogue")
    for key in ("version", "title", "kinds"):
        if not data.get(key):
            problems.append(f"'{key}' is missing")
    kinds = data.get("kinds") or {}
    codes = set()
    for kind, factors in kinds.items() if isinstance(kinds, dict) else ():
        if kind not in Context.Kind.values:
            problems.append(f"'{kind}' is not a kind of context")
        for factor in factors or ():
            code = (factor or {}).get("code")
            if not code or not factor.get("text"):
                problems.append(f"a factor of '{kind}' needs a code and a text")
            elif code in codes:
                problems.append(f"the code '{code}' is used twice")
            codes.add(code)
    if problems:
        raise CatalogueError("; ".join(problems))
    data["version"] = str(data["version"])
    return data


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def factors_for(content: dict, kind: str) -> list[dict]:
    return list(content.get("kinds", {}).get(kind) or [])


def proposed_level(grades) -> str:
    """The highest grade given proposes the level (none if none is present)."""
    rank = max((GRADES.index(g) for g in grades if g in GRADES), default=0)
    return LEVEL_OF_GRADE[GRADES[rank]]


def load_bundled_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from mace.contexts.services.assessment import catalogue_load

    if "contexts_contextcatalogue" not in connections[using].introspection.table_names():
        return
    catalogue_load(text=BUNDLED.read_text(), activate_if_none=True)
