"""The demo city's risk records: assessments, VRMPs, missing episodes, statutory processes.

``RiskMaker.make`` takes a child's row (and addresses) as ``ChildMaker`` made them and
returns the rows of the child's record, dated relative to ``data.REFERENCE_DATE`` and drawn
from its own seeded generator, so adding risk records leaves the children as they were.

Levels are never invented: the generator aims at a level, grades indicators of the active
catalogue to reach it, and stores what ``engine.propose_level`` gives for those grades. The
agreed level differs from the proposed one only with a written rationale (about 10%).

Who recorded what: the demo coordinator and chair (and the demo member, a police officer,
for missing episodes and police actions) when they exist; otherwise other users who may
record; otherwise a system user, seed@demo.example, that cannot sign in.
"""

from __future__ import annotations

from mace.demo.risk.assessments import AssessmentRows
from mace.demo.risk.common import (
    COUNTING_RULES,
    DAY,
    GRADES,
    HOUR,
    LEVELS,
    LOOKED_AFTER,
    MEMBER_ACTION_CHILDREN,
    SEED_USER_EMAIL,
    SEED_USER_NAME,
    TABLES,
    Decision,
    Interview,
    Kind,
    PoliceRisk,
    seeded_now,
)
from mace.demo.risk.maker import RiskMaker
from mace.demo.risk.missing import MissingRows
from mace.demo.risk.record import Record, Texts
from mace.demo.risk.staff import Staff, UserRef, active_catalogue, seed_user_ensure, staff_resolve
from mace.demo.risk.statutory import StatutoryRows
from mace.demo.risk.vrmps import VrmpRows

__all__ = [
    "AssessmentRows",
    "COUNTING_RULES",
    "DAY",
    "Decision",
    "GRADES",
    "HOUR",
    "Interview",
    "Kind",
    "LEVELS",
    "LOOKED_AFTER",
    "MEMBER_ACTION_CHILDREN",
    "MissingRows",
    "PoliceRisk",
    "Record",
    "RiskMaker",
    "SEED_USER_EMAIL",
    "SEED_USER_NAME",
    "Staff",
    "StatutoryRows",
    "TABLES",
    "Texts",
    "UserRef",
    "VrmpRows",
    "active_catalogue",
    "seed_user_ensure",
    "seeded_now",
    "staff_resolve",
]
