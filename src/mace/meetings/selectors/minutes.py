"""The parts of a meeting's minutes a user may read (shared by the page and the PDF)."""

from __future__ import annotations

from mace.accounts.permissions import COHORT_ROLES
from mace.meetings.models import AgendaItem, Invitation
from mace.meetings.selectors.agenda import items_mark_locked, items_visible_to


def sees_whole_meeting(user, meeting) -> bool:
    """The coordinator, chairs, analysts, and those invited to the whole meeting."""
    if user.role in COHORT_ROLES:
        return True
    return Invitation.objects.filter(
        meeting=meeting,
        user=user,
        item__isnull=True,
        sent_at__isnull=False,
        revoked_at__isnull=True,
    ).exists()


def minutes_visible_parts(*, user, meeting, minutes) -> dict:
    """General text and general addenda for whole-meeting readers; each item's entry and
    addenda only for items the user may see."""
    if minutes is None:
        return {"general": False, "entries": [], "addenda": []}
    visible = set(
        items_visible_to(user, meeting, statuses=(AgendaItem.Status.LISTED,)).values_list(
            "pk", flat=True
        )
    )
    whole = sees_whole_meeting(user, meeting)
    entries = [
        entry
        for entry in minutes.entries.select_related("item__child").order_by("item__position")
        if entry.item_id in visible
    ]
    items_mark_locked(user=user, items=[entry.item for entry in entries])
    addenda = [
        addendum
        for addendum in minutes.addenda.select_related("item__child", "created_by")
        if (addendum.item_id is None and whole) or addendum.item_id in visible
    ]
    return {"general": whole, "entries": entries, "addenda": addenda}
