"""Reading the audit log: auditors only."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mace.audit.models import Event
from mace.audit.permissions import can_view_audit
from mace.audit.services import access_record_many, event_record


@dataclass(frozen=True)
class LogFilter:
    actor_email: str = ""
    child: str = ""  # a child's record ID, or part of a name
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    verb: str = ""


def _require_auditor(user) -> None:
    if not can_view_audit(user):
        raise Http404("Not found")


LOG_PAGE_SIZE = 50


def events_page(*, user, filters: LogFilter, page_number=1) -> Page:
    """One page of the access log for the auditor. The search is itself logged, and so is
    each child the page names: the auditor reading about a child is a read of that child."""
    page = Paginator(events_search(user=user, filters=filters), LOG_PAGE_SIZE).get_page(page_number)
    event_record(
        actor=user,
        verb=Event.Verb.LOG_SEARCHED,
        payload={k: str(v) for k, v in filters.__dict__.items() if v},
    )
    children = {event.child_id: event.child for event in page.object_list if event.child_id}
    named = [child for child in children.values() if child is not None]
    if named:
        access_record_many(actor=user, children=named, payload={"page": "access log"})
    return page


def events_for_export(*, user, filters: LogFilter) -> QuerySet[Event]:
    """The events an auditor exports; the export is logged as one event with its filters
    (the export is the log itself: its rows are not logged again one by one)."""
    events = events_search(user=user, filters=filters)
    event_record(
        actor=user,
        verb=Event.Verb.LOG_EXPORTED,
        payload={k: str(v) for k, v in filters.__dict__.items() if v},
    )
    return events


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def events_search(*, user, filters: LogFilter) -> QuerySet[Event]:
    """Audit events matching the filters, newest first."""
    _require_auditor(user)
    qs = Event.objects.select_related("child")
    if filters.actor_email:
        qs = qs.filter(actor_email__icontains=filters.actor_email.strip())
    if filters.child:
        term = filters.child.strip()
        try:
            qs = qs.filter(child_id=uuid.UUID(term))
        except ValueError:
            condition = Q()
            for part in term.split():
                condition &= Q(child__given_name__icontains=part) | Q(
                    child__family_name__icontains=part
                )
            qs = qs.filter(condition)
    if filters.date_from:
        qs = qs.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(at__lt=_day_start(filters.date_to + dt.timedelta(days=1)))
    if filters.verb:
        qs = qs.filter(verb=filters.verb)
    return qs.order_by("-at", "-id")
