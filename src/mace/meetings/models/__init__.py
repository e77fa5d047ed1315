from mace.meetings.models.meeting import (
    AgendaItem,
    Attendance,
    Invitation,
    InvitationGrant,
    Meeting,
    local_datetime,
)
from mace.meetings.models.record import (
    Action,
    Addendum,
    Contribution,
    Discussion,
    Finding,
    Minutes,
    MinutesEntry,
    Outcome,
    ScheduledRun,
)
from mace.meetings.models.series import Kind, MeetingSeries, SeriesMember

__all__ = [
    "Action",
    "Addendum",
    "AgendaItem",
    "Attendance",
    "Contribution",
    "Discussion",
    "Finding",
    "Invitation",
    "InvitationGrant",
    "Kind",
    "Meeting",
    "MeetingSeries",
    "Minutes",
    "MinutesEntry",
    "Outcome",
    "ScheduledRun",
    "SeriesMember",
    "local_datetime",
]
