"""The agenda pages (mace.meetings.views.agenda): adding a child, taking an item off,
changing its time slot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.meetings.models import AgendaItem
from mace.meetings.selectors.agenda import agenda_slots
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


def test_the_time_page_changes_the_slot_and_keeps_bad_input(agenda_of_two, signed_in):
    coordinator, meeting, first, second = agenda_of_two
    client = signed_in(coordinator)
    url = reverse("meetings:item_slot", args=[meeting.pk, first.pk])
    assert url in client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    response = client.post(url, {"slot_minutes": "300"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the discussion 180 minutes or less" in page and 'value="300"' in page
    response = client.post(url, {"slot_minutes": "30"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.slot_minutes == 30
    assert agenda_slots(meeting)[second.pk][0].time() == dt.time(10, 30)
