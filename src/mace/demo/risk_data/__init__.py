"""Text and weights for the demo city's risk records: plausible, short, and fictional.

Phrases are written as a practitioner would record them. Places are real towns and Leeds
districts (as the wards are); people, phones, vehicles and addresses are made up. Keys are
the bundled catalogue's indicator and domain codes; a partnership's own catalogue with other
codes still gets grades, with the generic evidence.

Phrases follow the child: {he}, {his}, {him} ({He}, {His}) become the child's pronouns,
{carers} ({Carers}) and {home} say who looks after them and where (parents and home, or
carers and the placement). A phrase starting "F|" is only used for girls, "LA|" only for
looked-after children, "H|" only for children living at home. ``render`` does this once
per kind of child.
"""

from __future__ import annotations

from mace.demo.risk_data.assessments import (
    ANALYSIS_BY_LEVEL,
    EVIDENCE,
    GENERIC_EVIDENCE,
    OVERRIDE_DOWN,
    OVERRIDE_UP,
    PROTECTIVE_FACTORS,
    TREND_SENTENCES,
)
from mace.demo.risk_data.levels import (
    ASSESSED_SHARE,
    ASSESSMENT_COUNT_WEIGHTS,
    DRAFT_SHARE,
    LEVEL_WEIGHTS_BY_STATUS,
    OVERRIDE_SHARE,
    PROFILE_INDICATOR_WEIGHTS,
    PROFILE_WEIGHTS,
    TRAJECTORY_WEIGHTS,
    YOUNGER_LEVEL_WEIGHTS,
)
from mace.demo.risk_data.missing import (
    CURRENTLY_MISSING_SHARE,
    EPISODE_COUNT_WEIGHTS,
    EPISODE_PULL,
    EPISODE_PUSH,
    HARM,
    HOW_TRAVELLED,
    INTERVIEW_NOT_DONE,
    INTERVIEW_REFUSED,
    LOOKED_AFTER_MISSING_FACTOR,
    MISSING_SHARE_BY_LEVEL,
    REPORTED_BY_AT_HOME,
    REPORTED_BY_LOOKED_AFTER,
    START_HOURS,
    WHERE_FOUND,
    WHERE_FOUND_CAME_BACK,
    WHERE_WENT,
    WHY_LEFT,
    WITH_WHOM,
)
from mace.demo.risk_data.statutory import PRACTITIONERS, STATUTORY_NOTES
from mace.demo.risk_data.texts import TEXT_BANKS, render
from mace.demo.risk_data.vrmps import (
    ACTION_AGENCY_WEIGHTS,
    ACTIONS,
    COMPLETION_NOTES,
    CONTINGENCY,
    INTERVENTION,
    LA_ENQUIRIES,
    POLICE_ENQUIRIES,
    PROTECTIVE_TEXT,
    PULL_FACTORS,
    PUSH_FACTORS,
    REPORTING_AT_HOME,
    REPORTING_LOOKED_AFTER,
    RETURN_STRATEGY,
    REVIEW_NOTES,
    REVIEW_WEEKS,
    STEP_DOWN_NOTE,
    VULNERABILITIES,
    VULNERABILITY_EXTRAS,
)

__all__ = [
    "ACTIONS",
    "ACTION_AGENCY_WEIGHTS",
    "ANALYSIS_BY_LEVEL",
    "ASSESSED_SHARE",
    "ASSESSMENT_COUNT_WEIGHTS",
    "COMPLETION_NOTES",
    "CONTINGENCY",
    "CURRENTLY_MISSING_SHARE",
    "DRAFT_SHARE",
    "EPISODE_COUNT_WEIGHTS",
    "EPISODE_PULL",
    "EPISODE_PUSH",
    "EVIDENCE",
    "GENERIC_EVIDENCE",
    "HARM",
    "HOW_TRAVELLED",
    "INTERVENTION",
    "INTERVIEW_NOT_DONE",
    "INTERVIEW_REFUSED",
    "LA_ENQUIRIES",
    "LEVEL_WEIGHTS_BY_STATUS",
    "LOOKED_AFTER_MISSING_FACTOR",
    "MISSING_SHARE_BY_LEVEL",
    "OVERRIDE_DOWN",
    "OVERRIDE_SHARE",
    "OVERRIDE_UP",
    "POLICE_ENQUIRIES",
    "PRACTITIONERS",
    "PROFILE_INDICATOR_WEIGHTS",
    "PROFILE_WEIGHTS",
    "PROTECTIVE_FACTORS",
    "PROTECTIVE_TEXT",
    "PULL_FACTORS",
    "PUSH_FACTORS",
    "REPORTED_BY_AT_HOME",
    "REPORTED_BY_LOOKED_AFTER",
    "REPORTING_AT_HOME",
    "REPORTING_LOOKED_AFTER",
    "RETURN_STRATEGY",
    "REVIEW_NOTES",
    "REVIEW_WEEKS",
    "START_HOURS",
    "STATUTORY_NOTES",
    "STEP_DOWN_NOTE",
    "TEXT_BANKS",
    "TRAJECTORY_WEIGHTS",
    "TREND_SENTENCES",
    "VULNERABILITIES",
    "VULNERABILITY_EXTRAS",
    "WHERE_FOUND",
    "WHERE_FOUND_CAME_BACK",
    "WHERE_WENT",
    "WHY_LEFT",
    "WITH_WHOM",
    "YOUNGER_LEVEL_WEIGHTS",
    "render",
]
