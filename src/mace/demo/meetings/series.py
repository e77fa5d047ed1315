"""The four standing meetings the demo sets up, and the sizes it keeps to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mace.accounts.models import Role
from mace.meetings.models import Kind
from mace.risk.models import Level

# Children the meetings may discuss, at most: children with an active plan, by id.
COHORT_SIZE = 90
# Meetings are held from this far back (two years, to the weekday: the dashboards' default
# period is eight quarters) and generated this far ahead of today.
HISTORY_DAYS = 728
AHEAD_DAYS = 92
# Reviews booked into one child-focused meeting, at most: with a new child or two, a
# meeting discusses five to seven, and the next meetings keep places for new referrals.
REVIEWS_PER_MEETING = 5
# The base of the links in invitation emails (withheld: see demo_meetings_ensure).
LINK_BASE = "http://127.0.0.1:8000"
MERRION_HOUSE = "Merrion House, 110 Merrion Centre, Leeds LS2 8BB"
CIVIC_HALL = "Civic Hall, Calverley Street, Leeds LS1 1UR"

LEVELS = [level.value for level in Level]  # by rank: none, low, medium, high
DAY = dt.timedelta(days=1)
CHILD_SEATS = (
    "police",
    "childrens_social_work",
    "health",
    "education",
    "youth_justice",
    "third_sector",
)
CONTEXT_SEATS = (
    "police",
    "childrens_social_work",
    "education",
    "community_safety",
    "youth_offer",
    "third_sector",
)


@dataclass(frozen=True)
class SeriesSpec:
    kind: str
    name: str
    rrule: str
    start_time: dt.time
    duration_minutes: int
    location: str
    online_link: str
    chair_role: str
    seats: tuple[str, ...]
    capacity: int = 8
    slot_minutes: int = 20
    monthly: bool = False  # first date: the 1st of a month, not two years ago to the day


SERIES: tuple[SeriesSpec, ...] = (
    SeriesSpec(
        Kind.CHILD,
        "Child-focused MACE",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        dt.time(10, 0),
        180,
        f"Meeting Room 4, {MERRION_HOUSE}",
        "https://meet.demo.example/mace-child",
        Role.CHAIR,
        CHILD_SEATS,
    ),
    SeriesSpec(
        Kind.CONTEXT,
        "Contextual MACE",
        "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
        dt.time(14, 0),
        120,
        f"Meeting Room 2, {MERRION_HOUSE}",
        "https://meet.demo.example/mace-context",
        Role.CHAIR,
        CONTEXT_SEATS,
        capacity=6,
        slot_minutes=30,
    ),
    SeriesSpec(
        Kind.SILVER,
        "Silver",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        dt.time(13, 30),
        120,
        f"Committee Room 1, {CIVIC_HALL}",
        "https://meet.demo.example/mace-silver",
        Role.SILVER,
        (),
        monthly=True,
    ),
    SeriesSpec(
        Kind.GOLD,
        "Gold",
        "FREQ=MONTHLY;INTERVAL=6;BYDAY=1TH",
        dt.time(10, 0),
        90,
        f"Committee Room 1, {CIVIC_HALL}",
        "https://meet.demo.example/mace-gold",
        Role.GOLD,
        (),
        monthly=True,
    ),
)


def _first_date(spec: SeriesSpec, today: dt.date) -> dt.date:
    since = today - dt.timedelta(days=HISTORY_DAYS)
    if not spec.monthly:
        return since
    first = since.replace(day=1)
    return (first + dt.timedelta(days=32)).replace(day=1)  # the next 1st: within the years
