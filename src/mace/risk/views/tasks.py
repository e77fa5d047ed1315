"""The signed-in user's own task list: their VRMP actions and overdue plan reviews."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from mace.audit.services import access_record_many
from mace.meetings.selectors.actions import actions_for_owner as meeting_actions_for_owner
from mace.meetings.selectors.actions import actions_mark_locked
from mace.risk.forms.vrmp import CompleteActionForm
from mace.risk.models import VrmpAction
from mace.risk.selectors import vrmp as selectors
from mace.risk.services import vrmp as services


def task_list(request):
    actions = list(selectors.actions_for_owner(user=request.user))
    meeting_actions = actions_mark_locked(
        user=request.user, actions=meeting_actions_for_owner(user=request.user)
    )
    shown = [a.child for a in meeting_actions if a.child_id and not a.child_locked]
    if shown:
        access_record_many(actor=request.user, children=shown, payload={"page": "tasks"})
    reviews = selectors.reviews_due_for_lead(user=request.user)
    today = timezone.localdate()
    return render(
        request,
        "risk/task_list.html",
        {
            "actions": actions,
            "meeting_actions": meeting_actions,
            "reviews": reviews,
            "today": today,
        },
    )


def action_complete(request, action_id: uuid.UUID):
    action = selectors.actions_for_owner(user=request.user).filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    form = CompleteActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vrmp_action_complete(
                actor=request.user, action_id=action.pk, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("note", message)
        except (PermissionDenied, VrmpAction.DoesNotExist):
            raise Http404("No such action") from None
        else:
            messages.success(request, "The action is complete.")
            return redirect("tasks:list")
    return render(request, "risk/action_complete.html", {"form": form, "action": action})
