"""Completing a VRMP action from "Your tasks" (the list itself is mace.casefile's)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from mace.risk.forms.vrmp import CompleteActionForm
from mace.risk.models import VrmpAction
from mace.risk.selectors import vrmp as selectors
from mace.risk.services import vrmp as services


def action_complete(request, action_id: uuid.UUID):
    action = selectors.vrmp_action_for_completion(user=request.user, action_id=action_id)
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
