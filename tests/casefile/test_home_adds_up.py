"""What a member sees adds up (issue 11.6): the home page's count equals "Your tasks", a
child is listed once, and a meeting held today is under "Held", not "Coming up"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Action, Kind, Meeting
from mace.meetings.selectors.agenda import past_meetings, upcoming_meetings
from mace.meetings.services import recording
from mace.people.models import ChildAccess
from mace.risk.models import VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _meeting(day: dt.date, **fields) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
        **fields,
    )


@pytest.fixture
def member_world(make_user):
    """Jordan owns two MACE actions and a VRMP action for Kai, leads Kai's plan (overdue for
    review), and is invited to discuss Kai and Ruby."""
    coordinator = make_user(Role.COORDINATOR)
    member = make_user(Role.MEMBER, full_name="Jordan Campbell")
    kai = ChildFactory(given_name="Kai", family_name="Osei")
    ruby = ChildFactory(given_name="Ruby", family_name="Whitaker")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=14))
    for description in ("Visit the family", "Speak to the school"):
        Action.objects.create(
            meeting=earlier,
            child=kai,
            description=description,
            owner_agency=member.agency,
            owner=member,
            due_date=today + dt.timedelta(days=5),
        )
    plan = vrmp_create(
        actor=coordinator,
        child=kai,
        vulnerabilities="Exclusion from school",
        next_review_date=today - dt.timedelta(days=1),
        lead_professional=member,
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=member.agency,
        owner=member,
        due_date=today + dt.timedelta(days=7),
    )
    for child in (kai, kai, ruby):  # Kai through two grants: an invitation and an action
        ChildAccess.objects.create(
            user=member,
            child=child,
            basis=ChildAccess.Basis.INVITATION,
            expires_at=clock.now() + dt.timedelta(days=20),
        )
    return {"member": member, "coordinator": coordinator, "kai": kai, "ruby": ruby}


def test_the_home_pages_count_equals_the_rows_of_your_tasks(member_world, signed_in):
    client = signed_in(member_world["member"])
    home = client.get(reverse("web:home")).context
    tasks = client.get(reverse("tasks:list")).context
    rows = sum(len(section.rows) for section in tasks["sections"])
    assert rows == 4  # two MACE actions, one VRMP action, one plan overdue for review
    assert home["task_count"] == rows
    assert "4 to do" in client.get(reverse("web:home")).content.decode()


def test_a_child_is_listed_once_whatever_the_grants(member_world, signed_in):
    home = signed_in(member_world["member"]).get(reverse("web:home")).context
    children = [grant.child_id for grant in home["grants"]]
    assert sorted(children) == sorted([member_world["kai"].pk, member_world["ruby"].pk])


def test_a_meeting_held_today_is_under_held_not_coming_up(member_world):
    coordinator = member_world["coordinator"]
    today_meeting = _meeting(clock.today())
    tomorrow = _meeting(clock.today() + dt.timedelta(days=1))
    cancelled = _meeting(clock.today() + dt.timedelta(days=2), status=Meeting.Status.CANCELLED)
    assert set(upcoming_meetings(user=coordinator)) == {today_meeting, tomorrow}
    recording.meeting_close(actor=coordinator, meeting=today_meeting)
    assert list(upcoming_meetings(user=coordinator)) == [tomorrow]
    assert today_meeting in past_meetings(user=coordinator)
    assert cancelled not in upcoming_meetings(user=coordinator)
