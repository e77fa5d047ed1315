"""Which meetings and agenda items a user may see (the meetings side of ARCHITECTURE §4:
whether a child is visible is still decided by mace.people.selectors), and slot times."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from mace.accounts.permissions import COHORT_ROLES
from mace.core import clock
from mace.meetings.models import AgendaItem, Invitation, Kind, Meeting, SeriesMember
from mace.people.selectors import child_visible_q, children_visible_to, rows_shown

# Standing groups: their seats see every meeting of their series (see _sits_on).
STANDING_KINDS = (Kind.SILVER, Kind.GOLD)


def _sees_all(user) -> bool:
    return user.is_authenticated and user.is_active and user.role in COHORT_ROLES


def invitations_standing() -> QuerySet[Invitation]:
    """Invitations that are in force: not revoked, and sent. A meeting that moves marks its
    invitations to be sent again (sent_at cleared) but they still stand: any invitation made
    before the meeting's last sending was sent then."""
    return Invitation.objects.filter(revoked_at__isnull=True).filter(
        Q(sent_at__isnull=False) | Q(created_at__lte=F("meeting__invitations_sent_at"))
    )


def _invitations(user) -> QuerySet[Invitation]:
    return invitations_standing().filter(user=user)


def _sits_on(user) -> Q:
    """The meetings the user sits on by standing, not by invitation: those they chair, and
    every meeting of a Silver or Gold series on which they hold a seat (representative or
    deputy). Silver and Gold are standing groups, and their papers stay open to them."""
    seat = SeriesMember.objects.filter(series=OuterRef("series_id")).filter(
        Q(representative=user) | Q(deputy=user)
    )
    return Q(chair=user) | Q(Exists(seat), kind__in=STANDING_KINDS)


def sits_on(user, meeting: Meeting) -> bool:
    """Does the user chair this meeting, or hold a seat on its Silver or Gold series?"""
    if not (user.is_authenticated and user.is_active):
        return False
    return Meeting.objects.filter(_sits_on(user), pk=meeting.pk).exists()


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """The coordinator, chairs and analysts see every meeting; a meeting's chair and the
    seats of a Silver or Gold series see its meetings; anyone else sees a meeting they were
    invited to, until their access to its papers ends."""
    if not (user.is_authenticated and user.is_active):
        return Meeting.objects.none()
    if _sees_all(user):
        return Meeting.objects.all()
    invited = _invitations(user).filter(meeting=OuterRef("pk"))
    # access_until is computed in Python (it depends on the wall-clock start), so the
    # 28-day window is applied with a generous date filter here and exactly below.
    horizon = clock.today() - dt.timedelta(days=29)
    return Meeting.objects.filter(Q(Exists(invited), date__gte=horizon) | _sits_on(user))


def meeting_get_for_user(*, user, meeting_id: uuid.UUID) -> Meeting:
    meeting = (
        meetings_visible_to(user).select_related("series", "chair").filter(pk=meeting_id).first()
    )
    if meeting is None:
        raise Http404("No meeting found")
    if not _sees_all(user) and clock.now() >= meeting.access_until and not sits_on(user, meeting):
        raise Http404("No meeting found")
    return meeting


def items_visible_to(user, meeting: Meeting, *, statuses=(AgendaItem.Status.LISTED,)):
    """The agenda items of the meeting this user may see, in order.

    Invited to the whole meeting: every item whose child they may see, and the contextual
    items. Invited to a slot: that child's item only.
    """
    items = (
        meeting.items.filter(status__in=statuses)
        .select_related("child", "referral", "subject_type")
        .order_by("position", "created_at")
    )
    if _sees_all(user):
        return items
    invitations = _invitations(user).filter(meeting=meeting)
    whole = sits_on(user, meeting) or invitations.filter(item__isnull=True).exists()
    if whole:
        return items.filter(Q(child__isnull=True) | child_visible_q(user))
    slots = invitations.filter(item__isnull=False).values("item_id")
    return items.filter(child_visible_q(user), pk__in=slots)


def agenda_slots(meeting: Meeting) -> dict[uuid.UUID, tuple[dt.datetime, int]]:
    """Each listed item's start time and length. Items for information take no time and
    follow the discussions."""
    start = meeting.starts_at
    slots = {}
    listed = meeting.items.filter(status=AgendaItem.Status.LISTED).order_by(
        "for_information", "position", "created_at"
    )
    for item_id, minutes, info in listed.values_list("pk", "slot_minutes", "for_information"):
        slots[item_id] = (start, 0 if info else minutes)
        if not info:
            start += dt.timedelta(minutes=minutes)
    return slots


def upcoming_meetings(*, user, kind: str | None = None) -> QuerySet[Meeting]:
    """Meetings still to be held: from today on, neither cancelled nor already held (a
    meeting closed this morning is under "Held")."""
    qs = meetings_visible_to(user).filter(date__gte=clock.today(), status=Meeting.Status.SCHEDULED)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("series")


def past_meetings(*, user) -> QuerySet[Meeting]:
    """Meetings held or whose date has passed, latest first."""
    return (
        meetings_visible_to(user)
        .filter(Q(date__lt=clock.today()) | Q(status=Meeting.Status.HELD))
        .select_related("series", "minutes")
        .order_by("-date", "-start_time")
    )


def meeting_for_referral(*, user, referral) -> Meeting | None:
    """The meeting whose agenda the referral is on, if the user may see that meeting (None
    if it is on no agenda yet)."""
    item = (
        AgendaItem.objects.filter(referral_id=referral.pk, meeting__in=meetings_visible_to(user))
        .select_related("meeting")
        .first()
    )
    return item.meeting if item is not None else None


def items_open_to(*, user, meeting: Meeting) -> QuerySet[AgendaItem]:
    """Listed items the user may name in a form: contextual ones, and children whose record
    is open to them (a restricted record they are not named on is left out)."""
    return meeting.items.filter(
        Q(child__isnull=True) | child_visible_q(user),
        status=AgendaItem.Status.LISTED,
    ).select_related("child")


def items_shown(*, user, items, page: str = "agenda") -> list[AgendaItem]:
    """Agenda items as this user sees them, each child shown logged (``rows_shown``): an item
    whose child is a restricted record the user may not open is marked ``locked`` and
    labelled "A restricted record"."""
    return rows_shown(user=user, rows=items, payload={"page": page})


def agenda_to_manage(*, user, meeting: Meeting) -> dict:
    """What a coordinator or chair sees below the agenda: items taken off, and for a coming
    child-focused meeting the referrals waiting, the reviews due and the overdue actions.
    Restricted records the user has not opened are left out of the last three lists; every
    child shown is logged. Empty lists for anyone who does not manage meetings."""
    from mace.meetings.permissions import can_manage_meetings
    from mace.meetings.selectors.actions import actions_overdue
    from mace.meetings.services.agenda import referrals_pending, reviews_due

    context = {"taken_off": [], "pending_referrals": [], "due_reviews": [], "overdue_actions": []}
    if not can_manage_meetings(user):
        return context
    context["taken_off"] = items_shown(
        user=user,
        items=meeting.items.exclude(status=AgendaItem.Status.LISTED).select_related(
            "child", "deferred_to__meeting"
        ),
    )
    if meeting.is_child_focused and meeting.status == Meeting.Status.SCHEDULED:
        visible = children_visible_to(user).values("pk")
        payload = {"page": "agenda"}
        context["pending_referrals"] = rows_shown(
            user=user,
            rows=referrals_pending().filter(Q(child__isnull=True) | child_visible_q(user))[:20],
            payload=payload,
        )
        context["due_reviews"] = rows_shown(
            user=user,
            rows=reviews_due(by=meeting.date).filter(item__child__in=visible)[:20],
            child_of=lambda due: due.item.child,
            payload=payload,
        )
        context["overdue_actions"] = rows_shown(
            user=user,
            rows=actions_overdue(on=meeting.date).filter(
                Q(child__isnull=True) | child_visible_q(user)
            )[:50],
            payload=payload,
        )
    return context
