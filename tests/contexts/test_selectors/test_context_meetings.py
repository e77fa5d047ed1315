"""The contextual meetings that discussed a context: outcomes, levels, reviews and actions,
newest meeting first, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.contexts.selectors.meetings import context_meetings
from mace.meetings.models import Kind
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, discussion_save
from tests.factories import AgencyFactory, analyst, context_made, meeting_on, next_wednesday

pytestmark = pytest.mark.django_db


def discussed(coordinator, context, day, *, outcome="continue", level="high", actions=()):
    meeting = meeting_on(day, kind=Kind.CONTEXT)
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=context)
    discussion_save(
        actor=coordinator,
        item=item,
        outcome=outcome,
        risk_level=level,
        next_review_date=day + dt.timedelta(days=28),
        risk_analysis=f"Analysis of {day}",
    )
    for description in actions:
        action_add(
            actor=coordinator,
            meeting=meeting,
            item=item,
            description=description,
            owner_agency=AgencyFactory(name=f"Agency for {description}"),
            due_date=day + dt.timedelta(days=14),
        )
    return meeting, item


def test_both_meetings_show_their_outcomes_and_actions_newest_first(make_user):
    coordinator = make_user(Role.COORDINATOR)
    place = context_made(name="Chicken Shack, Harehills Road")
    first_day = next_wednesday()
    first, _ = discussed(coordinator, place, first_day, level="high", actions=["Licensing visit"])
    second, _ = discussed(
        coordinator,
        place,
        first_day + dt.timedelta(days=28),
        outcome="step_down",
        level="medium",
        actions=["Patrols on Friday nights", "Speak to the owner"],
    )
    other = context_made(name="Armley Park")
    discussed(coordinator, other, first_day, actions=["Not ours"])

    rows = context_meetings(user=analyst(), context=place)

    assert [row.meeting for row in rows] == [second, first]
    assert [(r.discussion.outcome, r.discussion.risk_level) for r in rows] == [
        ("step_down", "medium"),
        ("continue", "high"),
    ]
    assert rows[0].discussion.next_review_date == second.date + dt.timedelta(days=28)
    assert [[a.description for a in r.actions] for r in rows] == [
        ["Patrols on Friday nights", "Speak to the owner"],
        ["Licensing visit"],
    ]
    assert rows[1].actions[0].owner_agency.name == "Agency for Licensing visit"


def test_an_item_not_yet_discussed_has_no_discussion_and_a_removed_one_is_left_out(make_user):
    from mace.meetings.services.agenda import item_remove

    coordinator = make_user(Role.COORDINATOR)
    place = context_made()
    day = next_wednesday()
    meeting = meeting_on(day, kind=Kind.CONTEXT)
    item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    later = meeting_on(day + dt.timedelta(days=7), kind=Kind.CONTEXT)
    removed = item_add(actor=coordinator, meeting=later, subject="place", subject_object=place)
    item_remove(actor=coordinator, item=removed, reason="Added in error")

    [row] = context_meetings(user=analyst(), context=place)
    assert row.meeting == meeting and row.discussion is None and row.actions == []


def test_the_query_count_does_not_grow_with_meetings(make_user, django_assert_num_queries):
    coordinator = make_user(Role.COORDINATOR)
    place = context_made()
    user = analyst()
    day = next_wednesday()
    discussed(coordinator, place, day, actions=["One"])
    context_meetings(user=user, context=place)  # content types cached
    with django_assert_num_queries(2):
        context_meetings(user=user, context=place)
    for week in range(1, 5):
        discussed(coordinator, place, day + dt.timedelta(days=7 * week), actions=["A", "B"])
    with django_assert_num_queries(2):
        assert len(context_meetings(user=user, context=place)) == 5
