"""What agencies have shared before a meeting: a member's own entries, and for the chair
and coordinator, which invited agencies have not shared yet (agencies, never children)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mace.accounts.models import Role
from mace.core import clock
from mace.meetings.models import Contribution, Meeting
from mace.meetings.selectors.agenda import invitations_standing


@dataclass
class ItemSharing:
    """One item's sharing before the meeting, as the agenda page shows it."""

    own: Contribution | None = None  # the reader's agency's entry (for a member)
    shared: list[str] = field(default_factory=list)  # agencies that have shared
    waiting: list[str] = field(default_factory=list)  # invited agencies yet to share


def sharing_open(meeting: Meeting) -> bool:
    """Can information still be shared before this meeting?"""
    return meeting.status == Meeting.Status.SCHEDULED and meeting.date >= clock.today()


def can_share(user) -> bool:
    """An agency member (or any non-referrer with an agency) shares for their agency."""
    return bool(
        user.is_authenticated and user.is_active and user.agency_id and user.role != Role.REFERRER
    )


def sharing_by_item(*, user, meeting: Meeting, items) -> dict:
    """For each of these items (already limited to what the user may see), the reader's
    own agency's entry and which invited agencies have or have not shared. Three queries,
    whatever the number of items."""
    ids = [item.pk for item in items]
    entries = (
        Contribution.objects.filter(discussion__item_id__in=ids)
        .exclude(information="")
        .select_related("agency", "shared_by", "discussion")
    )
    by_item: dict = defaultdict(ItemSharing)
    shared_agencies: dict = defaultdict(set)
    for entry in entries:
        item_id = entry.discussion.item_id
        shared_agencies[item_id].add(entry.agency.name)
        if entry.agency_id == user.agency_id:
            by_item[item_id].own = entry
    invited: dict = defaultdict(set)  # item id (None: the whole meeting) -> agency names
    for item_id, agency in (
        invitations_standing()
        .filter(meeting=meeting, user__agency__isnull=False)
        .values_list("item_id", "user__agency__name")
    ):
        invited[item_id].add(agency)
    for item_id in ids:
        expected = invited[None] | invited[item_id]
        sharing = by_item[item_id]
        sharing.shared = sorted(shared_agencies[item_id])
        sharing.waiting = sorted(expected - shared_agencies[item_id])
    return dict(by_item)
