"""The coordinator builds the agenda: add, fill, reorder, defer, remove, for information."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mace.meetings.forms import ItemAddForm, ReasonForm, SlotForm
from mace.meetings.models import AgendaItem
from mace.meetings.selectors.agenda import items_shown
from mace.meetings.services import agenda as services
from mace.meetings.views.common import item_of, meeting_to_manage
from mace.people.selectors import children_search
from mace.web.forms import attach_errors

CHANGES = {
    "defer": ("Defer", services.item_defer),
    "remove": ("Remove", services.item_remove),
}


def _child_from(user, query: str):
    """The one child the coordinator named, or a message saying what to type instead."""
    matches = list(children_search(user=user, query=query).filter(locked=False)[:6])
    if not matches:
        raise ValidationError({"child": "No child in the MACE cohort matches that name or ID"})
    exact = [c for c in matches if c.full_name.lower() == query.strip().lower()]
    if len(exact) == 1:
        return exact[0]
    if len(matches) > 1:
        raise ValidationError(
            {"child": "More than one child matches: add the case-system ID or the full name"}
        )
    return matches[0]


def item_add(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = ItemAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = None
            if data["subject"] == AgendaItem.Subject.CHILD:
                if not data["child"].strip():
                    raise ValidationError({"child": "Enter the child's name or case-system ID"})
                child = _child_from(request.user, data["child"])
            item = services.item_add(
                actor=request.user,
                meeting=meeting,
                subject=data["subject"],
                child=child,
                title=data["title"],
                for_information=data["for_information"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{item.label} is on the agenda.")
            return redirect("meetings:detail", meeting.pk)
    return render(request, "meetings/item_add.html", {"meeting": meeting, "form": form})


@require_POST
def fill(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    try:
        added = items_shown(
            user=request.user, items=services.agenda_fill(meeting=meeting, actor=request.user)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("meetings:detail", meeting.pk)
    if added:
        names = ", ".join(item.label for item in added)
        messages.success(request, f"Added to the agenda: {names}.")
    else:
        messages.info(request, "Nothing more is due for this meeting, or it is full.")
    return redirect("meetings:detail", meeting.pk)


@require_POST
def item_move(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    item = item_of(meeting, item_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        services.item_move(actor=request.user, item=item, offset=offset)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#item-{item.pk}")


@require_POST
def item_information(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    item = item_of(meeting, item_id)
    try:
        services.item_set_information(
            actor=request.user, item=item, for_information=not item.for_information
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("meetings:detail", meeting.pk)


def item_slot(request, meeting_id: uuid.UUID, item_id: uuid.UUID):
    """Change how long one item's discussion takes."""
    meeting = meeting_to_manage(request, meeting_id)
    [item] = items_shown(user=request.user, items=[item_of(meeting, item_id)])
    form = SlotForm(request.POST or None, initial={"slot_minutes": item.slot_minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.item_set_slot(
                actor=request.user, item=item, minutes=form.cleaned_data["slot_minutes"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"{item.label} now has {form.cleaned_data['slot_minutes']} minutes; "
                "the times after it have moved.",
            )
            return redirect(f"{reverse('meetings:detail', args=[meeting.pk])}#item-{item.pk}")
    return render(
        request, "meetings/item_slot.html", {"meeting": meeting, "item": item, "form": form}
    )


def item_take_off(request, meeting_id: uuid.UUID, item_id: uuid.UUID, change: str):
    if change not in CHANGES:
        raise Http404("No such change")
    meeting = meeting_to_manage(request, meeting_id)
    [item] = items_shown(user=request.user, items=[item_of(meeting, item_id)])
    verb, service = CHANGES[change]
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = service(actor=request.user, item=item, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if change == "defer":
                messages.success(
                    request, f"{item.label} is deferred to {result.meeting.date:%-d %B %Y}."
                )
            else:
                messages.success(request, f"{item.label} is off the agenda.")
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/item_take_off.html",
        {"meeting": meeting, "item": item, "form": form, "verb": verb, "change": change},
    )
