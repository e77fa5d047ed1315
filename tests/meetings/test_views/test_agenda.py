"""The agenda pages (mace.meetings.views.agenda): adding a child, taking an item off."""

from __future__ import annotations

import pytest

from mace.meetings.models import AgendaItem
from mace.meetings.services import agenda
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_adding_a_child_by_a_name_that_matches_nobody_says_so(signed_in, coordinator, meeting):
    response = signed_in(coordinator).post(
        f"/meetings/{meeting.pk}/agenda/add/", {"subject": "child", "child": "Zebedee Nobody"}
    )
    assert response.status_code == 200
    assert "No child in the MACE cohort matches that name or ID" in response.content.decode()
    assert 'value="Zebedee Nobody"' in response.content.decode()  # what was typed is kept
    assert not AgendaItem.objects.exists()


def test_a_removal_needs_a_reason(signed_in, coordinator, meeting):
    item = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    client = signed_in(coordinator)
    response = client.post(f"/meetings/{meeting.pk}/items/{item.pk}/remove/", {"reason": ""})
    assert "Give the reason" in response.content.decode()
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.LISTED
    client.post(f"/meetings/{meeting.pk}/items/{item.pk}/remove/", {"reason": "Moved to Wakefield"})
    item.refresh_from_db()
    assert (item.status, item.status_reason) == (AgendaItem.Status.REMOVED, "Moved to Wakefield")
