"""A context's chronology page and its meetings on the context's page: who may open them,
the filter by kind, the meetings' outcomes and actions, a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.contexts.services.records import context_note_add
from mace.meetings.models import Kind
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, discussion_save
from tests.factories import (
    AgencyFactory,
    ChildFactory,
    analyst,
    context_made,
    linked,
    meeting_on,
    next_wednesday,
)

pytestmark = pytest.mark.django_db


def _discussed(coordinator, place, day, *, outcome, level, action):
    meeting = meeting_on(day, kind=Kind.CONTEXT, title=f"Contextual MACE {day:%d %B}")
    item = item_add(actor=coordinator, meeting=meeting, subject="place", subject_object=place)
    discussion_save(
        actor=coordinator,
        item=item,
        outcome=outcome,
        risk_level=level,
        next_review_date=day + dt.timedelta(days=28),
    )
    action_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        description=action,
        owner_agency=AgencyFactory(name=f"Owner of {action}"),
        due_date=day + dt.timedelta(days=14),
    )
    return meeting


def _url(context, **query):
    url = reverse("contexts:chronology", args=[context.pk])
    return url + ("?" + "&".join(f"kind={k}" for k in query.get("kinds", ())) if query else "")


def test_a_member_without_relation_gets_404_and_the_analyst_200(signed_in, make_user):
    place = context_made()
    assert signed_in(make_user(Role.MEMBER)).get(_url(place)).status_code == 404
    response = signed_in(analyst()).get(_url(place))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chronology" in html and reverse("contexts:detail", args=[place.pk]) in html


def test_the_page_lists_the_entries_and_filters_by_kind(signed_in, make_user):
    user, coordinator = analyst(), make_user(Role.COORDINATOR)
    place = context_made(actor=user)
    context_note_add(actor=user, context=place, text="CCTV not working at the back")
    _discussed(
        coordinator, place, next_wednesday(), outcome="continue", level="high", action="Patrols"
    )
    client = signed_in(user)
    html = client.get(_url(place)).content.decode()
    assert "CCTV not working at the back" in html and "Outcome: Continue at MACE" in html
    filtered = client.get(_url(place, kinds=["note"]))
    html = filtered.content.decode()
    assert "CCTV not working at the back" in html and "Outcome: Continue at MACE" not in html
    assert [e.kind for e in filtered.context["entries"]] == ["note"]
    assert ("note", "Notes", True) in filtered.context["kinds"]


def test_the_context_page_shows_both_meetings_outcomes_and_actions(signed_in, make_user):
    coordinator = make_user(Role.COORDINATOR)
    place = context_made()
    day = next_wednesday()
    _discussed(coordinator, place, day, outcome="continue", level="high", action="Licensing visit")
    _discussed(
        coordinator,
        place,
        day + dt.timedelta(days=28),
        outcome="step_down",
        level="medium",
        action="Letter to the owner",
    )
    html = signed_in(analyst()).get(reverse("contexts:detail", args=[place.pk])).content.decode()
    assert html.count('data-testid="context-meeting"') == 2
    for text in (
        "Continue at MACE",
        "Step down",
        "High",
        "Medium",
        "Licensing visit",
        "Owner of Licensing visit",
        "Letter to the owner",
        "Owner of Letter to the owner",
        reverse("contexts:chronology", args=[place.pk]),
    ):
        assert text in html
    assert html.index("Step down") < html.index("Continue at MACE")  # newest first


def test_a_hidden_child_is_a_child_on_the_page(signed_in):
    user = analyst()
    place = context_made(actor=user)
    linked(
        ChildFactory(
            given_name="Zed", family_name="Secretson", restricted=True, restriction_reason="Witness"
        ),
        place,
        by=user,
    )
    html = signed_in(user).get(_url(place)).content.decode()
    assert "Secretson" not in html and "A child" in html


def test_the_page_query_count_does_not_grow_with_entries(
    signed_in, make_user, django_assert_max_num_queries
):
    user, coordinator = analyst(), make_user(Role.COORDINATOR)
    place = context_made(actor=user)
    client = signed_in(user)
    day = next_wednesday()
    _discussed(coordinator, place, day, outcome="continue", level="high", action="A")
    linked(ChildFactory(), place, by=user)
    client.get(_url(place))
    with django_assert_max_num_queries(40) as few:
        client.get(_url(place))
    for n in range(1, 5):
        context_note_add(actor=user, context=place, text=f"Note {n}")
        linked(ChildFactory(), place, by=user)
        _discussed(
            coordinator,
            place,
            day + dt.timedelta(days=7 * n),
            outcome="continue",
            level="low",
            action=f"A{n}",
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(_url(place))
    assert len(response.context["entries"]) > 15
