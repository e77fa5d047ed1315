"""Meeting series and their core members (mace.meetings.services.series): who may set them
up and change them, the rule checked, a chair of the role that chairs the series' kind,
each change audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Kind, Meeting, MeetingSeries, SeriesMember
from mace.meetings.services import series as services
from mace.meetings.services.series import series_update
from tests.factories import AgencyFactory, fortnightly_series, series_created, series_set_up

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.CHAIR])
def test_the_administrator_coordinator_and_chair_set_up_a_series(role, make_user):
    actor = make_user(role)
    series = series_created(actor)
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
        lambda: series_created(actor),
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
        series_created(make_user(Role.ADMIN), rrule="FREQ=HOURLY")
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


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (Kind.CHILD, Role.CHAIR),
        (Kind.CONTEXT, Role.CHAIR),
        (Kind.SILVER, Role.SILVER),
        (Kind.GOLD, Role.GOLD),
    ],
)
def test_a_series_is_chaired_by_the_role_that_chairs_its_kind(make_user, kind, role):
    coordinator, chair = make_user(Role.COORDINATOR), make_user(role)
    series = series_set_up(coordinator, kind=kind, chair=chair)
    assert series.chair == chair
    assert set(series.meetings.values_list("chair", flat=True)) == {chair.pk}


@pytest.mark.parametrize(
    ("kind", "role", "message"),
    [
        (Kind.SILVER, Role.CHAIR, "Choose a silver member to chair a Silver series"),
        (Kind.GOLD, Role.SILVER, "Choose a gold member to chair a Gold series"),
        (Kind.CHILD, Role.SILVER, "Choose a chair to chair a Child-focused MACE series"),
        (Kind.CONTEXT, Role.MEMBER, "Choose a chair to chair a Contextual MACE series"),
    ],
)
def test_a_series_refuses_a_chair_of_another_role(make_user, kind, role, message):
    coordinator = make_user(Role.COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        series_set_up(coordinator, kind=kind, chair=make_user(role))
    assert refused.value.message_dict == {"chair": [message]}


def test_changing_the_chair_checks_the_series_kind(make_user):
    coordinator = make_user(Role.COORDINATOR)
    series = series_set_up(coordinator, kind=Kind.SILVER, chair=make_user(Role.SILVER), days=0)
    with pytest.raises(ValidationError, match="silver member"):
        series_update(actor=coordinator, series=series, chair=make_user(Role.CHAIR))
    with pytest.raises(ValidationError, match="switched on"):
        series_update(
            actor=coordinator, series=series, chair=make_user(Role.SILVER, is_active=False)
        )


def test_a_series_made_by_an_administrator_stamps_its_meetings_with_them(make_user, audited):
    admin = make_user(Role.ADMIN)
    series = series_set_up(admin, kind=Kind.CHILD, chair=None, days=30)
    assert set(series.meetings.values_list("created_by", "modified_by")) == {(admin.pk, admin.pk)}
    event = audited(Event.Verb.SERIES_CREATED, actor=admin, obj=series)
    assert event.payload["meetings_scheduled"] == series.meetings.count() == 2  # 7 and 21 Jan
    # The series' own row says what was scheduled; no second row for the same meetings.
    audited(Event.Verb.MEETINGS_SCHEDULED, count=0)
