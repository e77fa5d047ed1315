"""The record tables, the levels and grades, and the demo world's time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from mace.demo import data
from mace.risk.models import Level, MissingEpisode, StatutoryProcess
from mace.risk.models.assessment import GRADE_RANK

SEED_USER_EMAIL = "seed@demo.example"
SEED_USER_NAME = "Demo data (seed)"
# Children (unrestricted, with an active VRMP and an open police action) on which the demo
# member owns the police actions, in one seeding run; they get an action grant each.
MEMBER_ACTION_CHILDREN = 4

LEVELS = [level.value for level in Level]  # by rank: none, low, medium, high
GRADES = sorted(GRADE_RANK, key=GRADE_RANK.get)  # not_present, low, medium, high
LOOKED_AFTER = frozenset({"la_s20", "la_s31", "la_s38"})
# Rule kinds that only count grades, whichever indicators or domains carry them.
COUNTING_RULES = ("any_indicator_at_least", "indicators_at_least", "domains_at_least")
TABLES = (
    "assessments",
    "vrmps",
    "vrmp_versions",
    "vrmp_reviews",
    "vrmp_actions",
    "missing_episodes",
    "statutory_processes",
)

Kind = StatutoryProcess.Kind
Decision = StatutoryProcess.Decision
Interview = MissingEpisode.InterviewStatus
PoliceRisk = MissingEpisode.PoliceRisk
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


# Time ----------------------------------------------------------------------------------


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def seeded_now() -> dt.datetime:
    """The demo world's 'now': 6pm on the reference date, in UTC. Nothing happens after."""
    return dt.datetime.combine(data.REFERENCE_DATE, dt.time(18), tzinfo=_zone()).astimezone(dt.UTC)


def _weekday(day: dt.date) -> dt.date:
    """Office work falls on a weekday: Saturday moves back to Friday, Sunday on to Monday."""
    weekday = day.weekday()
    if weekday == 5:
        return day - DAY
    if weekday == 6:
        return day + DAY
    return day
