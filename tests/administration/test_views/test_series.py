"""The administrator's series pages: setting up a series and giving an agency a seat,
changing it, and the meeting dates shown without an agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.meetings.models import Kind, MeetingSeries
from tests.factories import AgencyFactory, fortnightly_series, next_wednesday, series_created

pytestmark = pytest.mark.django_db


def test_the_administrator_sets_up_a_series_and_gives_an_agency_a_seat(admin_client, make_user):
    chair = make_user(Role.CHAIR)
    response = admin_client.post(
        reverse("administration:series_create"),
        {
            "name": "Contextual MACE",
            "kind": Kind.CONTEXT,
            "rrule": "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
            "first_date": (next_wednesday() + dt.timedelta(days=1)).isoformat(),
            "start_time": "14:00",
            "duration_minutes": "120",
            "on_bank_holiday": "next_working_day",
            "chair": str(chair.pk),
            "slot_minutes": "20",
            "capacity": "6",
        },
        follow=True,
    )
    assert "The series is set up" in response.content.decode()
    series = MeetingSeries.objects.get(name="Contextual MACE")
    agency = AgencyFactory(name="Leeds Community Safety")
    rep = make_user(Role.MEMBER, agency=agency)
    response = admin_client.post(
        reverse("administration:series_detail", args=[series.pk]),
        {"agency": str(agency.pk), "representative": str(rep.pk)},
        follow=True,
    )
    assert "Leeds Community Safety has a seat" in response.content.decode()
    member = series.members.get()
    response = admin_client.post(
        reverse("administration:series_member_remove", args=[series.pk, member.pk]),
        follow=True,
    )
    assert "no longer has a seat" in response.content.decode()


def test_the_series_form_keeps_what_was_typed_when_the_rule_is_wrong(admin_client):
    response = admin_client.post(
        reverse("administration:series_create"),
        {
            "name": "Silver",
            "kind": Kind.SILVER,
            "rrule": "EVERY SO OFTEN",
            "first_date": "2027-01-13",
            "start_time": "10:00",
            "duration_minutes": "120",
            "on_bank_holiday": "skip",
            "slot_minutes": "20",
            "capacity": "6",
        },
    )
    content = response.content.decode()
    assert "There is a problem" in content
    assert "not a recurrence rule we can read" in content
    assert 'value="EVERY SO OFTEN"' in content and 'value="Silver"' in content
    assert not MeetingSeries.objects.filter(name="Silver").exists()


def test_the_series_change_page_changes_a_series(admin_client):
    series = fortnightly_series()
    response = admin_client.post(
        reverse("administration:series_change", args=[series.pk]),
        {
            "name": "Child-focused MACE (Bronze)",
            "rrule": series.rrule,
            "start_time": "09:30",
            "duration_minutes": "180",
            "on_bank_holiday": "skip",
            "location": "Civic Hall",
            "slot_minutes": "20",
            "capacity": "3",
            "is_active": "on",
        },
        follow=True,
    )
    assert "is changed" in response.content.decode()
    series.refresh_from_db()
    assert series.name == "Child-focused MACE (Bronze)"
    assert series.start_time == dt.time(9, 30)


def test_the_series_page_shows_dates_but_no_agenda(admin_client, make_user):
    from mace.meetings.services.agenda import item_add
    from tests.factories import ChildFactory

    coordinator = make_user(Role.COORDINATOR)
    series = series_created(coordinator)
    meeting = series.meetings.order_by("date").first()
    child = ChildFactory(given_name="Zebedee", family_name="Quartermaine")
    item_add(actor=coordinator, meeting=meeting, child=child)
    content = admin_client.get(
        reverse("administration:series_detail", args=[series.pk])
    ).content.decode()
    assert meeting.date.strftime("%B") in content
    assert "Zebedee" not in content and "Quartermaine" not in content
