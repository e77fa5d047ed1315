"""Who sees which meeting and which of its items (ARCHITECTURE §4), role by relation; the
chair and the seats of a Silver or Gold series see its meetings without an invitation;
a meeting held today is under "Held", not "Coming up"."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.utils import timezone

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Kind, Meeting, SeriesMember
from mace.meetings.selectors.agenda import (
    items_visible_to,
    meeting_for_referral,
    meeting_get_for_user,
    meetings_visible_to,
    past_meetings,
    upcoming_meetings,
)
from mace.meetings.services import recording
from mace.meetings.services.agenda import item_add, item_remove
from mace.meetings.services.invitations import invitation_add, invitations_send
from mace.referrals.services.triage import referral_decide
from tests.factories import AgencyFactory, ChildFactory, fortnightly_series, meeting_on

pytestmark = pytest.mark.django_db

LINK = "https://mace.test"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(make_user, django_capture_on_commit_callbacks):
    """Next week's child-focused MACE (two children and a theme) with a core member and a
    social worker for one child; the week after's, which invited nobody; and a contextual
    meeting."""
    coordinator = make_user(Role.COORDINATOR)
    police = AgencyFactory(name="West Yorkshire Police")
    core = make_user(Role.MEMBER, agency=police)
    social_worker = make_user(Role.MEMBER)
    outsider = make_user(Role.MEMBER)
    series = fortnightly_series()
    SeriesMember.objects.create(series=series, agency=police, representative=core)
    meeting = meeting_on(_in(7), series=series)
    other = meeting_on(_in(21), series=series)
    contextual = meeting_on(_in(10), kind=Kind.CONTEXT)
    amara, kayden = ChildFactory(), ChildFactory()
    first = item_add(actor=coordinator, meeting=meeting, child=amara)
    second = item_add(actor=coordinator, meeting=meeting, child=kayden)
    theme = item_add(
        actor=coordinator, meeting=meeting, subject="theme", title="Vapes at school gates"
    )
    item_add(actor=coordinator, meeting=other, child=ChildFactory())
    invitation_add(actor=coordinator, item=second, user=social_worker, capacity="social_worker")

    def send(target):
        with django_capture_on_commit_callbacks(execute=True):
            invitations_send(actor=coordinator, meeting=target, link_base=LINK)

    send(meeting)
    return SimpleNamespace(**locals())


def _ids(qs) -> set:
    return {m.pk for m in qs}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CHAIR, Role.ANALYST])
def test_the_cohort_roles_see_every_meeting_and_item(world, make_user, role):
    user = make_user(role)
    assert _ids(meetings_visible_to(user)) == {
        world.meeting.pk,
        world.other.pk,
        world.contextual.pk,
    }
    for meeting in (world.meeting, world.other, world.contextual):
        assert meeting_get_for_user(user=user, meeting_id=meeting.pk) == meeting
    assert list(items_visible_to(user, world.meeting)) == [world.first, world.second, world.theme]


def test_a_whole_meeting_invitee_sees_that_meeting_and_all_its_items(world):
    assert _ids(meetings_visible_to(world.core)) == {world.meeting.pk}
    assert meeting_get_for_user(user=world.core, meeting_id=world.meeting.pk) == world.meeting
    assert list(items_visible_to(world.core, world.meeting)) == [
        world.first,
        world.second,
        world.theme,
    ]
    for meeting in (world.other, world.contextual):
        with pytest.raises(Http404):
            meeting_get_for_user(user=world.core, meeting_id=meeting.pk)


def test_a_slot_invitee_sees_the_meeting_and_only_their_childs_item(world):
    assert _ids(meetings_visible_to(world.social_worker)) == {world.meeting.pk}
    meeting = meeting_get_for_user(user=world.social_worker, meeting_id=world.meeting.pk)
    assert list(items_visible_to(world.social_worker, meeting)) == [world.second]
    with pytest.raises(Http404):
        meeting_get_for_user(user=world.social_worker, meeting_id=world.other.pk)


def test_a_slot_invitee_sees_nothing_once_the_item_is_removed(world):
    item_remove(actor=world.coordinator, item=world.second, reason="Now on a CP plan")
    assert not meetings_visible_to(world.social_worker).exists()
    with pytest.raises(Http404):
        meeting_get_for_user(user=world.social_worker, meeting_id=world.meeting.pk)
    assert list(items_visible_to(world.core, world.meeting)) == [world.first, world.theme]


def test_an_invitation_not_yet_sent_shows_nothing(world, make_user):
    teacher = make_user(Role.MEMBER)
    invitation_add(actor=world.coordinator, item=world.first, user=teacher, capacity="practitioner")
    assert not meetings_visible_to(teacher).exists()
    with pytest.raises(Http404):
        meeting_get_for_user(user=teacher, meeting_id=world.meeting.pk)
    assert not items_visible_to(teacher, world.meeting).exists()


@pytest.mark.parametrize(
    "role", [Role.MEMBER, Role.REFERRER, Role.AUDITOR, Role.SILVER, Role.GOLD, Role.ADMIN]
)
def test_anyone_else_sees_no_meeting(world, make_user, role):
    user = make_user(role)
    assert not meetings_visible_to(user).exists()
    assert not upcoming_meetings(user=user).exists()
    for meeting in (world.meeting, world.other, world.contextual):
        with pytest.raises(Http404):
            meeting_get_for_user(user=user, meeting_id=meeting.pk)
        assert not items_visible_to(user, meeting).exists()


def test_an_inactive_cohort_user_sees_nothing(world, make_user):
    chair = make_user(Role.CHAIR, is_active=False)
    assert not meetings_visible_to(chair).exists()
    with pytest.raises(Http404):
        meeting_get_for_user(user=chair, meeting_id=world.meeting.pk)


def test_an_invitee_sees_a_past_meeting_for_28_days_then_404(world, make_user):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    meetings = {}
    for days_ago in (27, 29, 40):
        past = meeting_on(_in(-days_ago))
        item = item_add(actor=world.coordinator, meeting=past, child=child)
        invitation_add(actor=world.coordinator, item=item, user=member, capacity="practitioner")
        world.send(past)
        meetings[days_ago] = past
    recent = meeting_get_for_user(user=member, meeting_id=meetings[27].pk)
    assert [i.child for i in items_visible_to(member, recent)] == [child]
    assert meetings[27].pk in _ids(past_meetings(user=member))
    for days_ago in (29, 40):
        with pytest.raises(Http404):
            meeting_get_for_user(user=member, meeting_id=meetings[days_ago].pk)
    assert meetings[40].pk not in _ids(meetings_visible_to(member))
    # The coordinator still sees them all.
    assert meeting_get_for_user(user=world.coordinator, meeting_id=meetings[40].pk)


def test_lists_of_upcoming_and_past_meetings_follow_visibility(world, make_user):
    analyst = make_user(Role.ANALYST)
    assert _ids(upcoming_meetings(user=analyst)) == {
        world.meeting.pk,
        world.other.pk,
        world.contextual.pk,
    }
    assert _ids(upcoming_meetings(user=analyst, kind=Kind.CONTEXT)) == {world.contextual.pk}
    assert _ids(upcoming_meetings(user=world.core)) == {world.meeting.pk}
    assert not past_meetings(user=world.core).exists()


# The meeting an accepted referral is on, named only to someone who may see it.


REASON = "Meets the MACE criteria: missing twice this month"


def _accept(coordinator, referral, capture):
    with capture(execute=True):
        referral_decide(
            actor=coordinator, referral_id=referral.id, decision="accept", reason=REASON
        )
    referral.refresh_from_db()


def test_the_meeting_is_not_named_to_someone_who_may_not_see_it(
    make_user, coordinator, linked, django_capture_on_commit_callbacks
):
    meeting_on(_in(7))
    _accept(coordinator, linked, django_capture_on_commit_callbacks)

    assert meeting_for_referral(user=make_user(Role.MEMBER), referral=linked) is None


def _meeting(day: dt.date, **fields) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
        **fields,
    )


def test_a_meeting_held_today_is_under_held_not_coming_up(member_world):
    coordinator = member_world["coordinator"]
    today_meeting = _meeting(clock.today())
    tomorrow = _meeting(clock.today() + dt.timedelta(days=1))
    cancelled = _meeting(clock.today() + dt.timedelta(days=2), status=Meeting.Status.CANCELLED)
    assert set(upcoming_meetings(user=coordinator)) == {today_meeting, tomorrow}
    recording.meeting_close(actor=coordinator, meeting=today_meeting)
    assert list(upcoming_meetings(user=coordinator)) == [tomorrow]
    assert today_meeting in past_meetings(user=coordinator)
    assert cancelled not in upcoming_meetings(user=coordinator)


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
