"""Meeting series and their core members: the services (meetings.services.series), the
administrator's pages, and the meetings pages that now call the same services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Kind, Meeting, MeetingSeries, SeriesMember
from mace.meetings.services import series as services
from tests.factories import AgencyFactory, fortnightly_series

pytestmark = pytest.mark.django_db

FORTNIGHTLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"


def _next_wednesday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(2 - today.weekday()) % 7 or 7)


def _create(actor, **fields) -> MeetingSeries:
    values = {
        "name": "Child-focused MACE",
        "kind": Kind.CHILD,
        "rrule": FORTNIGHTLY,
        "first_date": _next_wednesday(),
        "start_time": dt.time(10, 0),
        "location": "Merrion House",
        "generate_days": 60,
    }
    values.update(fields)
    return services.series_create(actor=actor, **values)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.CHAIR])
def test_the_administrator_coordinator_and_chair_set_up_a_series(role, make_user):
    actor = make_user(role)
    series = _create(actor)
    assert series.created_by == actor
    meetings = Meeting.objects.filter(series=series)
    assert meetings.count() >= 4
    assert set(meetings.values_list("created_by", flat=True)) == {actor.pk}
    event = Event.objects.get(verb=Event.Verb.SERIES_CREATED, object_id=str(series.pk))
    assert event.actor == actor
    assert event.payload["meetings_scheduled"] == meetings.count()


@pytest.mark.parametrize(
    "role", [Role.REFERRER, Role.MEMBER, Role.ANALYST, Role.SILVER, Role.GOLD, Role.AUDITOR]
)
def test_other_roles_cannot_touch_series(role, make_user):
    actor = make_user(role)
    series = fortnightly_series()
    member = SeriesMember.objects.create(
        series=series, agency=AgencyFactory(), representative=make_user(Role.MEMBER)
    )
    attempts = [
        lambda: _create(actor),
        lambda: services.series_update(actor=actor, series=series, name="Renamed"),
        lambda: services.series_member_add(
            actor=actor, series=series, agency=AgencyFactory(), representative=member.representative
        ),
        lambda: services.series_member_remove(actor=actor, member=member),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert MeetingSeries.objects.count() == 1
    assert SeriesMember.objects.filter(pk=member.pk).exists()


def test_a_bad_rule_is_refused_and_nothing_is_stored(make_user):
    with pytest.raises(ValidationError) as info:
        _create(make_user(Role.ADMIN), rrule="FREQ=HOURLY")
    assert "daily at most" in str(info.value.message_dict["rrule"])
    assert not MeetingSeries.objects.exists()
    assert not Event.objects.filter(verb=Event.Verb.SERIES_CREATED).exists()


def test_changing_a_series_saves_only_what_changed_and_audits_it(make_user):
    admin = make_user(Role.ADMIN)
    chair = make_user(Role.CHAIR, email="chair@test.example")
    series = fortnightly_series()
    services.series_update(
        actor=admin, series=series, name="Child-focused MACE", location="Civic Hall", chair=chair
    )
    series.refresh_from_db()
    assert (series.location, series.chair) == ("Civic Hall", chair)
    assert series.modified_by == admin
    payload = Event.objects.get(verb=Event.Verb.SERIES_CHANGED).payload
    assert payload == {
        "location": {"before": "Merrion House, Room 4", "after": "Civic Hall"},
        "chair": {"before": None, "after": "chair@test.example"},
    }


def test_a_series_chair_must_be_a_chair(make_user):
    series = fortnightly_series()
    with pytest.raises(ValidationError, match="Choose a chair"):
        services.series_update(
            actor=make_user(Role.ADMIN), series=series, chair=make_user(Role.MEMBER)
        )


def test_adding_and_removing_a_core_member_is_audited(make_user):
    admin = make_user(Role.ADMIN)
    series = fortnightly_series()
    police = AgencyFactory(name="West Yorkshire Police")
    rep = make_user(Role.MEMBER, email="rep@test.example", agency=police)
    deputy = make_user(Role.MEMBER, email="deputy@test.example", agency=police)
    member = services.series_member_add(
        actor=admin, series=series, agency=police, representative=rep, deputy=deputy
    )
    added = Event.objects.get(verb=Event.Verb.SERIES_MEMBER_ADDED)
    assert added.payload["agency"] == "West Yorkshire Police"
    assert added.payload["deputy"] == "deputy@test.example"

    with pytest.raises(ValidationError, match="already has a seat"):
        services.series_member_add(actor=admin, series=series, agency=police, representative=rep)

    services.series_member_remove(actor=admin, member=member)
    assert not SeriesMember.objects.filter(series=series).exists()
    removed = Event.objects.get(verb=Event.Verb.SERIES_MEMBER_REMOVED)
    assert removed.payload["representative"] == "rep@test.example"


def test_a_deputy_is_someone_else_and_referrers_have_no_seat(make_user):
    admin = make_user(Role.ADMIN)
    series = fortnightly_series()
    rep = make_user(Role.MEMBER)
    with pytest.raises(ValidationError, match="someone other than the representative"):
        services.series_member_add(
            actor=admin, series=series, agency=AgencyFactory(), representative=rep, deputy=rep
        )
    with pytest.raises(ValidationError, match="not a referrer"):
        services.series_member_add(
            actor=admin,
            series=series,
            agency=AgencyFactory(),
            representative=make_user(Role.REFERRER),
        )


# Pages ---------------------------------------------------------------------------------


def test_the_administrator_sets_up_a_series_and_gives_an_agency_a_seat(admin_client, make_user):
    chair = make_user(Role.CHAIR)
    response = admin_client.post(
        reverse("administration:series_create"),
        {
            "name": "Contextual MACE",
            "kind": Kind.CONTEXT,
            "rrule": "FREQ=WEEKLY;INTERVAL=4;BYDAY=TH",
            "first_date": (_next_wednesday() + dt.timedelta(days=1)).isoformat(),
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


def test_the_meetings_pages_set_up_series_through_the_service(make_user, signed_in):
    coordinator = make_user(Role.COORDINATOR)
    client = signed_in(coordinator)
    response = client.post(
        reverse("meetings:series_create"),
        {
            "name": "Child-focused MACE",
            "kind": Kind.CHILD,
            "rrule": FORTNIGHTLY,
            "first_date": _next_wednesday().isoformat(),
            "start_time": "10:00",
            "duration_minutes": "180",
            "on_bank_holiday": "skip",
            "slot_minutes": "20",
            "capacity": "8",
        },
        follow=True,
    )
    assert "The series is set up" in response.content.decode()
    series = MeetingSeries.objects.get()
    assert Event.objects.filter(verb=Event.Verb.SERIES_CREATED, actor=coordinator).exists()
    agency = AgencyFactory()
    rep = make_user(Role.MEMBER, agency=agency)
    client.post(
        reverse("meetings:series_detail", args=[series.pk]),
        {"agency": str(agency.pk), "representative": str(rep.pk)},
    )
    assert Event.objects.filter(verb=Event.Verb.SERIES_MEMBER_ADDED, actor=coordinator).exists()
    again = client.post(
        reverse("meetings:series_detail", args=[series.pk]),
        {"agency": str(agency.pk), "representative": str(rep.pk)},
    )
    assert "already has a seat" in again.content.decode()


def test_the_series_page_shows_dates_but_no_agenda(admin_client, make_user):
    from mace.meetings.services.agenda import item_add
    from tests.factories import ChildFactory

    coordinator = make_user(Role.COORDINATOR)
    series = _create(coordinator)
    meeting = series.meetings.order_by("date").first()
    child = ChildFactory(given_name="Zebedee", family_name="Quartermaine")
    item_add(actor=coordinator, meeting=meeting, child=child)
    content = admin_client.get(
        reverse("administration:series_detail", args=[series.pk])
    ).content.decode()
    assert meeting.date.strftime("%B") in content
    assert "Zebedee" not in content and "Quartermaine" not in content
