"""What every meeting needs: its series, attendance, contributions, actions, and minutes.

The parts of ``MeetingMaker`` are mixins over this base; see the package's notes for how the
past is recorded."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence

from mace.accounts.models import Agency, Role, User
from mace.core import clock
from mace.demo.meetings.child_texts import FINDINGS
from mace.demo.meetings.cohort import ChildState, Seat, _texts
from mace.demo.meetings.series import AHEAD_DAYS, DAY, LEVELS, SERIES, _first_date
from mace.meetings.models import (
    Action,
    Attendance,
    Contribution,
    Discussion,
    Meeting,
    local_datetime,
)
from mace.meetings.services.minutes import minutes_approve, minutes_draft
from mace.meetings.services.recording import action_add, meeting_close
from mace.meetings.services.series import series_create, series_member_add
from mace.people.grants import action_grant_release
from mace.people.models import Child


class MeetingBase:
    """The state of the demo's two years of meetings, and what every kind of meeting does."""

    def __init__(
        self,
        *,
        rng: random.Random,
        today: dt.date,
        users: dict[str, User],
        seats: dict[str, Seat],
        strategic: dict[str, list[Seat]],
        practitioner: User,
        cohort: Sequence[tuple[Child, str]],
    ):
        self.rng = rng
        self.today = today
        self.now = clock.now()
        self.coordinator = users[Role.COORDINATOR]
        self.users = users
        self.seats = seats
        self.strategic = strategic  # the seats of Silver and Gold, by kind (chair's first)
        self.practitioner = practitioner
        self.counts: Counter = Counter()
        self.pool = [
            ChildState(child=child, rank=LEVELS.index(level), texts=_texts(child))
            for child, level in cohort
        ]
        self.states: dict[object, ChildState] = {}
        self.exited: list[ChildState] = []
        self.load: Counter = Counter()  # reviews booked, by child-focused meeting index
        self.review_days: set[dt.date] = set()
        self.findings = list(FINDINGS)
        self.rng.shuffle(self.findings)
        self.schedule: list[Meeting] = []  # the child-focused meetings, past and coming
        self.preparing: tuple[int, ...] = ()  # indexes in schedule of the next two
        self.completed: list[Action] = []  # actions done since (saved by completions_save)
        self.attendance: list[Attendance] = []  # the meeting's, to write in one go

    # Set-up ------------------------------------------------------------------------------

    def series(self) -> dict[str, list[Meeting]]:
        """The four series with their seats, set up three weeks before their first date,
        and their meetings from then to AHEAD_DAYS from today."""
        made = {}
        until = self.today + dt.timedelta(days=AHEAD_DAYS)
        for spec in SERIES:
            first_date = _first_date(spec, self.today)
            set_up = local_datetime(first_date - dt.timedelta(days=21), dt.time(9, 30))
            with clock.set_to(set_up):
                series = series_create(
                    actor=self.coordinator,
                    name=spec.name,
                    kind=spec.kind,
                    rrule=spec.rrule,
                    first_date=first_date,
                    start_time=spec.start_time,
                    duration_minutes=spec.duration_minutes,
                    location=spec.location,
                    online_link=spec.online_link,
                    chair=self.users[spec.chair_role],
                    slot_minutes=spec.slot_minutes,
                    capacity=spec.capacity,
                    generate_days=(until - set_up.date()).days,
                )
                seats = [self.seats[kind] for kind in spec.seats] or self.strategic[spec.kind]
                for seat in seats:
                    series_member_add(
                        actor=self.coordinator,
                        series=series,
                        agency=seat.agency,
                        representative=seat.representative,
                        deputy=seat.deputy,
                    )
            meetings = list(series.meetings.order_by("date"))
            made[spec.kind] = meetings
            self.counts["series"] += 1
            self.counts["meetings"] += len(meetings)
        return made

    def _attendance(self, meeting: Meeting, kinds: Sequence[str]) -> list[str]:
        """Who came for each seat; returns the agencies there."""
        present = []
        for kind in kinds:
            seat = self.seats[kind]
            r = self.rng.random()
            if r < 0.8:
                status, name = Attendance.Status.PRESENT, seat.representative.full_name
            elif r < 0.9 and seat.deputy is not None:
                status, name = Attendance.Status.DEPUTY, seat.deputy.full_name
            elif r < 0.98:
                status, name = Attendance.Status.APOLOGIES, seat.representative.full_name
            else:
                status, name = Attendance.Status.ABSENT, ""
            self._attend(meeting, seat.agency, status, name)
            if status in (Attendance.Status.PRESENT, Attendance.Status.DEPUTY):
                present.append(kind)
        _rows_write(Attendance, self.attendance, self.coordinator)
        self.attendance = []
        return present

    def _attend(self, meeting: Meeting, agency: Agency, status: str, name: str) -> None:
        """Who came for an agency (as attendance_record would; written with the others)."""
        self.attendance.append(
            Attendance(
                meeting=meeting,
                agency=agency,
                status=status,
                attendee_name=name,
                created_by=self.coordinator,
                modified_by=self.coordinator,
            )
        )

    def _findings(self, count: int) -> list[tuple[str, str]]:
        found = []
        for _ in range(count):
            finding = self.findings.pop(0)
            self.findings.append(finding)
            found.append(finding)
        return found

    def _contribute(self, discussion: Discussion, shared: Sequence[tuple[str, str]]) -> None:
        """What each agency shared (as contribution_save would, one row each; written
        together: the service's audit event per row made seeding several times slower)."""
        rows = [
            Contribution(
                discussion=discussion,
                agency=self.seats[kind].agency,
                information=information,
                created_by=self.coordinator,
                modified_by=self.coordinator,
            )
            for kind, information in shared
        ]
        _rows_write(Contribution, rows, self.coordinator)

    def _action(self, meeting, item, kind, text, note, *, recommendation=False) -> None:
        """An action agreed now, with its owner; done later, or still open (a few overdue)."""
        rng = self.rng
        seat = self.seats[kind]
        r = rng.random()
        owner = seat.representative if r < 0.7 else (seat.deputy if r < 0.85 else None)
        due = meeting.date + dt.timedelta(days=rng.choice((7, 14, 14, 21, 28, 28, 42)))
        action = action_add(
            actor=self.coordinator,
            meeting=meeting,
            item=item,
            description=text,
            owner_agency=seat.agency,
            owner=owner,
            due_date=due,
            is_recommendation=recommendation,
        )
        self.counts["actions"] += 1
        # Done by now? Nearly always once long past due; often once just past; rarely early.
        late = (self.today - due).days
        if late > 56:
            done = rng.random() < 0.97
        elif late > 0:
            done = rng.random() < 0.75
        else:
            done = (self.today - meeting.date).days > 10 and rng.random() < 0.25
        if not done:
            return
        latest = min(self.today - DAY, due + dt.timedelta(days=7))
        earliest = min(meeting.date + dt.timedelta(days=2), latest)
        day = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
        when = local_datetime(day, dt.time(rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
        # As action_complete would, by the owner (or the coordinator), on the day; saved
        # once every meeting is made (completions_save), as the days run past later meetings.
        action.status = Action.Status.DONE
        action.completed_at = action.modified_at = action._history_date = when
        action.completion_note = note
        action.modified_by = action._history_user = owner or self.coordinator
        self.completed.append(action)

    def completions_save(self) -> None:
        """Save the actions done (with a history row each, dated when done), and end the
        owners' action grants on children for whom they have no open action left (as
        action_complete does), when their last one was done."""
        if not self.completed:
            return
        for action in self.completed:  # (bulk_update's CASE per row is slower here)
            Action.objects.filter(pk=action.pk).update(
                status=action.status,
                completed_at=action.completed_at,
                completion_note=action.completion_note,
                modified_at=action.modified_at,
                modified_by=action.modified_by,
            )
        Action.history.bulk_history_create(self.completed, update=True)
        self.counts["actions_done"] += len(self.completed)
        last_done: dict[tuple[object, object], dt.datetime] = {}
        for action in self.completed:
            if action.owner_id and action.child_id:
                key = (action.owner_id, action.child_id)
                last_done[key] = max(last_done.get(key, action.completed_at), action.completed_at)
        children = Child.objects.in_bulk({child_id for _, child_id in last_done})
        for (owner_id, child_id), when in sorted(last_done.items(), key=lambda kv: kv[1]):
            with clock.set_to(when):
                action_grant_release(owner_id=owner_id, child=children[child_id])
        self.completed = []

    def _conclude(self, meeting: Meeting) -> None:
        """Close the meeting at its end, draft the minutes a day or three later, and have the
        chair approve them a few days after that."""
        rng, start = self.rng, meeting.starts_at
        with clock.set_to(start + dt.timedelta(minutes=meeting.duration_minutes - 5)):
            meeting_close(actor=self.coordinator, meeting=meeting)
        drafted = local_datetime(meeting.date + dt.timedelta(days=rng.randint(1, 3)), dt.time(11))
        approved = drafted + dt.timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5))
        self.counts["held"] += 1
        if drafted > self.now:
            return  # held in the last day or two: the minutes are still to be drafted
        with clock.set_to(drafted):
            minutes = minutes_draft(actor=self.coordinator, meeting=meeting)
        if approved > self.now:
            return  # drafted, waiting for the chair
        with clock.set_to(approved):
            minutes_approve(actor=meeting.chair, minutes=minutes)
        self.counts["minutes_approved"] += 1


def _rows_write(model, rows: list, user: User) -> None:
    """Insert rows and a history row each, stamped by the clock (as the demo has set it)."""
    if rows:
        model.objects.bulk_create(rows)
        model.history.bulk_history_create(rows, default_user=user, default_date=clock.now())
