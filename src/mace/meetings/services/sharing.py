"""Agencies share what they know before the meeting: each invited member adds their
agency's information for each item they may see (what the agency knows, since when, and
its source). The live screen shows it, and the minutes carry it."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import AgendaItem, Contribution, Discussion, Meeting
from mace.meetings.selectors.agenda import items_visible_to
from mace.meetings.services.common import stamp

SOURCE_MAX = 200


def _check_can_share(actor, item: AgendaItem) -> None:
    if not (actor.is_authenticated and actor.is_active) or actor.role == Role.REFERRER:
        raise PermissionDenied("Only an invited agency member can share information.")
    if actor.agency_id is None:
        raise PermissionDenied("Your account has no agency: ask an administrator to set it.")
    meeting = item.meeting
    if meeting.status != Meeting.Status.SCHEDULED or meeting.date < clock.today():
        raise ValidationError("This meeting has been held: information is shared in it now")
    if not items_visible_to(actor, meeting).filter(pk=item.pk).exists():
        # Not invited to this item (or the child's record is closed to them): the same
        # answer as for an item that does not exist.
        raise PermissionDenied("You are not invited to discuss this item.")


def agency_information_share(
    *,
    actor,
    item: AgendaItem,
    information: str,
    known_since: dt.date | None = None,
    source: str = "",
) -> Contribution:
    """The actor's agency's information about one agenda item, before the meeting
    (replacing what the agency shared before, by whoever shared it)."""
    _check_can_share(actor, item)
    information, source = (information or "").strip(), (source or "").strip()
    errors = {}
    if not information:
        errors["information"] = "Enter what your agency knows"
    if known_since is not None and known_since > clock.today():
        errors["known_since"] = "The date your agency has known it since must be today or before"
    if len(source) > SOURCE_MAX:
        errors["source"] = f"Enter the source in {SOURCE_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        discussion, _ = Discussion.objects.get_or_create(
            item=item, defaults={"created_by": actor, "modified_by": actor}
        )
        contribution, new = Contribution.objects.select_for_update().get_or_create(
            discussion=discussion, agency_id=actor.agency_id, defaults={"created_by": actor}
        )
        contribution.information = information
        contribution.known_since = known_since
        contribution.source = source
        contribution.shared_by = actor
        contribution.shared_at = clock.now()
        stamp(contribution, actor, verb=Event.Verb.INFORMATION_SHARED, new=new, child=item.child)
        contribution.save(
            update_fields=[
                "information",
                "known_since",
                "source",
                "shared_by",
                "shared_at",
                "modified_by",
                "modified_at",
            ]
        )
    return contribution
