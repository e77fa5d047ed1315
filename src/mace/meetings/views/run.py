"""Running the meeting live (a projector-friendly screen): attendance, each child's
discussion saved as it is typed, findings, actions, then closing the meeting."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from mace.accounts.models import Agency
from mace.meetings.forms import ActionForm, AttendanceForm, DiscussionForm, FindingForm
from mace.meetings.models import AgendaItem, Attendance, Discussion
from mace.meetings.selectors.agenda import agenda_slots, items_shown
from mace.meetings.selectors.papers import item_picture
from mace.meetings.services import recording
from mace.meetings.views.common import item_of, meeting_to_manage
from mace.people.selectors import child_get_for_user
from mace.web.forms import attach_errors
from mace.web.registry import finding_links, item_panels


def _agencies(meeting):
    """The agencies around the table: the series' members, anyone recorded as attending,
    and any agency that has already shared information."""
    ids = set(meeting.attendance.values_list("agency_id", flat=True))
    if meeting.series_id:
        ids |= set(meeting.series.members.values_list("agency_id", flat=True))
    ids |= set(
        Agency.objects.filter(
            pk__in=Discussion.objects.filter(item__meeting=meeting).values(
                "contributions__agency_id"
            )
        ).values_list("pk", flat=True)
    )
    if not ids:
        return Agency.objects.filter(is_active=True)
    return Agency.objects.filter(pk__in=ids)


def _items(meeting):
    return list(
        meeting.items.filter(status=AgendaItem.Status.LISTED)
        .select_related("child", "discussion")
        .order_by("for_information", "position", "created_at")
    )


def run(request, meeting_id: uuid.UUID):
    return _run_page(request, meeting_to_manage(request, meeting_id))


def _run_page(request, meeting, *, finding_form=None):
    """The meeting's overview; a finding that did not save is shown again, as typed."""
    items = items_shown(user=request.user, items=_items(meeting))
    slots = agenda_slots(meeting)
    attendance = {row.agency_id: row for row in meeting.attendance.all()}
    agencies = list(_agencies(meeting))
    rows = [(agency, attendance.get(agency.pk)) for agency in agencies]
    return render(
        request,
        "meetings/run.html",
        {
            "meeting": meeting,
            "rows": [
                (
                    item,
                    slots.get(item.pk, (None, 0))[0],
                    recording.discussion_check(getattr(item, "discussion", None)),
                )
                for item in items
            ],
            "attendance_rows": rows,
            "statuses": Attendance.Status.choices,
            "findings": [
                (finding, finding_links(user=request.user, finding=finding))
                for finding in meeting.findings.all()
            ],
            "finding_form": finding_form or FindingForm(prefix="finding"),
            "actions": meeting.actions.select_related("owner_agency", "owner", "item__child"),
            "action_form": ActionForm(prefix="action", meeting=meeting, user=request.user),
            "locked": meeting.status != meeting.Status.SCHEDULED,
        },
    )


def _contributions(request, item, agencies) -> dict:
    return {
        agency: request.POST.get(f"contribution-{agency.pk}", None)
        for agency in agencies
        if f"contribution-{agency.pk}" in request.POST
    }


def _save(request, item, form, agencies) -> dict[str, list[str]]:
    """Save every valid field and every agency's information; return the errors.

    Each valid field is kept even when another is wrong, so nothing typed is lost; the
    errors are shown on the page (or returned to the autosave script).
    """
    form.is_valid()
    fields = {
        name: form.cleaned_data[name]
        for name in DiscussionForm.Meta.fields
        if name in form.cleaned_data
        # Posted (a date comes as its day, month and year boxes): what was not sent is kept.
        and not form.fields[name].widget.value_omitted_from_data(
            request.POST, request.FILES, form.add_prefix(name)
        )
    }
    errors = {name: list(errs) for name, errs in form.errors.items()}
    try:
        recording.discussion_save(actor=request.user, item=item, **fields)
    except ValidationError as exc:
        refused = getattr(exc, "message_dict", {None: exc.messages})
        if None in refused:
            raise
        for name, messages_ in refused.items():
            errors.setdefault(name, []).extend(messages_)
            form.add_error(name, messages_)
        valid = {k: v for k, v in fields.items() if k not in refused}
        recording.discussion_save(actor=request.user, item=item, **valid)
    for agency, text in _contributions(request, item, agencies).items():
        recording.contribution_save(
            actor=request.user, item=item, agency=agency, information=text or ""
        )
    return errors


def run_item(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    item = item_of(meeting, item_id)
    if item.child_id:
        # Authorised and logged as any read of the child; a restricted record sends the
        # coordinator to break glass first.
        child_get_for_user(user=request.user, child_id=item.child_id)
    discussion = (
        Discussion.objects.filter(item=item).prefetch_related("contributions__shared_by").first()
    )
    agencies = list(_agencies(meeting))
    entries = {c.agency_id: c for c in (discussion.contributions.all() if discussion else [])}
    shared = {agency_id: entry.information for agency_id, entry in entries.items()}
    form = DiscussionForm(request.POST or None, instance=discussion)
    locked = meeting.status != meeting.Status.SCHEDULED
    if request.method == "POST" and not locked:
        try:
            errors = _save(request, item, form, agencies)
        except ValidationError as exc:
            attach_errors(form, exc)
            errors = exc.messages
        if not errors and item.child_id:
            # Everything typed is saved; say what the item still needs before moving on.
            missing = recording.discussion_check(Discussion.objects.get(item=item))
            for name, message in missing.items():
                form.add_error(name, message)
            errors = missing
        if not errors:
            messages.success(request, f"Saved the discussion of {item.label}.")
            following = _next_item(meeting, item)
            target = (
                reverse("meetings:run_item", args=[meeting.pk, following.pk])
                if following is not None
                else reverse("meetings:run", args=[meeting.pk])
            )
            return redirect(f"{target}?saved={item.pk}")
        shared.update(
            {agency.pk: text for agency, text in _contributions(request, item, agencies).items()}
        )
    return render(
        request,
        "meetings/run_item.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "contributions": [
                (agency, shared.get(agency.pk, ""), entries.get(agency.pk)) for agency in agencies
            ],
            "autosave_url": reverse("meetings:autosave", args=[meeting.pk, item.pk]),
            "locked": locked,
            "actions": item.actions.select_related("owner_agency", "owner"),
            "picture": item_picture(meeting=meeting, item=item) if item.child_id else None,
            "action_form": ActionForm(
                prefix="action", meeting=meeting, user=request.user, initial={"item": item}
            ),
            # What the apps above meetings add to the item (contexts: its connections).
            "panels": item_panels(request=request, item=item),
        },
    )


def _next_item(meeting, item):
    items = _items(meeting)
    ids = [other.pk for other in items]
    index = ids.index(item.pk) if item.pk in ids else -1
    return items[index + 1] if 0 <= index < len(items) - 1 else None


@require_POST
def autosave(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    """Keep what has been typed (JSON for the page's script)."""
    meeting = meeting_to_manage(request, meeting_id)
    item = item_of(meeting, item_id)
    discussion = Discussion.objects.filter(item=item).first()
    form = DiscussionForm(request.POST, instance=discussion)
    try:
        errors = _save(request, item, form, list(_agencies(meeting)))
    except ValidationError as exc:
        return JsonResponse({"saved": False, "errors": exc.messages}, status=409)
    return JsonResponse(
        {"saved": True, "at": timezone.localtime().strftime("%H:%M:%S"), "errors": errors}
    )


@require_POST
def attendance(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    saved, unsaved = 0, []
    for agency in _agencies(meeting):
        form = AttendanceForm(request.POST, prefix=f"attendance-{agency.pk}")
        if not form.is_valid():
            if form.data.get(f"attendance-{agency.pk}-attendee_name", "").strip():
                unsaved.append(agency.name)  # a name typed, but no attendance chosen
            continue
        try:
            recording.attendance_record(
                actor=request.user,
                meeting=meeting,
                agency=agency,
                status=form.cleaned_data["status"],
                attendee_name=form.cleaned_data["attendee_name"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("meetings:run", meeting.pk)
        saved += 1
    if unsaved:
        messages.error(
            request,
            "Choose present, deputy, apologies or absent for "
            + ", ".join(unsaved)
            + f" (saved for {saved} other agencies).",
        )
    else:
        messages.success(request, f"Attendance saved for {saved} agencies.")
    return redirect(reverse("meetings:run", args=[meeting.pk]) + "#attendance")


@require_POST
def finding_add(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = FindingForm(request.POST, prefix="finding")
    if form.is_valid():
        try:
            recording.finding_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Recorded.")
            return redirect(reverse("meetings:run", args=[meeting.pk]) + "#findings")
    return _run_page(request, meeting, finding_form=form)


def action_add(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = ActionForm(request.POST or None, prefix="action", meeting=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = recording.action_add(actor=request.user, meeting=meeting, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Action added for {action.owner_agency}.")
            if action.item_id:
                return redirect("meetings:run_item", meeting.pk, action.item_id)
            return redirect(reverse("meetings:run", args=[meeting.pk]) + "#actions")
    return render(request, "meetings/action_form.html", {"meeting": meeting, "form": form})


@require_POST
def close(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    try:
        recording.meeting_close(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("meetings:run", meeting.pk)
    messages.success(request, "The meeting is closed. Draft the minutes next.")
    return redirect("meetings:minutes", meeting.pk)
