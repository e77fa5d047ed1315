"""The demo's meetings: two years of MACE meetings held, with minutes and actions, and the next
meetings prepared, so the demo shows the whole cycle."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from mace.accounts.models import Role, User
from mace.demo.meetings import SERIES, demo_meetings_ensure
from mace.demo.risk import SEED_USER_EMAIL
from mace.demo.users import (
    MEETING_SEATS,
    PRACTITIONER,
    demo_email,
    meeting_email,
)
from mace.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Discussion,
    Finding,
    Invitation,
    Kind,
    Meeting,
    MeetingSeries,
    Minutes,
    Outcome,
)
from mace.meetings.selectors.actions import actions_for_owner, actions_overdue
from mace.meetings.selectors.agenda import items_visible_to, upcoming_meetings
from mace.people.grants import owns_open_action
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from tests.factories.demo import DEMO_SEED_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]

PASSWORD = DEMO_SEED_PASSWORD


def _child_meetings():
    return Meeting.objects.filter(kind=Kind.CHILD).order_by("date")


class TestTheSeededDemo:
    """One seeded city, read by each test."""

    def test_the_four_series_meet_as_the_framework_says(self, seeded):
        series = {s.kind: s for s in MeetingSeries.objects.select_related("chair")}
        assert {kind: s.rrule for kind, s in series.items()} == {
            Kind.CHILD: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
            Kind.CONTEXT: "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
            Kind.SILVER: "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
            Kind.GOLD: "FREQ=MONTHLY;INTERVAL=6;BYDAY=1TH",
        }
        assert len(SERIES) == 4
        child = series[Kind.CHILD]
        assert child.name == "Child-focused MACE"
        assert (child.start_time, child.duration_minutes) == (dt.time(10), 180)
        assert (child.capacity, child.slot_minutes) == (8, 20)
        assert "Merrion House" in child.location
        assert child.online_link == "https://meet.demo.example/mace-child"
        assert child.chair.email == demo_email(Role.CHAIR)
        assert series[Kind.CONTEXT].chair.email == demo_email(Role.CHAIR)

        seats = {m.agency.kind: m for m in child.members.select_related("agency")}
        assert set(seats) == {
            "police",
            "childrens_social_work",
            "health",
            "education",
            "youth_justice",
            "third_sector",
        }
        assert seats["police"].representative.email == demo_email(Role.MEMBER)
        for seat in seats.values():
            assert seat.representative.agency_id == seat.agency_id
            assert seat.deputy.agency_id == seat.agency_id
            assert seat.deputy.role == Role.MEMBER

        today = timezone.localdate()
        monthly = {spec.kind: spec.monthly for spec in SERIES}
        for s in series.values():
            dates = list(s.meetings.values_list("date", flat=True))
            # Two years back (the dashboards' eight quarters), and no further; Silver and
            # Gold from the first of the next month, by their rules (every two and six months).
            latest_first = 580 if monthly[s.kind] else 700
            assert (
                today - dt.timedelta(days=731)
                <= min(dates)
                <= today - dt.timedelta(days=latest_first)
            )
            assert max(dates) <= today + dt.timedelta(days=92)
            assert any(d >= today for d in dates) or s.kind == Kind.GOLD

    def test_two_years_of_child_focused_meetings_were_held(self, seeded):
        today = timezone.localdate()
        past = list(_child_meetings().filter(date__lt=today))
        assert 50 <= len(past) <= 53
        assert all(m.status == Meeting.Status.HELD for m in past)

        # Several children a meeting, the same children coming back for review.
        items = AgendaItem.objects.filter(meeting__in=past, status=AgendaItem.Status.LISTED)
        per_meeting = Counter(items.values_list("meeting_id", flat=True))
        assert all(3 <= n <= 8 for n in per_meeting.values()), per_meeting
        assert len(per_meeting) == len(past)
        per_child = Counter(items.values_list("child_id", flat=True))
        assert max(per_child.values()) >= 3
        assert items.filter(source=AgendaItem.Source.REVIEW).count() > len(past)

        # Each child discussed fully: the meeting could not have closed otherwise.
        discussions = Discussion.objects.filter(item__in=items).select_related("item")
        assert discussions.count() == items.count()
        outcomes = Counter(d.outcome for d in discussions)
        assert outcomes[Outcome.CONTINUE] > outcomes[Outcome.STEP_DOWN] > 0
        assert outcomes[Outcome.CLOSE] + outcomes[Outcome.RECOMMEND_STATUTORY] > 0
        for d in discussions:
            assert d.risk_level and d.risk_analysis and d.push_factors and d.connectivity
            if d.outcome == Outcome.CONTINUE:
                assert d.next_review_date > d.item.meeting.date
            if d.outcome == Outcome.RECOMMEND_STATUTORY:
                assert d.statutory_recommendation
            assert 3 <= d.contributions.count() <= 5

        # Who came, per agency: mostly present, some apologies or a deputy.
        attendance = Attendance.objects.filter(meeting__in=past)
        assert attendance.count() == 6 * len(past)
        statuses = Counter(attendance.values_list("status", flat=True))
        assert statuses[Attendance.Status.PRESENT] > 0.7 * attendance.count()
        assert statuses[Attendance.Status.DEPUTY] + statuses[Attendance.Status.APOLOGIES] > 0

        findings = Finding.objects.filter(meeting__in=past)
        assert findings.count() >= len(past)
        assert findings.filter(kind=Finding.Kind.PERPETRATOR).exists()
        assert findings.filter(description__contains="Harehills Road").exists()

    def test_minutes_are_approved_by_the_chair_and_dated_in_the_past(self, seeded):
        now = timezone.now()
        held = Meeting.objects.filter(status=Meeting.Status.HELD)
        approved = Minutes.objects.filter(meeting__in=held, status=Minutes.Status.APPROVED)
        # Only a meeting held in the last week may still wait for its minutes.
        assert approved.count() >= held.count() - 2
        chair = User.objects.get(email=demo_email(Role.CHAIR))
        for minutes in approved.filter(meeting__kind=Kind.CHILD).select_related("meeting"):
            assert minutes.approved_by == chair
            assert minutes.meeting.ends_at < minutes.created_at < minutes.approved_at <= now
            assert minutes.entries.count() == minutes.meeting.items.filter(status="listed").count()
            assert "ATTENDANCE" in minutes.text
        for minutes in approved.filter(meeting__kind__in=[Kind.SILVER, Kind.GOLD]):
            assert minutes.approved_by == minutes.meeting.chair

        # Records are dated when they happened in the demo world, with their history rows.
        for discussion in Discussion.objects.filter(item__meeting__in=held).select_related(
            "item__meeting"
        )[:40]:
            meeting = discussion.item.meeting
            assert meeting.starts_at <= discussion.created_at <= meeting.ends_at
            assert {h.history_date for h in discussion.history.all()} == {discussion.created_at}

    def test_actions_have_owners_and_some_are_overdue(self, seeded):
        today = timezone.localdate()
        actions = Action.objects.filter(meeting__status=Meeting.Status.HELD)
        assert actions.count() > 100
        done = actions.filter(status=Action.Status.DONE)
        assert done.count() > actions.count() / 2
        for action in done[:50]:
            assert action.completion_note
            assert action.meeting.ends_at < action.completed_at < timezone.now()
        overdue = actions_overdue()
        assert 1 <= overdue.count() < actions.count() / 5
        assert actions.filter(status=Action.Status.OPEN, due_date__gte=today).exists()
        assert actions.filter(owner__isnull=True).exists()
        for action in actions.exclude(owner=None).select_related("owner")[:100]:
            assert action.owner.agency_id == action.owner_agency_id

        # The demo member (police) owns some, open ones among them; they open the child.
        member = User.objects.get(email=demo_email(Role.MEMBER))
        mine = actions_for_owner(user=member)
        assert mine.exists()
        visible = set(children_visible_to(member).values_list("pk", flat=True))
        assert {a.child_id for a in mine if a.child_id} <= visible
        # Owners see a child through their actions only while one is open.
        owners = actions.exclude(owner=None).values("owner_id")
        grants = ChildAccess.objects.active().filter(basis="action", user__in=owners)
        assert grants.count() >= mine.values("child_id").distinct().count()
        for grant in grants:
            assert owns_open_action(grant.user_id, grant.child_id)
        assert ChildAccess.objects.filter(
            basis=ChildAccess.Basis.ACTION, user__in=owners, revoked_at__isnull=False
        ).exists()

    def test_contextual_mace_discusses_places_and_peer_groups(self, seeded):
        held = Meeting.objects.filter(kind=Kind.CONTEXT, status=Meeting.Status.HELD)
        assert held.count() >= 11
        items = AgendaItem.objects.filter(meeting__in=held)
        assert set(items.values_list("subject", flat=True)) >= {"place", "peer_group"}
        assert not items.filter(child__isnull=False).exists()
        assert all(item.title for item in items)
        assert Discussion.objects.filter(item__in=items).count() == items.count()
        assert Discussion.objects.filter(item__in=items, outcome=Outcome.CLOSE).exists()
        assert Finding.objects.filter(meeting__in=held).count() >= held.count()

    def test_the_next_two_meetings_have_agendas_and_invitations(self, seeded):
        today = timezone.localdate()
        first, second = _child_meetings().filter(date__gte=today)[:2]
        assert first.status == second.status == Meeting.Status.SCHEDULED
        listed = first.items.filter(status=AgendaItem.Status.LISTED)
        sources = Counter(listed.values_list("source", flat=True))
        assert sources[AgendaItem.Source.REVIEW] >= 2  # agenda_fill placed the due reviews
        assert sources[AgendaItem.Source.ADDED] >= 1
        assert listed.filter(for_information=True).count() == 1
        taking_room = listed.filter(for_information=False).count()
        assert taking_room < first.capacity  # room for a referral accepted in the demo
        deferred = first.items.get(status=AgendaItem.Status.DEFERRED)
        assert deferred.deferred_to.meeting == second
        assert second.items.filter(status=AgendaItem.Status.LISTED).count() >= 3
        assert not first.items.filter(discussion__isnull=False).exists()

        practitioner = User.objects.get(email=meeting_email(PRACTITIONER[0], "practitioner"))
        for meeting in (first, second):
            invitations = meeting.invitations.all()
            core = invitations.filter(item=None)
            assert core.count() == 12  # six agencies, a representative and a deputy each
            slot = invitations.get(item__isnull=False)
            assert slot.user == practitioner
            assert slot.capacity == Invitation.Capacity.SOCIAL_WORKER
        assert first.invitations_sent_at is not None
        assert not first.invitations.filter(sent_at=None).exists()
        assert second.invitations_sent_at is None
        assert not second.invitations.exclude(sent_at=None).exists()

        # The sent invitations open the next meeting's children to its members, and one child
        # to the social worker invited to that child's discussion only.
        member = User.objects.get(email=demo_email(Role.MEMBER))
        children = set(listed.values_list("child_id", flat=True))
        assert children <= set(children_visible_to(member).values_list("pk", flat=True))
        assert first in upcoming_meetings(user=member)
        assert len(list(items_visible_to(member, first))) == listed.count()
        slot_child = first.invitations.get(item__isnull=False).item.child_id
        assert set(children_visible_to(practitioner).values_list("pk", flat=True)) == {slot_child}

    def test_the_demo_users_are_made_to_sit_on_the_meetings(self, seeded):
        people = [meeting_email(PRACTITIONER[0], "practitioner")]
        for _, slug, representative, deputy in MEETING_SEATS:
            people += [meeting_email(slug)] if representative else []
            people += [meeting_email(slug, "deputy")] if deputy else []
        for email in [demo_email(role) for role in Role.values] + people:
            assert User.objects.get(email=email).check_password(PASSWORD), email
        # The records were seeded before them: they name the system user, and say so.
        assert SEED_USER_EMAIL in seeded.output

    def test_silver_and_gold_reach_their_own_meetings_and_approve_their_minutes(self, seeded):
        from mace.meetings.selectors.agenda import meetings_visible_to

        for kind in (Kind.SILVER, Kind.GOLD):
            chair = User.objects.get(email=demo_email(kind))
            series = MeetingSeries.objects.get(kind=kind)
            assert series.chair == chair
            seats = list(series.members.select_related("representative"))
            assert chair in [m.representative for m in seats]
            assert {m.representative.role for m in seats} == {kind}
            assert len(seats) == {Kind.SILVER: 6, Kind.GOLD: 4}[kind]
            for person in [m.representative for m in seats]:
                visible = meetings_visible_to(person)
                assert set(series.meetings.values_list("pk", flat=True)) <= set(
                    visible.values_list("pk", flat=True)
                )
                assert not visible.exclude(kind=kind).exists()
            approved = Minutes.objects.filter(
                meeting__series=series, status=Minutes.Status.APPROVED
            )
            assert approved.exists()
            assert set(approved.values_list("approved_by", flat=True)) == {chair.pk}

    def test_invitation_emails_stay_off_the_console(self, seeded):
        # The invitations were sent in the demo world's past: recorded, and their emails
        # withheld (mace.core.mail.withheld), neither printed nor delivered.
        assert Invitation.objects.exclude(sent_at=None).count() >= 13
        assert seeded.emails == 0
        assert "Invitation:" not in seeded.console

    def test_the_seed_reports_the_meetings_once(self, seeded):
        assert "Meetings: 4 series;" in seeded.output
        counts = {
            model: model.objects.count()
            for model in (MeetingSeries, Meeting, AgendaItem, Discussion, Action, Invitation)
        }

        out = io.StringIO()
        call_command("seed", children=10, seed=6, append=True, stdout=out)
        assert demo_meetings_ensure(seed=5, password=PASSWORD) == {}

        assert "Meetings:" not in out.getvalue()
        assert {model: model.objects.count() for model in counts} == counts
