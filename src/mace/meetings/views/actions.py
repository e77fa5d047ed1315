"""Meeting actions: completing one (with a note), and the overdue list for the meeting."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from mace.audit.services import access_record, access_record_many
from mace.meetings.forms import CompleteForm
from mace.meetings.models import Action
from mace.meetings.permissions import can_manage_meetings
from mace.meetings.selectors.actions import actions_mark_locked, actions_overdue
from mace.meetings.services import recording
from mace.people.selectors import children_visible_to
from mace.risk.views.common import attach_errors


def overdue(request):
    if not can_manage_meetings(request.user):
        raise PermissionDenied("Only the MACE coordinator or chair can see every action.")
    visible = children_visible_to(request.user).values("pk")
    actions = list(actions_overdue().filter(Q(child__isnull=True) | Q(child__in=visible))[:500])
    access_record_many(actor=request.user, children=[a.child for a in actions if a.child_id])
    return render(request, "meetings/actions_overdue.html", {"actions": actions})


def complete(request, action_id: uuid.UUID):
    action = (
        Action.objects.select_related("child", "meeting", "owner_agency")
        .filter(pk=action_id, status=Action.Status.OPEN)
        .first()
    )
    if action is None or (
        action.owner_id != request.user.pk and not can_manage_meetings(request.user)
    ):
        raise Http404("No such action")
    [action] = actions_mark_locked(user=request.user, actions=[action])
    if action.child_id and not action.child_locked:
        access_record(actor=request.user, child=action.child)
    form = CompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recording.action_complete(
                actor=request.user, action_id=action.pk, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The action is complete.")
            return redirect("tasks:list")
    return render(request, "meetings/action_complete.html", {"form": form, "action": action})
