"""Who may approve a meeting's minutes (mace.meetings.permissions)."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_a_silver_meeting_is_approved_by_its_own_chair_and_no_one_else(minutes_world, make_user):
    """Silver and Gold are chaired by their members, not by the MACE chair."""
    from mace.meetings.permissions import can_approve_minutes

    silver_chair = make_user(Role.SILVER)
    minutes_world.meeting.chair = silver_chair
    assert can_approve_minutes(silver_chair, minutes_world.meeting)
    assert not can_approve_minutes(minutes_world.chair, minutes_world.meeting)
    assert not can_approve_minutes(make_user(Role.SILVER), minutes_world.meeting)
    minutes_world.meeting.chair = None
    assert can_approve_minutes(minutes_world.chair, minutes_world.meeting)
    assert not can_approve_minutes(silver_chair, minutes_world.meeting)


@pytest.mark.django_db
def test_the_analyst_adds_contextual_subjects_to_a_contextual_agenda_only(make_user):
    import datetime as dt

    from django.core.exceptions import PermissionDenied

    from mace.core import clock
    from mace.meetings.models import Kind
    from mace.meetings.services.agenda import item_add
    from tests.factories import ChildFactory, meeting_on

    analyst = make_user(Role.ANALYST)
    day = clock.today() + dt.timedelta(days=9)
    contextual = meeting_on(day, kind=Kind.CONTEXT)
    item = item_add(actor=analyst, meeting=contextual, subject="place", title="Armley Park")
    assert item.created_by == analyst
    with pytest.raises(PermissionDenied):
        item_add(actor=analyst, meeting=contextual, child=ChildFactory())
    with pytest.raises(PermissionDenied):
        item_add(actor=analyst, meeting=meeting_on(day), subject="place", title="Armley Park")
    with pytest.raises(PermissionDenied):
        item_add(actor=make_user(Role.MEMBER), meeting=contextual, subject="place", title="x")
