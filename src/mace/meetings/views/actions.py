"""Meeting actions: completing one (with a note), and the overdue list for the meeting."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from mace.meetings.forms import CompleteForm
from mace.meetings.selectors.actions import action_for_completion, actions_overdue_shown
from mace.meetings.services import recording
from mace.web.forms import attach_errors


def overdue(request):
    actions = actions_overdue_shown(user=request.user)
    return render(request, "meetings/actions_overdue.html", {"actions": actions})


def complete(request, action_id: uuid.UUID):
    action = action_for_completion(user=request.user, action_id=action_id)
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
