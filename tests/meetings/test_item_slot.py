"""Each child's time slot on an agenda can be changed (issue 11.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Kind, Meeting
from mace.meetings.selectors.agenda import agenda_slots
from mace.meetings.services import agenda
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda_of_two(make_user):
    coordinator = make_user(Role.COORDINATOR)
    meeting = Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=clock.today() + dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    return coordinator, meeting, first, second


def test_a_longer_slot_moves_the_items_after_it(agenda_of_two, audited):
    coordinator, meeting, first, second = agenda_of_two
    assert agenda_slots(meeting)[second.pk][0].time() == dt.time(10, 20)
    agenda.item_set_slot(actor=coordinator, item=first, minutes=45)
    slots = agenda_slots(meeting)
    assert slots[first.pk][1] == 45
    assert slots[second.pk][0].time() == dt.time(10, 45)
    event = audited(Event.Verb.AGENDA_ITEM_CHANGED, actor=coordinator, child=first.child)
    assert event.reason == "Discussion time changed from 20 to 45 minutes"


@pytest.mark.parametrize("minutes", [0, 4, 181, None])
def test_a_slot_outside_5_to_180_minutes_is_refused(agenda_of_two, audited, minutes):
    coordinator, _, first, _ = agenda_of_two
    with pytest.raises(ValidationError) as refused:
        agenda.item_set_slot(actor=coordinator, item=first, minutes=minutes)
    assert refused.value.message_dict == {
        "slot_minutes": ["Give the discussion between 5 and 180 minutes"]
    }
    audited(Event.Verb.AGENDA_ITEM_CHANGED, count=0)


def test_only_those_who_manage_meetings_change_a_slot(agenda_of_two, make_user):
    _, _, first, _ = agenda_of_two
    with pytest.raises(PermissionDenied):
        agenda.item_set_slot(actor=make_user(Role.MEMBER), item=first, minutes=30)


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
