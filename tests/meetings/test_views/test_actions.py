"""Completing a meeting action (mace.meetings.views.actions): the owner or the
coordinator, with a note."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.meetings.models import Action
from mace.meetings.services import agenda, recording
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_only_the_owner_or_coordinator_completes_an_action_and_a_note_is_needed(
    make_user, signed_in, coordinator, meeting
):
    owner = make_user(Role.MEMBER)
    stranger = make_user(Role.MEMBER)
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    action = recording.action_add(
        actor=coordinator,
        meeting=meeting,
        item=item,
        description="Return home interview",
        owner_agency=owner.agency,
        owner=owner,
        due_date=meeting.date + dt.timedelta(days=3),
    )
    url = f"/meetings/actions/{action.pk}/complete/"
    assert signed_in(stranger).get(url).status_code == 404
    client = signed_in(owner)
    assert "Return home interview" in client.get("/tasks/").content.decode()
    response = client.post(url, {"note": ""})
    assert "Say what was done" in response.content.decode()
    client.post(url, {"note": "Interview done on 3 December; disclosed new contact"})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
