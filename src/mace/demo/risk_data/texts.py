"""``render``: the phrase banks as they read for one kind of child, and the banks
it prepares."""

from __future__ import annotations

from mace.demo.risk_data.assessments import (
    ANALYSIS_BY_LEVEL,
    EVIDENCE,
    GENERIC_EVIDENCE,
    OVERRIDE_DOWN,
    OVERRIDE_UP,
    PROTECTIVE_FACTORS,
)
from mace.demo.risk_data.missing import (
    EPISODE_PULL,
    EPISODE_PUSH,
    HARM,
    HOW_TRAVELLED,
    INTERVIEW_NOT_DONE,
    INTERVIEW_REFUSED,
    WHERE_FOUND,
    WHERE_WENT,
    WHY_LEFT,
    WITH_WHOM,
)
from mace.demo.risk_data.vrmps import (
    ACTIONS,
    COMPLETION_NOTES,
    CONTINGENCY,
    INTERVENTION,
    LA_ENQUIRIES,
    POLICE_ENQUIRIES,
    PROTECTIVE_TEXT,
    PULL_FACTORS,
    PUSH_FACTORS,
    RETURN_STRATEGY,
    REVIEW_NOTES,
    VULNERABILITIES,
)

_PRONOUNS = {
    True: {"he": "she", "his": "her", "him": "her", "He": "She", "His": "Her"},
    False: {"he": "he", "his": "his", "him": "him", "He": "He", "His": "His"},
}


def render(bank, *, female: bool, looked_after: bool):
    """A phrase, tuple or dict of phrases as they read for one kind of child (phrases that
    do not apply to the child are left out of a tuple; a single phrase becomes None)."""
    if isinstance(bank, dict):
        return {key: render(value, female=female, looked_after=looked_after)
                for key, value in bank.items()}  # fmt: skip
    if isinstance(bank, tuple):
        rendered = (render(text, female=female, looked_after=looked_after) for text in bank)
        return tuple(text for text in rendered if text is not None)
    text = bank
    if text.startswith("F|"):
        if not female:
            return None
        text = text[2:]
    if text.startswith("LA|"):
        if not looked_after:
            return None
        text = text[3:]
    if text.startswith("H|"):
        if looked_after:
            return None
        text = text[2:]
    words = {
        **_PRONOUNS[female],
        "carers": "carers" if looked_after else "parents",
        "Carers": "Carers" if looked_after else "Parents",
        "home": "the placement" if looked_after else "home",
    }
    return text.format(**words)


# The banks that ``render`` prepares, by the name RiskMaker reads them under.
TEXT_BANKS = {
    "evidence": EVIDENCE, "generic_evidence": GENERIC_EVIDENCE,
    "protective_factors": PROTECTIVE_FACTORS, "override_up": OVERRIDE_UP,
    "override_down": OVERRIDE_DOWN, "analysis": ANALYSIS_BY_LEVEL,
    "vulnerabilities": VULNERABILITIES, "protective_text": PROTECTIVE_TEXT,
    "push": PUSH_FACTORS, "pull": PULL_FACTORS, "la_enquiries": LA_ENQUIRIES,
    "police_enquiries": POLICE_ENQUIRIES, "return_strategy": RETURN_STRATEGY,
    "intervention": INTERVENTION, "contingency": CONTINGENCY, "review_notes": REVIEW_NOTES,
    "actions": ACTIONS, "completion_notes": COMPLETION_NOTES, "where_found": WHERE_FOUND,
    "why_left": WHY_LEFT, "where_went": WHERE_WENT, "with_whom": WITH_WHOM,
    "how_travelled": HOW_TRAVELLED, "harm": HARM, "episode_push": EPISODE_PUSH,
    "episode_pull": EPISODE_PULL, "interview_refused": INTERVIEW_REFUSED,
    "interview_not_done": INTERVIEW_NOT_DONE,
}  # fmt: skip
