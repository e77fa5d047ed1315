"""The agenda pack and the agenda page read what they show in a fixed number of queries,
whatever the number of children on the agenda and however much is recorded about each
(docs/adr/0024-speed-at-100k.md): the children's summaries, last MACE outcomes and open
actions are read for the whole pack at once."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Action, Outcome
from mace.meetings.selectors.papers import last_outcome, last_outcomes, papers_for_user
from mace.meetings.services import agenda
from mace.referrals.models import Referral
from mace.risk.models import (
    Assessment,
    Catalogue,
    MissingEpisode,
    StatutoryProcess,
    VrmpAction,
    VrmpReview,
)
from mace.risk.selectors.assessments import child_risk_level, child_risk_levels
from mace.risk.selectors.summary import child_record_summaries, child_record_summary
from mace.risk.selectors.vrmp import mace_criteria, mace_criteria_many
from mace.risk.services.vrmp import vrmp_create, vrmp_review
from tests.factories import ChildFactory, held_meeting, meeting_on, submitted_referral

pytestmark = pytest.mark.django_db


def _assess(child, user, level: str, days_ago: int) -> Assessment:
    return Assessment.objects.create(
        child=child,
        catalogue=Catalogue.objects.get(is_active=True),
        assessor=user,
        assessed_on=clock.today() - dt.timedelta(days=days_ago),
        status=Assessment.Status.COMPLETED,
        proposed_level=level,
        final_level=level,
        completed_at=clock.now() - dt.timedelta(days=days_ago),
    )


def _recorded(child, user, *, level: str = "high", effect: str = VrmpReview.Effect.NO):
    """A child with much on record: two assessments (medium, then ``level``), a VRMP with a
    review and an open action, two missing episodes (one now), an open statutory process."""
    today = clock.today()
    _assess(child, user, "medium", 120)
    _assess(child, user, level, 10)
    plan = vrmp_create(
        actor=user,
        child=child,
        vulnerabilities="Exclusion from school",
        next_review_date=today + dt.timedelta(weeks=12),
    ).vrmp
    vrmp_review(
        actor=user,
        vrmp=plan,
        reviewed_on=today - dt.timedelta(days=3),
        effect=effect,
        next_review_date=today + dt.timedelta(days=30),
    )
    VrmpAction.objects.create(
        vrmp=plan,
        description=f"Mentoring for {child.given_name}",
        owner_agency=user.agency,
        due_date=today + dt.timedelta(days=7),
    )
    MissingEpisode.objects.create(
        child=child,
        kind="missing",
        started_at=clock.now() - dt.timedelta(days=200),
        ended_at=clock.now() - dt.timedelta(days=199),
    )
    MissingEpisode.objects.create(
        child=child, kind="missing", started_at=clock.now() - dt.timedelta(days=2)
    )
    StatutoryProcess.objects.create(
        child=child,
        kind=StatutoryProcess.Kind.CHILD_PROTECTION,
        started_on=today - dt.timedelta(50),
    )
    return plan


@pytest.fixture
def world(make_user):
    """Six children with full records, discussed at a meeting held a month ago (an action
    each), and next week's meeting with room for them all."""
    coordinator = make_user(Role.COORDINATOR)
    children = [ChildFactory() for _ in range(6)]
    for child in children:
        _recorded(child, coordinator)
    earlier = held_meeting(
        clock.today() - dt.timedelta(days=30),
        actor=coordinator,
        children=[(child, {"risk_level": "high"}) for child in children],
    )
    for child in children:
        Action.objects.create(
            meeting=earlier,
            child=child,
            description=f"Visit {child.given_name}",
            owner_agency=coordinator.agency,
            due_date=clock.today() + dt.timedelta(days=3),
        )
    meeting = meeting_on(clock.today() + dt.timedelta(days=7), capacity=10)
    return SimpleNamespace(coordinator=coordinator, children=children, meeting=meeting)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _on_the_agenda(world, children):
    for child in children:
        agenda.item_add(actor=world.coordinator, meeting=world.meeting, child=child)


def test_the_pack_takes_the_same_queries_for_two_children_as_for_six(world):
    def read():
        pack = papers_for_user(user=world.coordinator, meeting=world.meeting)
        for p in pack.child_items:
            assert p.summary["plan_review"] is not None
            assert p.summary["open_processes"]
            assert p.last_outcome is not None
            assert len(p.actions) == 2  # the VRMP's and the meeting's

    _on_the_agenda(world, world.children[:2])
    two = _count(read)
    _on_the_agenda(world, world.children[2:])
    assert len(papers_for_user(user=world.coordinator, meeting=world.meeting).items) == 6
    assert _count(read) == two


def test_the_pack_page_takes_the_same_queries_for_two_children_as_for_six(world, signed_in):
    client = signed_in(world.coordinator)
    url = reverse("meetings:papers", args=[world.meeting.pk])

    def get():
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    _on_the_agenda(world, world.children[:2])
    two = _count(get)
    _on_the_agenda(world, world.children[2:])
    html = get()
    assert html.count('data-testid="child-summary"') == 6
    assert html.count("Missing now") == 6
    assert _count(get) == two


def test_the_agenda_page_takes_the_same_queries_however_long_its_lists(world, signed_in):
    """The agenda, and below it what waits for a place (referrals, reviews due), the
    overdue actions and the items taken off: two of each, then six."""
    client = signed_in(world.coordinator)
    url = reverse("meetings:detail", args=[world.meeting.pk])
    on_agenda, waiting = world.children[:3], world.children[3:]

    def grow(children):
        for child in children:
            agenda.item_add(actor=world.coordinator, meeting=world.meeting, child=child)
            removed = agenda.item_add(
                actor=world.coordinator, meeting=world.meeting, child=ChildFactory()
            )
            agenda.item_remove(actor=world.coordinator, item=removed, reason="Closed to MACE")
            submitted_referral(
                status=Referral.Status.ACCEPTED, child=ChildFactory(), decided_at=clock.now()
            )
            Action.objects.create(
                meeting=removed.meeting,
                child=child,
                description="Overdue visit",
                owner_agency=world.coordinator.agency,
                due_date=clock.today() - dt.timedelta(days=1),
            )

    def get():
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    # The children discussed a month ago and not on this agenda are reviews due.
    grow(on_agenda[:1])
    page = get()
    assert page.count('data-testid="agenda-item"') == 1
    assert all(escape(child.full_name) in page for child in waiting)
    few = _count(get)
    grow(on_agenda[1:])
    page = get()
    assert page.count('data-testid="agenda-item"') == 3
    assert page.count("Overdue visit") == 3
    assert page.count("Closed to MACE") == 3
    assert _count(get) == few


def test_the_summaries_of_many_children_are_each_childs_own(world, make_user):
    user = world.coordinator
    full, bare = world.children[0], ChildFactory()
    low = ChildFactory()
    _recorded(low, user, level="low", effect=VrmpReview.Effect.YES)
    summaries = child_record_summaries(children=[full, bare, low, full])
    assert list(summaries) == [full.pk, bare.pk, low.pk]

    s = summaries[full.pk]
    assert (s["risk"].level, s["risk"].trend) == ("high", "rising")
    assert s["criteria"].met and "not having the desired effect" in s["criteria"].reason
    assert s["plan"] == full.vrmps.get()
    assert s["plan_review"].effect == VrmpReview.Effect.NO
    assert s["plan_next_review"] == clock.today() + dt.timedelta(days=30)
    assert (s["missing_total"], s["missing_recent"], s["missing_now"]) == (2, 1, True)
    assert [p.kind for p in s["open_processes"]] == [StatutoryProcess.Kind.CHILD_PROTECTION]
    assert s["high_without_statutory"] is False

    s = summaries[bare.pk]
    assert (s["risk"].level, s["risk"].label) == (None, "Not assessed")
    assert s["criteria"].reason == "No completed risk assessment"
    assert s["plan"] is None and s["plan_review"] is None and s["plan_next_review"] is None
    assert (s["missing_total"], s["missing_recent"], s["missing_now"]) == (0, 0, False)
    assert s["open_processes"] == []

    s = summaries[low.pk]
    assert (s["risk"].level, s["risk"].trend) == ("low", "falling")
    assert s["criteria"].met and s["criteria"].reason.startswith("Low")

    for child in (full, bare, low):
        assert child_record_summary(child=child) == summaries[child.pk]
    assert child_record_summaries(children=[]) == {}


def test_the_summaries_take_the_same_queries_for_one_child_as_for_many(world):
    one = _count(lambda: child_record_summaries(children=world.children[:1]))
    assert _count(lambda: child_record_summaries(children=world.children)) == one


def test_high_risk_is_met_only_when_the_plans_latest_review_found_it_not_working(world):
    not_working, working = world.children[0], ChildFactory()
    _recorded(working, world.coordinator, effect=VrmpReview.Effect.YES)
    criteria = mace_criteria_many(child_ids=[not_working.pk, working.pk])
    assert criteria[not_working.pk].met is True
    assert criteria[working.pk].met is False
    assert criteria[working.pk] == mace_criteria(child=working)
    levels = child_risk_levels(child_ids=[not_working.pk, working.pk])
    assert levels[working.pk] == child_risk_level(child=working)


def test_the_last_outcomes_are_each_childs_latest_discussion(world):
    again, once, never = world.children[0], world.children[1], ChildFactory()
    held_meeting(
        clock.today() - dt.timedelta(days=16),
        actor=world.coordinator,
        children=[(again, {"outcome": Outcome.CLOSE, "risk_level": "low"})],
    )
    before = world.meeting.date
    outcomes = last_outcomes(child_ids=[again.pk, once.pk, never.pk], before=before)
    assert set(outcomes) == {again.pk, once.pk}
    assert (outcomes[again.pk].outcome, outcomes[again.pk].risk_level) == (
        Outcome.CLOSE.label,
        "Low / emerging",
    )
    assert outcomes[once.pk].outcome == Outcome.CONTINUE.label
    for child in (again, once):
        assert last_outcome(child_id=child.pk, before=before) == outcomes[child.pk]
    assert last_outcome(child_id=never.pk, before=before) is None
