"""Disruption pages: record it on a context, change or end it, the disruption in force."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mace.contexts.forms.disruption import DisruptionEndForm, DisruptionForm
from mace.contexts.models import Context
from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.disruption import (
    disruption_get_for_user,
    disruption_in_force,
    expiry_of,
)
from mace.contexts.selectors.visibility import context_get_for_user, sees_all_contexts
from mace.contexts.services.disruption import (
    AGAINST,
    disruption_end,
    disruption_record,
    disruption_update,
)
from mace.web.forms import attach_errors

DISRUPTED_KINDS = sorted({kind for kinds in AGAINST.values() for kind in kinds})


def _require_recorder(user) -> None:
    if not can_record_contexts(user):
        raise Http404("No page here")


def disruption_add(request, context_id: uuid.UUID):
    _require_recorder(request.user)
    context = context_get_for_user(user=request.user, context_id=context_id)
    if context.kind not in DISRUPTED_KINDS:
        raise Http404("Disruption is not recorded against a theme")
    form = DisruptionForm(request.POST if request.method == "POST" else None, kind=context.kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disruption_record(
                actor=request.user,
                context=context,
                tactic=data["tactic"],
                agency=data["agency"],
                started_on=data["started_on"],
                expires_on=data["expires_on"],
                reference=data["reference"],
                details=data["details"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404("No page here") from exc
        else:
            return redirect(reverse("contexts:detail", args=[context.pk]) + "#disruption")
    return render(request, "contexts/disruption_form.html", {"record": context, "form": form})


def disruption_edit(request, disruption_id: uuid.UUID):
    _require_recorder(request.user)
    disruption = disruption_get_for_user(user=request.user, disruption_id=disruption_id)
    initial = {
        "agency": disruption.agency_id,
        "started_on": disruption.started_on,
        "expires_on": disruption.expires_on,
        "reference": disruption.reference,
        "details": disruption.details,
    }
    is_end = request.method == "POST" and request.POST.get("action") == "end"
    is_change = request.method == "POST" and not is_end
    form = DisruptionForm(request.POST if is_change else None, initial=initial, with_tactic=False)
    end_form = DisruptionEndForm(request.POST if is_end else None)
    active = disruption.status == disruption.Status.ACTIVE
    if is_change and form.is_valid():
        try:
            disruption_update(actor=request.user, disruption=disruption, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect(
                reverse("contexts:detail", args=[disruption.context_id]) + "#disruption"
            )
    if is_end and active and end_form.is_valid():
        try:
            disruption_end(
                actor=request.user,
                disruption=disruption,
                ended_on=end_form.cleaned_data["ended_on"],
                outcome=end_form.cleaned_data["outcome"],
            )
        except ValidationError as exc:
            attach_errors(end_form, exc)
        else:
            return redirect(
                reverse("contexts:detail", args=[disruption.context_id]) + "#disruption"
            )
    return render(
        request,
        "contexts/disruption_edit.html",
        {
            "disruption": disruption,
            "record": disruption.context,
            "form": form,
            "end_form": end_form,
            "active": active,
            "expiry": expiry_of(disruption),
        },
    )


def disruption_list(request):
    if not sees_all_contexts(request.user):
        raise Http404("No page here")
    kind = request.GET.get("kind", "")
    if kind not in DISRUPTED_KINDS:
        kind = ""
    rows = disruption_in_force(user=request.user, context_kind=kind)
    return render(
        request,
        "contexts/disruption_list.html",
        {
            "rows": rows,
            "kind": kind,
            "kinds": [(k, Context.Kind(k).label) for k in DISRUPTED_KINDS],
            "flagged": sum(1 for _, expiry in rows if expiry.flagged),
            "can_record": can_record_contexts(request.user),
        },
    )
