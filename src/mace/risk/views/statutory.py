"""Pages of a child's statutory processes."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from mace.risk.forms.statutory import StatutoryProcessForm
from mace.risk.permissions import can_record_for_child
from mace.risk.selectors import statutory as selectors
from mace.risk.services import statutory as services
from mace.risk.views.common import attach_errors, child_for, child_for_recording, record_context


def statutory_list(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    context = record_context(request, child, "statutory")
    context["processes"] = selectors.statutory_processes_by_state(child=child)
    return render(request, "risk/statutory_list.html", context)


def statutory_edit(request, child_id: uuid.UUID, process_id: uuid.UUID | None = None):
    if process_id is None:
        child = child_for_recording(request, child_id)
        process = None
    else:
        child = child_for(request, child_id)
        process = selectors.statutory_process_get(child=child, process_id=process_id)
        if not can_record_for_child(request.user, child):
            if request.method != "GET":
                raise PermissionDenied("You can read this record but not add to it.")
            context = record_context(request, child, "statutory")
            context["process"] = process
            return render(request, "risk/statutory_detail.html", context)

    form = StatutoryProcessForm(
        request.POST or None, initial=StatutoryProcessForm.initial_from(process)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if process is None:
                services.statutory_process_record(
                    actor=request.user, child=child, **form.cleaned_data
                )
                done = "Statutory process recorded"
            else:
                services.statutory_process_update(
                    actor=request.user, process=process, **form.cleaned_data
                )
                done = "Statutory process updated"
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("risk:statutory_list", child_id=child.pk)
    context = record_context(request, child, "statutory")
    context.update(form=form, process=process)
    return render(request, "risk/statutory_form.html", context)
