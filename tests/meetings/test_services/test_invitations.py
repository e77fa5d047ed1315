"""Invitations open a child's papers until 28 days after the meeting, and no longer; the
email and calendar file never name the child."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Invitation, InvitationGrant, Meeting, SeriesMember
from mace.meetings.selectors.agenda import meetings_visible_to
from mace.meetings.services.agenda import item_add, item_defer, item_remove
from mace.meetings.services.invitations import invitation_add, invitation_ics, invitations_send
from mace.meetings.services.schedule import meeting_move
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from tests.factories import AgencyFactory, ChildFactory, fortnightly_series, meeting_on

pytestmark = pytest.mark.django_db

UTC = dt.UTC
LINK = "https://mace.test"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _visible(user, at=None) -> set:
    return set(children_visible_to(user, at=at))


@pytest.fixture
def world(make_user, django_capture_on_commit_callbacks):
    """A series with the police's representative and deputy; a meeting next week with two
    children; a social worker invited to the second child's slot."""
    coordinator = make_user(Role.COORDINATOR)
    chair = make_user(Role.CHAIR)
    police = AgencyFactory(name="West Yorkshire Police")
    representative = make_user(Role.MEMBER, agency=police, full_name="Priya Rep")
    deputy = make_user(Role.MEMBER, agency=police, full_name="Dan Deputy")
    social_worker = make_user(Role.MEMBER, full_name="Sam Worker")
    series = fortnightly_series(chair=chair)
    SeriesMember.objects.create(
        series=series, agency=police, representative=representative, deputy=deputy
    )
    meeting = meeting_on(_in(7), series=series, chair=chair, title=series.name)
    amara = ChildFactory(given_name="Amarachi", family_name="Quillfeather")
    kayden = ChildFactory(given_name="Kaydenson", family_name="Brightwater")
    first = item_add(actor=coordinator, meeting=meeting, child=amara)
    second = item_add(actor=coordinator, meeting=meeting, child=kayden)
    slot = invitation_add(
        actor=coordinator, item=second, user=social_worker, capacity="social_worker"
    )

    def send(target=None):
        with django_capture_on_commit_callbacks(execute=True):
            return invitations_send(actor=coordinator, meeting=target or meeting, link_base=LINK)

    return SimpleNamespace(**locals())


def _calendar(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
    return Calendar.from_ical(content)


def _event(message):
    calendar = _calendar(message)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    return event


def _message_to(user):
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_sending_invites_core_members_and_the_slot_and_opens_their_children(world, audited):
    audited(
        Event.Verb.INVITATION_ADDED, actor=world.coordinator, child=world.kayden, obj=world.slot
    )
    assert world.send() == 3
    # The representative and deputy are invited as the invitations go (no child named),
    # then each of the three is sent.
    added = Event.objects.filter(verb=Event.Verb.INVITATION_ADDED).order_by("id")
    assert [(e.object_id, e.child_id) for e in added][1:] == [
        (str(world.meeting.invitations.get(user=user).pk), None)
        for user in (world.representative, world.deputy)
    ]
    audited(Event.Verb.INVITATION_SENT, actor=world.coordinator, count=3)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.representative.email, world.deputy.email, world.social_worker.email]
    )
    # Core members (representative and deputy) see every child listed; the slot invitee
    # only their child.
    assert _visible(world.representative) == {world.amara, world.kayden}
    assert _visible(world.deputy) == {world.amara, world.kayden}
    assert _visible(world.social_worker) == {world.kayden}
    capacities = dict(world.meeting.invitations.values_list("user_id", "capacity"))
    assert capacities[world.representative.pk] == Invitation.Capacity.CORE
    assert capacities[world.deputy.pk] == Invitation.Capacity.DEPUTY
    # Sending again sends nothing new and invites nobody twice.
    mail.outbox.clear()
    assert world.send() == 0
    assert mail.outbox == []
    assert world.meeting.invitations.count() == 3


def test_access_lasts_until_28_days_after_the_meeting(world):
    world.send()
    meeting = world.meeting
    for user, child in (
        (world.social_worker, world.kayden),
        (world.representative, world.amara),
    ):
        assert child in _visible(user, at=meeting.starts_at)
        assert child in _visible(user, at=meeting.ends_at)
        assert child in _visible(user, at=meeting.starts_at + dt.timedelta(days=27))
        assert child not in _visible(user, at=meeting.starts_at + dt.timedelta(days=29))
    grants = ChildAccess.objects.filter(basis=ChildAccess.Basis.INVITATION)
    assert grants.count() == 5  # 2 core members x 2 children, and the slot
    assert {g.expires_at for g in grants} == {meeting.access_until}
    assert meeting.access_until == meeting.ends_at + dt.timedelta(days=28)


def test_nobody_has_access_before_the_invitations_are_sent(world):
    for user in (world.representative, world.deputy, world.social_worker):
        assert _visible(user) == set()
        assert not meetings_visible_to(user).exists()


def test_removing_or_deferring_an_item_revokes_the_access_it_opened(world):
    world.send()
    later = meeting_on(_in(21))
    item_remove(actor=world.coordinator, item=world.second, reason="Now on a CP plan")
    assert _visible(world.social_worker) == set()
    assert _visible(world.representative) == {world.amara}
    assert Invitation.objects.get(pk=world.slot.pk).revoked_at is not None

    item_defer(actor=world.coordinator, item=world.first, reason="Police update not ready")
    assert _visible(world.representative) == set()
    assert _visible(world.deputy) == set()
    # The deferred child's new meeting has not invited anyone yet.
    assert later.items.get().child == world.amara
    # Revoked, not deleted: the grants stay for the record.
    assert ChildAccess.objects.filter(revoked_at__isnull=False).count() == 5


def test_moving_the_meeting_moves_the_expiry(world):
    world.send()
    old_until = world.meeting.access_until
    meeting_move(
        actor=world.coordinator,
        meeting=world.meeting,
        date=_in(14),
        reason="Chair at a Child Protection conference",
    )
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert meeting.access_until == old_until + dt.timedelta(days=7)
    grants = ChildAccess.objects.filter(basis=ChildAccess.Basis.INVITATION)
    assert {g.expires_at for g in grants} == {meeting.access_until}
    later = old_until + dt.timedelta(days=3)
    assert _visible(world.social_worker, at=later) == {world.kayden}
    assert _visible(world.representative, at=later) == {world.amara, world.kayden}
    gone = meeting.access_until + dt.timedelta(minutes=1)
    assert _visible(world.representative, at=gone) == set()
    # Invitees still see the meeting while the coordinator sends the new time...
    assert list(meetings_visible_to(world.representative)) == [meeting]
    assert list(meetings_visible_to(world.social_worker)) == [meeting]
    # ... and a child added meanwhile is opened to the whole-meeting invitees.
    late = ChildFactory()
    item_add(actor=world.coordinator, meeting=meeting, child=late)
    assert late in _visible(world.representative)
    # ... which goes to everyone again, with the new date.
    mail.outbox.clear()
    assert world.send(meeting) == 3
    event = _event(_message_to(world.representative))
    assert event.decoded("dtstart") == meeting.starts_at.astimezone(UTC)
    assert event["sequence"] > 0
    assert ChildAccess.objects.filter(basis=ChildAccess.Basis.INVITATION).count() == 7


def test_the_calendar_file_is_a_request_in_utc_for_the_slot(world):
    world.send()
    meeting = world.meeting
    core = _event(_message_to(world.representative))
    assert core.decoded("dtstart") == meeting.starts_at.astimezone(UTC)
    assert core.decoded("dtend") == meeting.ends_at.astimezone(UTC)
    assert core["dtstart"].to_ical().endswith(b"Z")
    # The second child's slot starts after the first child's 20 minutes.
    slot = _event(_message_to(world.social_worker))
    start = meeting.starts_at + dt.timedelta(minutes=20)
    assert slot.decoded("dtstart") == start.astimezone(UTC)
    assert slot.decoded("dtend") == (start + dt.timedelta(minutes=20)).astimezone(UTC)
    assert slot["dtstart"].to_ical().endswith(b"Z")
    assert str(slot["attendee"]) == f"mailto:{world.social_worker.email}"
    assert str(slot["uid"]) != str(core["uid"])


def test_a_summer_meeting_is_sent_in_utc_an_hour_earlier(world):
    summer = meeting_on(dt.date(2026, 7, 1), title="Child-focused MACE")
    invitation = Invitation.objects.create(
        meeting=summer, user=world.representative, capacity=Invitation.Capacity.CORE
    )
    [event] = Calendar.from_ical(invitation_ics(invitation, link=LINK)).walk("VEVENT")
    assert event["dtstart"].to_ical() == b"20260701T090000Z"
    assert event["dtend"].to_ical() == b"20260701T120000Z"


def test_neither_email_nor_calendar_file_names_the_child(world):
    world.send()
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        [(_, content, _)] = message.attachments
        text = content.decode() if isinstance(content, bytes) else content
        for child in (world.amara, world.kayden):
            for name in (child.given_name, child.family_name):
                assert name not in message.subject
                assert name not in message.body
                assert name not in text
        assert LINK in message.body


def test_an_item_added_after_sending_is_opened_to_the_whole_meeting_invitees(world):
    world.send()
    late = ChildFactory()
    item_add(actor=world.coordinator, meeting=world.meeting, child=late)
    assert late in _visible(world.representative)
    assert late in _visible(world.deputy)
    assert late not in _visible(world.social_worker)
    grant = ChildAccess.objects.get(user=world.representative, child=late)
    assert grant.expires_at == world.meeting.access_until
    assert InvitationGrant.objects.filter(item__child=late).count() == 2


def test_a_slot_invitation_added_after_sending_opens_nothing_until_sent(world, make_user):
    world.send()
    teacher = make_user(Role.MEMBER)
    invitation_add(actor=world.coordinator, item=world.first, user=teacher, capacity="practitioner")
    assert _visible(teacher) == set()
    mail.outbox.clear()
    assert world.send() == 1
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert _visible(teacher) == {world.amara}


def test_invitation_add_checks(world, make_user):
    teacher = make_user(Role.MEMBER)
    for capacity in ("core", "deputy", "chief_constable"):
        with pytest.raises(ValidationError) as error:
            invitation_add(
                actor=world.coordinator, item=world.first, user=teacher, capacity=capacity
            )
        assert "capacity" in error.value.message_dict
    with pytest.raises(ValidationError):
        invitation_add(
            actor=world.coordinator,
            item=world.second,
            user=world.social_worker,
            capacity="referrer",
        )
    retired = make_user(Role.MEMBER, is_active=False)
    with pytest.raises(ValidationError):
        invitation_add(
            actor=world.coordinator, item=world.first, user=retired, capacity="practitioner"
        )
    item_remove(actor=world.coordinator, item=world.first, reason="Now on a CP plan")
    with pytest.raises(ValidationError):
        invitation_add(
            actor=world.coordinator, item=world.first, user=teacher, capacity="practitioner"
        )
    with pytest.raises(PermissionDenied):
        invitation_add(
            actor=world.representative, item=world.second, user=teacher, capacity="practitioner"
        )


@pytest.mark.parametrize("role", [Role.MEMBER, Role.ANALYST, Role.REFERRER, Role.AUDITOR])
def test_only_the_coordinator_or_chair_sends_invitations(world, make_user, role):
    with pytest.raises(PermissionDenied):
        invitations_send(actor=make_user(role), meeting=world.meeting, link_base=LINK)
    assert not Invitation.objects.filter(sent_at__isnull=False).exists()


def test_invitations_go_only_for_a_scheduled_meeting(world):
    world.meeting.status = Meeting.Status.HELD
    world.meeting.save()
    with pytest.raises(ValidationError):
        world.send()
    assert mail.outbox == []
