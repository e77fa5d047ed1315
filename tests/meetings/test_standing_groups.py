"""Silver and Gold reach their own meetings: the chair and the series' seats see its
meetings, agendas and minutes without an invitation; nobody else does (issue 11.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mace.accounts.models import Agency, Role
from mace.core import clock
from mace.meetings.models import Kind
from mace.meetings.selectors.agenda import meetings_visible_to, past_meetings, upcoming_meetings
from mace.meetings.services.minutes import minutes_draft
from mace.meetings.services.recording import meeting_close
from mace.meetings.services.series import series_create, series_member_add

pytestmark = pytest.mark.django_db

SET_UP = dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def silver(make_user):
    """A Silver series chaired by Helen Sykes with Joanne Pickersgill in the social-work
    seat; its first meeting held and minuted; a second Silver member sits on nothing."""
    coordinator = make_user(Role.COORDINATOR)
    police = Agency.objects.create(name="West Yorkshire Police", kind="police")
    social_work = Agency.objects.create(
        name="Leeds Children's Social Work", kind="childrens_social_work"
    )
    chair = make_user(Role.SILVER, full_name="Helen Sykes", agency=police)
    seat = make_user(Role.SILVER, full_name="Joanne Pickersgill", agency=social_work)
    outsider = make_user(Role.SILVER, full_name="Stuart Haigh", agency=social_work)
    gold = make_user(Role.GOLD)
    with clock.set_to(SET_UP):
        series = series_create(
            actor=coordinator,
            name="Silver",
            kind=Kind.SILVER,
            rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
            first_date=dt.date(2026, 1, 13),
            chair=chair,
            generate_days=120,
        )
        series_member_add(actor=coordinator, series=series, agency=police, representative=chair)
        series_member_add(actor=coordinator, series=series, agency=social_work, representative=seat)
    held, coming = series.meetings.order_by("date")[:2]
    with clock.set_to(dt.datetime(2026, 1, 13, 16, tzinfo=dt.UTC)):
        meeting_close(actor=coordinator, meeting=held)
        minutes_draft(actor=coordinator, meeting=held)
    return {
        "chair": chair,
        "seat": seat,
        "outsider": outsider,
        "gold": gold,
        "held": held,
        "coming": coming,
    }


def test_the_chair_and_the_seats_see_every_meeting_of_their_series(silver):
    meetings = {silver["held"].pk, silver["coming"].pk}
    for who in ("chair", "seat"):
        assert meetings <= set(meetings_visible_to(silver[who]).values_list("pk", flat=True))
    with clock.set_to(dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)):
        assert silver["coming"] in upcoming_meetings(user=silver["seat"])
        assert silver["held"] in past_meetings(user=silver["seat"])


def test_a_silver_member_without_a_seat_and_gold_see_none_of_them(silver):
    for who in ("outsider", "gold"):
        assert not meetings_visible_to(silver[who]).exists()


def test_a_seat_switched_off_sees_nothing(silver):
    seat = silver["seat"]
    seat.is_active = False
    seat.save(update_fields=["is_active"])
    assert not meetings_visible_to(seat).exists()


def test_the_papers_stay_open_to_the_seats_long_after_the_meeting(silver):
    # Invitations to a MACE meeting open its papers for 28 days; a standing group's
    # papers stay open to its seats.
    with clock.set_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)):
        assert silver["held"] in meetings_visible_to(silver["seat"])


@pytest.mark.parametrize(
    ("who", "status"),
    [("chair", 200), ("seat", 200), ("outsider", 404), ("gold", 404)],
)
def test_the_minutes_page_opens_for_the_chair_and_seats_only(silver, signed_in, who, status):
    client = signed_in(silver[who])
    held = silver["held"]
    for name in ("detail", "minutes", "papers"):
        response = client.get(reverse(f"meetings:{name}", args=[held.pk]))
        assert response.status_code == status, name


def test_the_chair_is_offered_the_approval_and_a_seat_is_not(silver, signed_in):
    url = reverse("meetings:minutes", args=[silver["held"].pk])
    approve = reverse("meetings:minutes_approve", args=[silver["held"].pk])
    assert approve in signed_in(silver["chair"]).get(url).content.decode()
    assert approve not in signed_in(silver["seat"]).get(url).content.decode()


def test_the_silver_chair_approves_the_minutes_from_the_page(silver, signed_in, audited):
    from mace.audit.models import Event
    from mace.meetings.models import Minutes

    held = silver["held"]
    response = signed_in(silver["chair"]).post(reverse("meetings:minutes_approve", args=[held.pk]))
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting=held)
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.APPROVED, silver["chair"])
    audited(Event.Verb.MINUTES_APPROVED, actor=silver["chair"], obj=minutes)


def test_the_home_page_lists_the_seats_next_meeting_and_the_chairs_minutes(silver, signed_in):
    with clock.set_to(dt.datetime(2026, 1, 20, 9, tzinfo=dt.UTC)):
        seat_home = signed_in(silver["seat"]).get(reverse("web:home")).context
        assert silver["coming"] in seat_home["next_meetings"]
        chair_home = signed_in(silver["chair"]).get(reverse("web:home")).context
        assert [m.meeting for m in chair_home["minutes_to_approve"]] == [silver["held"]]
