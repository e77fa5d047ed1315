"""The risk identification tool's rules, applied to grades. Pure functions, no database.

Every rule counts indicators at or above a grade, so the proposed level is monotone:
raising any indicator never lowers it (tests/risk/test_engine.py checks this with
hypothesis).
"""

from __future__ import annotations

from collections.abc import Mapping

from mace.risk.models.assessment import GRADE_RANK, LEVEL_RANK, Level


def _rank(grades: Mapping[str, str], code: str) -> int:
    return GRADE_RANK.get(grades.get(code) or "not_present", 0)


def _indicator_domains(content: dict) -> dict[str, str]:
    return {
        indicator["code"]: domain["code"]
        for domain in content["domains"]
        for indicator in domain["indicators"]
    }


def rule_holds(rule: dict, grades: Mapping[str, str], content: dict) -> bool:
    """Does one catalogue rule hold for these grades?"""
    codes = _indicator_domains(content)
    if "any_indicator_at_least" in rule:
        floor = GRADE_RANK[rule["any_indicator_at_least"]]
        return any(_rank(grades, code) >= floor for code in codes)
    if "indicators_at_least" in rule:
        spec = rule["indicators_at_least"]
        floor = GRADE_RANK[spec["grade"]]
        return sum(_rank(grades, code) >= floor for code in codes) >= spec["count"]
    if "domains_at_least" in rule:
        spec = rule["domains_at_least"]
        floor = GRADE_RANK[spec["grade"]]
        domains = {codes[code] for code in codes if _rank(grades, code) >= floor}
        return len(domains) >= spec["count"]
    if "indicator_at_least" in rule:
        spec = rule["indicator_at_least"]
        return _rank(grades, spec["indicator"]) >= GRADE_RANK[spec["grade"]]
    raise ValueError(f"Unknown rule: {rule}")


def propose_level(content: dict, grades: Mapping[str, str]) -> tuple[str, list[str]]:
    """The proposed overall level, and the descriptions of the rules that gave it."""
    best = Level.NONE.value
    reasons: list[str] = []
    for rule in content["rules"]:
        if rule_holds(rule, grades, content):
            level = rule["level"]
            if LEVEL_RANK[level] > LEVEL_RANK[best]:
                best, reasons = level, [rule.get("description", "")]
            elif LEVEL_RANK[level] == LEVEL_RANK[best] and level != Level.NONE:
                reasons.append(rule.get("description", ""))
    return best, [r for r in reasons if r]


def fired_prompts(
    content: dict, *, age: int | None, learning_disability: bool, grades: Mapping[str, str]
) -> list[dict]:
    """The automatic prompts that apply to this child (code and text)."""
    fired = []
    for prompt in content.get("prompts", []):
        when = prompt["when"]
        holds = True
        if "age_under" in when:
            holds &= age is not None and age < when["age_under"]
        if "learning_disability" in when:
            holds &= learning_disability == when["learning_disability"]
        if "indicator_at_least" in when:
            spec = when["indicator_at_least"]
            holds &= _rank(grades, spec["indicator"]) >= GRADE_RANK[spec["grade"]]
        if holds:
            fired.append({"code": prompt["code"], "text": " ".join(prompt["text"].split())})
    return fired


def indicator_codes(content: dict) -> list[str]:
    return list(_indicator_domains(content))
