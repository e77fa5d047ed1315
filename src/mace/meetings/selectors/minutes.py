"""The parts of a meeting's minutes a user may read (shared by the page and the PDF)."""

from __future__ import annotations

from mace.meetings.models import AgendaItem
from mace.meetings.selectors.agenda import items_shown, items_visible_to
from mace.meetings.selectors.papers import sees_whole_meeting


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
    items_shown(user=user, items=[entry.item for entry in entries], page="minutes")
    addenda = [
        addendum
        for addendum in minutes.addenda.select_related("item__child", "created_by")
        if (addendum.item_id is None and whole) or addendum.item_id in visible
    ]
    items_shown(user=user, items=[a.item for a in addenda if a.item_id], page="minutes")
    return {"general": whole, "entries": entries, "addenda": addenda}
