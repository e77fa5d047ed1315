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
