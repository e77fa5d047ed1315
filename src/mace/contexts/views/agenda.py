"""Putting contexts on the contextual MACE agenda: from a context's page, and the builder
page of one meeting (alerts, findings of child-focused meetings, expiring orders, contexts
not discussed for long). ADR 33."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from mace.contexts.models import Alert, Context
from mace.contexts.selectors.agenda import agenda_candidates, contextual_meetings_ahead
from mace.contexts.selectors.visibility import (
    alerts_as_seen,
    context_get_for_user,
    contexts_visible_to,
    links_visible_to,
)
from mace.contexts.services.agenda import context_agenda_add, finding_agenda_add, may_build_agenda
from mace.core.forms import GovukForm
from mace.meetings.models import Finding, Kind
from mace.meetings.selectors.agenda import meeting_get_for_user
from mace.web.forms import attach_errors


class MeetingChoiceForm(GovukForm):
    meeting = forms.ChoiceField(label="Which contextual MACE meeting", widget=forms.RadioSelect)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = [
            (str(m.pk), f"{m.title}, {m.date:%-d %B %Y}") for m in meetings
        ]


def _require_builder(request) -> None:
    if not may_build_agenda(request.user):
        raise PermissionDenied("Only the MACE coordinator, the chair or the analyst can do this.")


def agenda_add(request, context_id: uuid.UUID):
    """From a context's page: choose a coming contextual meeting and put it on the agenda."""
    _require_builder(request)  # before the context is read (and logged as seen)
    context = context_get_for_user(user=request.user, context_id=context_id)
    meetings = list(contextual_meetings_ahead(user=request.user)[:8])
    form = MeetingChoiceForm(request.POST or None, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        meeting = form.meetings[form.cleaned_data["meeting"]]
        alert = Alert.objects.filter(context=context, status=Alert.Status.OPEN).first()
        try:
            context_agenda_add(actor=request.user, meeting=meeting, context=context, alert=alert)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{context.name} is on the agenda of {meeting}.")
            return redirect("contexts:detail", context.pk)
    return render(
        request, "contexts/agenda_add.html", {"form": form, "record": context, "meetings": meetings}
    )


def agenda_build(request, meeting_id: uuid.UUID):
    """One meeting's candidates, each with a button that puts it on the agenda."""
    meeting = meeting_get_for_user(user=request.user, meeting_id=meeting_id)
    _require_builder(request)
    if meeting.kind != Kind.CONTEXT:
        raise Http404("Only contextual MACE agendas are built here")
    error = ""
    if request.method == "POST":
        try:
            added = _add_from(request, meeting)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"{added} is on the agenda.")
            return redirect("contexts:agenda_build", meeting.pk)
    candidates = agenda_candidates(user=request.user, meeting=meeting)
    return render(
        request,
        "contexts/agenda_build.html",
        {"meeting": meeting, "candidates": candidates, "error": error},
    )


def _add_from(request, meeting) -> str:
    post = request.POST
    visible = contexts_visible_to(request.user)
    if post.get("alert"):
        alert = get_object_or_404(
            Alert.objects.select_related("context").filter(link__in=links_visible_to(request.user)),
            pk=post["alert"],
            status=Alert.Status.OPEN,
        )
        # Only an alert the builder offers this reader (its links theirs to see).
        if not visible.filter(pk=alert.context_id).exists() or not alerts_as_seen(
            user=request.user, alerts=[alert]
        ):
            raise Http404("No record found")
        context_agenda_add(actor=request.user, meeting=meeting, context=alert.context, alert=alert)
        return alert.context.name
    if post.get("finding"):
        finding = get_object_or_404(
            Finding.objects.select_related("meeting"), pk=post["finding"], meeting__kind=Kind.CHILD
        )
        theme = None
        if post.get("theme"):
            theme = get_object_or_404(visible.filter(kind=Context.Kind.THEME), pk=post["theme"])
        item = finding_agenda_add(
            actor=request.user,
            meeting=meeting,
            finding=finding,
            theme=theme,
            name=post.get("name", ""),
        )
        return item.label
    if post.get("context"):
        context = get_object_or_404(visible, pk=post["context"])
        context_agenda_add(actor=request.user, meeting=meeting, context=context)
        return context.name
    raise ValidationError("Choose what to put on the agenda")
