"""Invitations: core members to the whole meeting, practitioners to their child's slot.

Sending an invitation opens the child's papers to the invitee until 28 days after the
meeting (ARCHITECTURE §4) and emails a calendar file. Emails and calendar files never name
a child: they point to the service, where the invitee signs in.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock, mail
from mace.meetings.models import AgendaItem, Invitation, InvitationGrant, Meeting
from mace.meetings.services.common import require_manager, stamp
from mace.people.models import ChildAccess
from mace.people.services import (
    child_access_expiry_move,
    child_access_grant,
    child_access_revoke,
)

WHOLE_MEETING = (Invitation.Capacity.CORE, Invitation.Capacity.DEPUTY)


def core_invitations_ensure(*, actor, meeting: Meeting) -> list[Invitation]:
    """Invite each agency's representative and deputy on the series to the whole meeting."""
    require_manager(actor)
    created = []
    if meeting.series_id is None:
        return created
    invited = set(meeting.invitations.filter(item__isnull=True).values_list("user_id", flat=True))
    for member in meeting.series.members.select_related("representative", "deputy"):
        for user, capacity in (
            (member.representative, Invitation.Capacity.CORE),
            (member.deputy, Invitation.Capacity.DEPUTY),
        ):
            if user is None or user.pk in invited:
                continue
            invitation = Invitation(meeting=meeting, user=user, capacity=capacity)
            stamp(invitation, actor, verb=Event.Verb.INVITATION_ADDED, new=True)
            invitation.save()
            invited.add(user.pk)
            created.append(invitation)
    return created


def invitation_add(*, actor, item: AgendaItem, user, capacity: str) -> Invitation:
    """Invite a practitioner to one child's slot."""
    require_manager(actor)
    errors = {}
    if item.status != AgendaItem.Status.LISTED:
        errors["user"] = "This item is no longer on the agenda"
    if capacity in WHOLE_MEETING or capacity not in Invitation.Capacity.values:
        errors["capacity"] = "Choose how the practitioner is involved"
    if not user.is_active:
        errors["user"] = "This account is not active"
    if Invitation.objects.filter(meeting=item.meeting, user=user, item=item).exists():
        errors["user"] = f"{user.full_name} is already invited to this discussion"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        invitation = Invitation(meeting=item.meeting, user=user, item=item, capacity=capacity)
        stamp(invitation, actor, verb=Event.Verb.INVITATION_ADDED, new=True, child=item.child)
        invitation.save()
    return invitation


def _grant(*, actor, invitation: Invitation, item: AgendaItem) -> None:
    if item.child_id is None or item.status != AgendaItem.Status.LISTED:
        return
    if InvitationGrant.objects.filter(invitation=invitation, item=item).exists():
        return
    grant = child_access_grant(
        actor=actor,
        user=invitation.user,
        child=item.child,
        basis=ChildAccess.Basis.INVITATION,
        expires_at=invitation.meeting.access_until,
        reason=f"Invited to {invitation.meeting}",
    )
    InvitationGrant.objects.create(invitation=invitation, item=item, grant=grant)


def item_grants_open(*, actor, item: AgendaItem) -> None:
    """A child added after invitations went out: open it to those invited to the whole
    meeting (including a moved meeting's, not yet sent again)."""
    from mace.meetings.selectors.agenda import invitations_standing

    for invitation in (
        invitations_standing()
        .filter(meeting=item.meeting, item__isnull=True)
        .select_related("meeting", "user")
    ):
        _grant(actor=actor, invitation=invitation, item=item)


def item_grants_revoke(*, actor, item: AgendaItem, reason: str = "") -> None:
    """An item deferred or removed: every access its invitations opened ends now."""
    now = clock.now()
    grant_ids = InvitationGrant.objects.filter(item=item).values("grant_id")
    child_access_revoke(
        actor=actor,
        grant_ids=grant_ids,
        reason=reason or "The child's item was taken off the meeting's agenda",
    )
    item.invitations.filter(revoked_at__isnull=True).update(revoked_at=now)


def meeting_grants_follow(*, actor, meeting: Meeting) -> None:
    """The meeting moved: access runs to 28 days after its new date, and invitations are
    sent again with the new time."""
    grant_ids = InvitationGrant.objects.filter(invitation__meeting=meeting).values("grant_id")
    child_access_expiry_move(
        actor=actor,
        grant_ids=grant_ids,
        expires_at=meeting.access_until,
        reason="The meeting moved",
    )
    meeting.invitations.filter(revoked_at__isnull=True).update(sent_at=None)


def invitation_times(invitation: Invitation) -> tuple[dt.datetime, dt.datetime]:
    """The whole meeting for core members; the child's slot for a practitioner."""
    meeting = invitation.meeting
    if invitation.item_id is None:
        return meeting.starts_at, meeting.ends_at
    from mace.meetings.selectors.agenda import agenda_slots

    start, minutes = agenda_slots(meeting).get(
        invitation.item_id, (meeting.starts_at, meeting.slot_minutes)
    )
    return start, start + dt.timedelta(minutes=minutes)


def invitation_ics(invitation: Invitation, *, link: str, sequence: int = 0) -> bytes:
    """An RFC 5545 calendar file (METHOD:REQUEST) for the invitation, in UTC."""
    meeting = invitation.meeting
    start, end = invitation_times(invitation)
    calendar = Calendar()
    calendar.add("prodid", "-//MACE platform//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = CalendarEvent()
    event.add("uid", f"{invitation.pk}@mace")
    event.add("dtstamp", clock.now().astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(dt.UTC))
    event.add("dtend", end.astimezone(dt.UTC))
    event.add("sequence", sequence)
    summary = meeting.title
    if invitation.item_id:
        summary = f"{meeting.title}: discussion of a child you work with"
    event.add("summary", summary)
    where = meeting.location or meeting.online_link or "Online"
    event["location"] = vText(where)
    event.add("url", link)
    event.add(
        "description",
        "Restricted. Sign in to the MACE service to read the papers: " + link,
    )
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(settings.MACE_SERVICE_NAME)
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{invitation.user.email}")
    attendee.params["cn"] = vText(invitation.user.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def invitations_send(*, actor, meeting: Meeting, link_base: str) -> int:
    """Send every invitation not yet sent: grant access, email the .ics. Returns how many."""
    require_manager(actor)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("Invitations can only be sent for a scheduled meeting")
    link = link_base.rstrip("/") + reverse("meetings:detail", args=[meeting.pk])
    sent = 0
    with transaction.atomic():
        core_invitations_ensure(actor=actor, meeting=meeting)
        listed = list(meeting.items.filter(status=AgendaItem.Status.LISTED, child__isnull=False))
        pending = meeting.invitations.filter(
            sent_at__isnull=True, revoked_at__isnull=True
        ).select_related("user", "item", "meeting")
        messages = []
        for invitation in pending:
            targets = listed if invitation.item_id is None else [invitation.item]
            for item in targets:
                _grant(actor=actor, invitation=invitation, item=item)
            sequence = invitation.history.count()
            body = render_to_string(
                "meetings/email/invitation.txt",
                {
                    "invitation": invitation,
                    "meeting": meeting,
                    "times": invitation_times(invitation),
                    "link": link,
                    "service_name": settings.MACE_SERVICE_NAME,
                },
            )
            message = EmailMessage(
                f"Invitation: {meeting}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [invitation.user.email],
            )
            message.attach(
                "invitation.ics",
                invitation_ics(invitation, link=link, sequence=sequence),
                "text/calendar; method=REQUEST",
            )
            messages.append(message)
            invitation.sent_at = clock.now()
            invitation.modified_by = actor
            invitation.save(update_fields=["sent_at", "modified_by", "modified_at"])
            event_record(
                actor=actor,
                verb=Event.Verb.INVITATION_SENT,
                child=invitation.item.child if invitation.item_id else None,
                obj=invitation,
                payload={"invitee": invitation.user.email, "capacity": invitation.capacity},
            )
            sent += 1
        meeting.invitations_sent_at = clock.now()
        meeting.modified_by = actor
        meeting.save(update_fields=["invitations_sent_at", "modified_by", "modified_at"])
        mail.send_after_commit(messages)
    return sent
