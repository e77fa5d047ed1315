"""The demo's meetings: two years of MACE meetings held, and the next ones being prepared.

``demo_meetings_ensure`` sets up the four standing meetings (child-focused MACE every two
weeks, contextual MACE every four, Silver every two months, Gold every six), generates their
dates from two years ago to three months ahead, then, through the meetings services, as the
coordinator and the chair would:

- holds each past meeting: the agenda (the reviews that fell due, placed by agenda_fill, then
  new children), who came, each child's discussion (risk analysis, push and pull factors,
  connections, what each agency shared, the level agreed and the outcome), the themes,
  trends and suspected perpetrators found, and actions with owners; then closes it, drafts
  the minutes and has the chair approve them (a meeting held in the last few days may
  still wait for its minutes). Children come back when the meeting said; some step down,
  close or are recommended for a statutory process. Actions due in the past are mostly
  done, with a note; a few are overdue. Contextual MACE discusses places and peer groups
  the same way; Silver and Gold record attendance and themes.
- prepares the next two child-focused meetings: due reviews (agenda_fill), a new child, a
  child for information, one review deferred to the meeting after; core members and a
  social worker (for one child's slot) invited. The very next meeting's invitations are
  sent, which opens its children to its members, with the emails withheld
  (``mace.core.mail.withheld``).

The past is recorded as it happened: the services run with the clock set to the moment
(``mace.core.clock.set_to``: the agenda a week before, each discussion in its slot, the minutes days
after), so what they stamp (created and modified times, history rows, audit events, access
grants) and what they take as today fit the demo world. Three kinds of row are written
directly, as their services would write them, because the services' one audit event a
row made seeding several times slower: contributions, attendance, and actions done (each
saved once every meeting is made, dated when it was done).

Dates are relative to today (meetings must be upcoming to be prepared), unlike the
children's records, which are relative to ``data.REFERENCE_DATE``. The same seed on the
same day gives the same meetings (row ids aside): one ``random.Random``, children in id
order, reviews due on distinct days. The size is fixed whatever the city's: at most
COHORT_SIZE children are read, and the rest only touches meeting rows.
"""

from __future__ import annotations

from mace.demo.meetings.child import ChildMeetings
from mace.demo.meetings.child_texts import (
    ACTIONS,
    CONNECTIVITY,
    CONTRIBUTIONS,
    DEFER_REASON,
    FINDINGS,
    RECOMMENDATION_ACTION,
    RISK_ANALYSIS,
    STATUTORY_RECOMMENDATIONS,
)
from mace.demo.meetings.cohort import ChildState, Seat, _cohort
from mace.demo.meetings.context_texts import (
    CONTEXTS,
    GOLD_FINDINGS,
    SILVER_FINDINGS,
    STRATEGIC_ACTIONS,
)
from mace.demo.meetings.contextual import ContextualMeetings
from mace.demo.meetings.ensure import MeetingMaker, demo_meetings_ensure
from mace.demo.meetings.maker import MeetingBase
from mace.demo.meetings.series import (
    AHEAD_DAYS,
    CHILD_SEATS,
    CIVIC_HALL,
    COHORT_SIZE,
    CONTEXT_SEATS,
    DAY,
    LEVELS,
    LINK_BASE,
    MERRION_HOUSE,
    REVIEWS_PER_MEETING,
    SERIES,
    SeriesSpec,
)
from mace.demo.meetings.strategic import StrategicMeetings

__all__ = [
    "ACTIONS",
    "AHEAD_DAYS",
    "CHILD_SEATS",
    "CIVIC_HALL",
    "COHORT_SIZE",
    "CONNECTIVITY",
    "CONTEXTS",
    "CONTEXT_SEATS",
    "CONTRIBUTIONS",
    "ChildMeetings",
    "ChildState",
    "ContextualMeetings",
    "DAY",
    "DEFER_REASON",
    "FINDINGS",
    "GOLD_FINDINGS",
    "LEVELS",
    "LINK_BASE",
    "MERRION_HOUSE",
    "MeetingBase",
    "MeetingMaker",
    "RECOMMENDATION_ACTION",
    "REVIEWS_PER_MEETING",
    "RISK_ANALYSIS",
    "SERIES",
    "SILVER_FINDINGS",
    "STATUTORY_RECOMMENDATIONS",
    "STRATEGIC_ACTIONS",
    "Seat",
    "SeriesSpec",
    "StrategicMeetings",
    "_cohort",
    "demo_meetings_ensure",
]
