"""The live meeting screen gives the chair the child's picture before the empty boxes
(issue 11.2): risk level and trend, the VRMP and its last review, missing episodes in the
last 90 days, statutory processes, the last MACE outcome and the open actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Action, Kind, Meeting, Outcome
from mace.meetings.selectors.papers import item_picture, last_outcome
from mace.meetings.services import agenda, recording
from mace.risk.models import MissingEpisode, VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _meeting(day: dt.date) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )


@pytest.fixture
def live(make_user):
    """Amara was discussed a fortnight ago (continue at MACE, risk high, an action for the
    police); she has a VRMP with an open action and went missing ten days ago. Today's
    meeting has her on its agenda."""
    coordinator = make_user(Role.COORDINATOR)
    police = make_user(Role.MEMBER, full_name="Jordan Campbell")
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=14))
    item = agenda.item_add(actor=coordinator, meeting=earlier, child=amara)
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_analysis="Seen with older males near the bus station",
        risk_level="high",
        outcome=Outcome.CONTINUE,
        next_review_date=today,
    )
    Action.objects.create(
        meeting=earlier,
        item=item,
        child=amara,
        description="Disruption visit to the flat on Roundhay Road",
        owner_agency=police.agency,
        owner=police,
        due_date=today + dt.timedelta(days=3),
    )
    recording.meeting_close(actor=coordinator, meeting=earlier)
    plan = vrmp_create(
        actor=coordinator,
        child=amara,
        vulnerabilities="Exclusion from school",
        next_review_date=today + dt.timedelta(weeks=12),
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=police.agency,
        due_date=today + dt.timedelta(days=7),
    )
    MissingEpisode.objects.create(
        child=amara, kind="missing", started_at=clock.now() - dt.timedelta(days=10)
    )
    meeting = _meeting(today)
    current = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    return {"coordinator": coordinator, "meeting": meeting, "item": current, "amara": amara}


def test_the_picture_holds_the_record_the_last_outcome_and_the_open_actions(live):
    picture = item_picture(meeting=live["meeting"], item=live["item"])
    assert picture.summary["plan"] is not None
    assert picture.summary["missing_recent"] == 1
    assert [a.description for a in picture.actions] == [
        "Disruption visit to the flat on Roundhay Road",
        "Weekly mentoring sessions",
    ]
    outcome = picture.last_outcome
    assert (outcome.outcome, outcome.risk_level) == (Outcome.CONTINUE.label, "High")
    assert outcome.date == live["meeting"].date - dt.timedelta(days=14)


def test_the_last_outcome_is_of_a_meeting_held_before_this_one(live):
    # Today's own discussion is not "the last outcome", nor is a meeting not yet held.
    recording.discussion_save(
        actor=live["coordinator"], item=live["item"], outcome=Outcome.CLOSE, risk_level="low"
    )
    before = last_outcome(child_id=live["amara"].pk, before=live["meeting"].date)
    assert before.outcome == Outcome.CONTINUE.label
    assert last_outcome(child_id=live["amara"].pk, before=before.date) is None


def test_the_live_screen_shows_the_picture_before_the_boxes(live, signed_in):
    url = reverse("meetings:run_item", args=[live["meeting"].pk, live["item"].pk])
    page = signed_in(live["coordinator"]).get(url).content.decode()
    picture_at = page.index("Amara Okonkwo’s picture")
    assert picture_at < page.index('name="risk_analysis"')
    for shown in (
        "Disruption visit to the flat on Roundhay Road",
        "Weekly mentoring sessions",
        "1 in the last 90 days",
        "Continue at MACE",
        "risk agreed high",
        "Active",
    ):
        assert shown in page[picture_at:], shown


def test_the_live_screen_reads_a_fixed_number_of_queries_whatever_the_history(live, signed_in):
    client = signed_in(live["coordinator"])
    url = reverse("meetings:run_item", args=[live["meeting"].pk, live["item"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for days in range(20, 200, 20):
        MissingEpisode.objects.create(
            child=live["amara"], kind="missing", started_at=clock.now() - dt.timedelta(days=days)
        )
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)
