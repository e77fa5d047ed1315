"""Minutes: draft from the record, edit, the chair approves (locked), then addenda."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mace.meetings.forms import AddendumForm, MinutesForm
from mace.meetings.models import Minutes
from mace.meetings.permissions import can_approve_minutes, can_manage_meetings
from mace.meetings.selectors.minutes import minutes_visible_parts
from mace.meetings.services import minutes as services
from mace.meetings.views.common import meeting_for, meeting_to_manage
from mace.web.forms import attach_errors


def minutes(request, meeting_id: uuid.UUID):
    meeting = meeting_for(request, meeting_id)
    record = Minutes.objects.filter(meeting=meeting).select_related("approved_by").first()
    manage = can_manage_meetings(request.user)
    form = None
    if record is not None and not record.is_locked and manage:
        form = MinutesForm(request.POST or None, initial={"text": record.text})
        if request.method == "POST" and form.is_valid():
            entries = {
                key.removeprefix("entry-"): value
                for key, value in request.POST.items()
                if key.startswith("entry-")
            }
            try:
                services.minutes_edit(
                    actor=request.user,
                    minutes=record,
                    text=form.cleaned_data["text"],
                    entries=entries,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, "The draft minutes are saved.")
                return redirect("meetings:minutes", meeting.pk)
    elif request.method == "POST":
        raise PermissionDenied("These minutes cannot be edited.")
    parts = minutes_visible_parts(user=request.user, meeting=meeting, minutes=record)
    if form is not None and form.is_bound:
        # Not saved (the general text was wrong): show each child's minutes as typed.
        for entry in parts["entries"]:
            entry.text = request.POST.get(f"entry-{entry.item_id}", entry.text)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "minutes": record,
            "form": form,
            "parts": parts,
            "can_manage": manage,
            "can_approve": record is not None and can_approve_minutes(request.user, meeting),
            "addendum_form": AddendumForm(prefix="addendum", meeting=meeting, user=request.user)
            if record is not None
            and record.is_locked
            and (manage or can_approve_minutes(request.user, meeting))
            else None,
        },
    )


@require_POST
def draft(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    try:
        services.minutes_draft(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The minutes are drafted from what was recorded. Check them.")
    return redirect("meetings:minutes", meeting.pk)


@require_POST
def approve(request, meeting_id: uuid.UUID):
    meeting = meeting_for(request, meeting_id)
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is None:
        messages.error(request, "There are no minutes to approve yet.")
        return redirect("meetings:minutes", meeting.pk)
    try:
        services.minutes_approve(actor=request.user, minutes=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The minutes are approved and locked.")
    return redirect("meetings:minutes", meeting.pk)


def addendum(request, meeting_id: uuid.UUID):
    meeting = meeting_for(request, meeting_id)
    if not (can_manage_meetings(request.user) or can_approve_minutes(request.user, meeting)):
        raise PermissionDenied("Only the coordinator or the chair can correct minutes.")
    record = Minutes.objects.filter(meeting=meeting).first()
    form = AddendumForm(request.POST or None, prefix="addendum", meeting=meeting, user=request.user)
    if record is not None and request.method == "POST" and form.is_valid():
        try:
            services.addendum_add(
                actor=request.user,
                minutes=record,
                text=form.cleaned_data["text"],
                item=form.cleaned_data["item"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The addendum is added to the minutes.")
            return redirect("meetings:minutes", meeting.pk)
    return render(request, "meetings/addendum_form.html", {"meeting": meeting, "form": form})
