"""Meetings and series: the list, one meeting's agenda, setting up a series, moving a date."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mace.core import clock
from mace.meetings.forms import MemberForm, MoveForm, ReasonForm, SeriesForm, ShareForm
from mace.meetings.models import MeetingSeries
from mace.meetings.permissions import can_manage_meetings
from mace.meetings.selectors import agenda as selectors
from mace.meetings.selectors.sharing import can_share, sharing_by_item, sharing_open
from mace.meetings.services import schedule, sharing
from mace.meetings.services import series as series_services
from mace.meetings.views.common import meeting_for, meeting_to_manage
from mace.web.forms import attach_errors
from mace.web.registry import agenda_links

GENERATE_AHEAD_DAYS = 365


def _require_manager(request) -> None:
    if not can_manage_meetings(request.user):
        raise PermissionDenied("Only the MACE coordinator or chair can do this.")


def meeting_list(request):
    upcoming = list(selectors.upcoming_meetings(user=request.user)[:12])
    past = list(selectors.past_meetings(user=request.user)[:12])
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": upcoming, "past": past, "can_manage": can_manage_meetings(request.user)},
    )


def meeting_detail(request, meeting_id: uuid.UUID):
    meeting = meeting_for(request, meeting_id)
    items = selectors.items_shown(
        user=request.user, items=selectors.items_visible_to(request.user, meeting)
    )
    slots = selectors.agenda_slots(meeting)
    manage = can_manage_meetings(request.user)
    shared = sharing_by_item(
        user=request.user, meeting=meeting, items=[item for item in items if not item.locked]
    )
    rows = [(item, *slots.get(item.pk, (None, 0)), shared.get(item.pk)) for item in items]
    context = {
        "meeting": meeting,
        "rows": rows,
        "can_manage": manage,
        "editable": manage and meeting.status == meeting.Status.SCHEDULED,
        "sharing_open": sharing_open(meeting),
        "can_share": not manage and can_share(request.user),
        **selectors.agenda_to_manage(user=request.user, meeting=meeting),
        # Links apps above add (contexts: build a contextual agenda from its alerts).
        "agenda_links": agenda_links(user=request.user, meeting=meeting),
    }
    return render(request, "meetings/meeting_detail.html", context)


def share_item(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    """An invited member adds their agency's information for one item before the meeting."""
    meeting = meeting_for(request, meeting_id)
    item = selectors.items_visible_to(request.user, meeting).filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item")
    [item] = selectors.items_shown(user=request.user, items=[item], page="share")
    if item.locked:
        raise Http404("No such item")
    own = sharing_by_item(user=request.user, meeting=meeting, items=[item])[item.pk].own
    initial = (
        {"information": own.information, "known_since": own.known_since, "source": own.source}
        if own
        else {}
    )
    form = ShareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sharing.agency_information_share(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Your agency's information about {item.label} is shared.")
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/share_item.html",
        {"meeting": meeting, "item": item, "form": form, "own": own, "open": sharing_open(meeting)},
    )


def meeting_move(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = MoveForm(request.POST or None, initial={"date": meeting.date})
    if request.method == "POST" and form.is_valid():
        try:
            schedule.meeting_move(
                actor=request.user,
                meeting=meeting,
                date=form.cleaned_data["date"],
                start_time=form.cleaned_data["start_time"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request, "The meeting has moved. Send the invitations again to tell everyone."
            )
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/meeting_move.html", {"meeting": meeting, "form": form})


def meeting_cancel(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            schedule.meeting_cancel(
                actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The meeting is cancelled.")
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/meeting_cancel.html", {"meeting": meeting, "form": form})


def series_list(request):
    _require_manager(request)
    series = MeetingSeries.objects.select_related("chair").order_by("kind", "name")
    return render(request, "meetings/series_list.html", {"series_list": series})


def series_create(request):
    _require_manager(request)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = series_services.series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            count = series.meetings.count()
            messages.success(request, f"The series is set up: {count} meetings scheduled.")
            return redirect("meetings:series_detail", series.pk)
    return render(request, "meetings/series_form.html", {"form": form})


def series_detail(request, series_id: uuid.UUID):
    _require_manager(request)
    series = get_object_or_404(MeetingSeries.objects.select_related("chair"), pk=series_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series_services.series_member_add(
                actor=request.user, series=series, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['agency']} has a seat on the series.")
            return redirect("meetings:series_detail", series.pk)
    today = clock.today()
    preview = schedule.occurrences(series, today, today + dt.timedelta(days=183))
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "members": series.members.select_related("agency", "representative", "deputy"),
            "form": form,
            "preview": preview,
            "meetings": series.meetings.filter(date__gte=today).order_by("date")[:8],
        },
    )


@require_POST
def series_generate(request, series_id: uuid.UUID):
    _require_manager(request)
    series = get_object_or_404(MeetingSeries, pk=series_id)
    until = clock.today() + dt.timedelta(days=GENERATE_AHEAD_DAYS)
    created = schedule.series_generate(series=series, until=until, actor=request.user)
    messages.success(request, f"{len(created)} more meetings scheduled.")
    return redirect("meetings:series_detail", series.pk)
