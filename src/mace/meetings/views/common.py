"""What every meeting page does first: fetch the meeting through the selectors."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from mace.meetings.models import AgendaItem, Meeting
from mace.meetings.permissions import can_manage_meetings
from mace.meetings.selectors.agenda import meeting_get_for_user


def meeting_for(request, meeting_id: uuid.UUID) -> Meeting:
    """The meeting if the user may see it (else 404)."""
    return meeting_get_for_user(user=request.user, meeting_id=meeting_id)


def meeting_to_manage(request, meeting_id: uuid.UUID) -> Meeting:
    """The meeting, and the user must run meetings (else 403)."""
    meeting = meeting_for(request, meeting_id)
    if not can_manage_meetings(request.user):
        raise PermissionDenied("Only the MACE coordinator or chair can do this.")
    return meeting


def item_of(meeting: Meeting, item_id: uuid.UUID) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("child", "meeting"), pk=item_id, meeting=meeting
    )
