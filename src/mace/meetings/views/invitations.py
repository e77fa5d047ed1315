"""Invitations: the meeting's core members, practitioners per child, and sending them."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mace.meetings.forms import InvitationForm
from mace.meetings.models import AgendaItem, Invitation
from mace.meetings.selectors.agenda import items_shown
from mace.meetings.selectors.invitations import suggested_invitees
from mace.meetings.services import invitations as services
from mace.meetings.views.common import meeting_to_manage
from mace.web.forms import attach_errors


def invitations(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    form = InvitationForm(request.POST or None, meeting=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_add(
                actor=request.user,
                item=form.cleaned_data["item"],
                user=form.cleaned_data["user"],
                capacity=form.cleaned_data["capacity"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"{invitation.user.full_name} will be invited to the discussion of "
                f"{invitation.item.label}.",
            )
            return redirect("meetings:invitations", meeting.pk)
    rows = list(
        meeting.invitations.select_related("user__agency", "item__child").order_by(
            "item__position", "capacity", "user__full_name"
        )
    )
    items = items_shown(
        user=request.user,
        items=meeting.items.filter(status=AgendaItem.Status.LISTED, child__isnull=False)
        .select_related("child", "referral__referrer__agency")
        .order_by("position"),
    )
    items_shown(user=request.user, items=[r.item for r in rows if r.item_id])
    return render(
        request,
        "meetings/invitations.html",
        {
            "meeting": meeting,
            "form": form,
            "core": [r for r in rows if r.item_id is None],
            "slots": [r for r in rows if r.item_id is not None],
            "suggestions": suggested_invitees(
                items=[item for item in items if not item.locked], invited=rows
            ),
            "unsent": sum(1 for r in rows if r.sent_at is None and r.revoked_at is None),
            "Capacity": Invitation.Capacity,
        },
    )


@require_POST
def send(request, meeting_id: uuid.UUID):
    meeting = meeting_to_manage(request, meeting_id)
    try:
        count = services.invitations_send(
            actor=request.user, meeting=meeting, link_base=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{count} invitation{'s' if count != 1 else ''} sent, each with a calendar file.",
        )
    return redirect("meetings:invitations", meeting.pk)
