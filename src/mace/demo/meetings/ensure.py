"""``demo_meetings_ensure``: the demo's meetings, set up once."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from mace.accounts.models import Role
from mace.core import clock, mail
from mace.core.db import statistics_refresh
from mace.demo.city import agencies_ensure
from mace.demo.meetings.child import ChildMeetings
from mace.demo.meetings.cohort import Seat, _cohort
from mace.demo.meetings.context_texts import GOLD_FINDINGS, SILVER_FINDINGS
from mace.demo.meetings.contextual import ContextualMeetings
from mace.demo.meetings.maker import MeetingBase
from mace.demo.meetings.strategic import StrategicMeetings
from mace.demo.network import NetworkMaker
from mace.demo.users import (
    demo_email,
    demo_users_create,
    meeting_people_ensure,
    practitioner_user,
    strategic_people_ensure,
)
from mace.meetings.models import Action, Kind, MeetingSeries
from mace.people.models import Child


class MeetingMaker(ChildMeetings, ContextualMeetings, StrategicMeetings, MeetingBase):
    """Makes the demo's two years of meetings (see the package's notes)."""


def demo_meetings_ensure(*, seed: int, password: str) -> dict[str, int]:
    """Set up the demo's meetings once (see the package's notes): nothing if any meeting
    series exists or the city has no children. Makes the demo users (with ``password``) if
    missing: the meetings need their chair, coordinator and members. Returns counts."""
    if MeetingSeries.objects.exists() or not Child.objects.exists():
        return {}
    today = clock.today()
    # The invitations would email their invitees when the transaction commits: they went
    # out long ago in the demo world, so they are withheld (not printed to the console).
    with mail.withheld(), transaction.atomic():
        users = {user.role: user for user in demo_users_create(password=password)}
        agencies = agencies_ensure()
        seats = {
            kind: Seat(agency=agencies[kind], representative=rep, deputy=dep)
            for kind, (rep, dep) in meeting_people_ensure(password=password).items()
        }
        strategic = {
            kind: [
                Seat(agency=agencies[agency_kind], representative=person, deputy=None)
                for agency_kind, person in people
            ]
            for kind, people in strategic_people_ensure(password=password).items()
        }
        maker = MeetingMaker(
            rng=random.Random(f"{seed}/meetings"),
            today=today,
            users=users,
            seats=seats,
            strategic=strategic,
            practitioner=practitioner_user(),
            cohort=_cohort(),
        )
        made = maker.series()
        maker.child_meetings(made[Kind.CHILD])
        statistics_refresh()
        network = NetworkMaker(
            rng=random.Random(f"{seed}/network"),
            today=today,
            analyst=users[Role.ANALYST],
            coordinator=users[Role.COORDINATOR],
            agencies=agencies,
            # The analyst opened the records a few weeks before the first meetings recorded.
            opened_on=made[Kind.CONTEXT][0].date - dt.timedelta(days=26),
        )
        maker.contexts = network.build()
        statistics_refresh()
        maker.context_themes = network.themes_of
        maker.context_meetings(made[Kind.CONTEXT])
        maker.strategic_meetings(made[Kind.SILVER], SILVER_FINDINGS)
        maker.strategic_meetings(made[Kind.GOLD], GOLD_FINDINGS)
        maker.completions_save()
        counts = maker.counts
        counts.update({f"network_{k}": v for k, v in network.counts.items()})
        open_actions = Action.objects.filter(status=Action.Status.OPEN)
        counts["actions_open"] = open_actions.count()
        counts["actions_overdue"] = open_actions.filter(due_date__lt=today).count()
        counts["member_actions"] = open_actions.filter(owner__email=demo_email(Role.MEMBER)).count()
    return dict(counts)
