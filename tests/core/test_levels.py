"""The risk levels live in core, below the apps that share them."""

from __future__ import annotations

import ast
from pathlib import Path

import mace
from mace.core.levels import LEVEL_RANK, Level


def test_the_levels_run_from_none_to_high():
    assert [level.rank for level in Level] == [0, 1, 2, 3]
    assert list(LEVEL_RANK) == Level.values


def test_the_risk_app_still_offers_the_same_levels():
    from mace.risk.models import Level as RiskLevel
    from mace.risk.models.assessment import LEVEL_RANK as RISK_RANK

    assert RiskLevel is Level
    assert RISK_RANK is LEVEL_RANK


def test_meetings_and_referrals_take_the_levels_from_core():
    src = Path(mace.__file__).parent
    for app in ("meetings", "referrals"):
        for path in (src / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    names = {alias.name for alias in node.names}
                    from_risk = node.module.startswith("mace.risk")
                    assert not (from_risk and names & {"Level", "LEVEL_RANK"}), path
