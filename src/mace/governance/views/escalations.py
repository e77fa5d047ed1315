"""Escalations: the list (and, for the organisers, the children whose meeting decided
"Escalate to Gold"), raising one, its page, the response, closing it, raising it to Gold."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mace.governance.forms import CloseForm, EscalationForm, RespondForm, ToGoldForm
from mace.governance.models import Audience, Escalation
from mace.governance.permissions import (
    can_close,
    can_raise_escalation,
    can_raise_to_gold,
    can_respond,
)
from mace.governance.selectors.escalations import (
    discussion_to_escalate,
    discussions_to_escalate,
    escalation_get_for_user,
    escalation_parts,
    escalations_page,
)
from mace.governance.services import escalations as services
from mace.governance.views.common import form_page, require, require_reader, saved
from mace.meetings.models import Finding
from mace.meetings.selectors.agenda import meeting_get_for_user

FINDING_KINDS = {
    Finding.Kind.THEME: Escalation.Kind.THEME,
    Finding.Kind.TREND: Escalation.Kind.TREND,
    Finding.Kind.EMERGING_RISK: Escalation.Kind.EMERGING_RISK,
    Finding.Kind.PRACTICE_ISSUE: Escalation.Kind.PRACTICE_ISSUE,
}


def escalation_list(request):
    require_reader(request)
    status = request.GET.get("status", "")
    to = request.GET.get("to", "")
    return render(
        request,
        "governance/escalations.html",
        {
            "rows": escalations_page(user=request.user, status=status, to=to),
            "to_escalate": discussions_to_escalate(user=request.user),
            "can_raise": can_raise_escalation(request.user),
            "status": status,
            "to": to,
            "statuses": Escalation.Status.choices,
            "audiences": Audience.choices,
        },
    )


def _source(request):
    """The finding or discussion an escalation is raised from (?finding= / ?discussion=)."""
    finding = discussion = None
    try:
        if request.GET.get("finding"):
            finding = Finding.objects.select_related("meeting").get(
                pk=uuid.UUID(request.GET["finding"])
            )
            # The finding's meeting must be one the user may see (else 404).
            meeting_get_for_user(user=request.user, meeting_id=finding.meeting_id)
        elif request.GET.get("discussion"):
            discussion = discussion_to_escalate(
                user=request.user, discussion_id=uuid.UUID(request.GET["discussion"])
            )
    except (ValueError, Finding.DoesNotExist):
        raise Http404("Nothing to escalate from") from None
    return finding, discussion


def _initial(request, finding, discussion) -> dict:
    if finding is not None:
        meeting = finding.meeting
        return {
            "to": Audience.SILVER,
            "kind": FINDING_KINDS.get(finding.kind, ""),
            "title": f"{finding.get_kind_display()} from {meeting.title}, {meeting.date:%-d %B %Y}",
            "description": finding.description,
            "owner": request.user.pk,
        }
    if discussion is not None:
        meeting = discussion.item.meeting
        return {
            "to": Audience.GOLD,
            "kind": Escalation.Kind.CHILD,
            "title": f"A child escalated to Gold by {meeting.title}, {meeting.date:%-d %B %Y}",
            "description": discussion.risk_analysis,
            "owner": request.user.pk,
        }
    return {"owner": request.user.pk}


def escalation_raise(request):
    require_reader(request)
    require(can_raise_escalation(request.user), "Only a chair or the MACE coordinator can.")
    finding, discussion = _source(request)
    meeting = finding.meeting if finding else discussion.item.meeting if discussion else None
    actions = meeting.actions.order_by("due_date") if meeting is not None else None
    form = EscalationForm(
        request.POST or None,
        user=request.user,
        actions=actions,
        initial=_initial(request, finding, discussion),
    )
    made = {}

    def write():
        data = form.cleaned_data
        made["escalation"] = services.escalation_raise(
            actor=request.user,
            to=data["to"],
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
            children=data["children"],
            contexts=data["contexts"],
            actions=data.get("actions") or (),
            finding=finding,
            discussion=discussion,
        )

    if request.method == "POST" and saved(form, write):
        escalation = made["escalation"]
        messages.success(request, f"Escalated to {escalation.get_to_display()}")
        return redirect("governance:escalation_detail", escalation.pk)
    return form_page(
        request,
        form,
        title="Raise an escalation",
        back_url=reverse("governance:escalations"),
        back_label="Escalations",
        button="Escalate",
        extra={"finding": finding, "discussion": discussion},
    )


def escalation_detail(request, escalation_id: uuid.UUID):
    require_reader(request)
    escalation = escalation_get_for_user(user=request.user, escalation_id=escalation_id)
    parts = escalation_parts(user=request.user, escalation=escalation)
    open_ = escalation.status != Escalation.Status.CLOSED
    user = request.user
    return render(
        request,
        "governance/escalation_detail.html",
        {
            "escalation": escalation,
            "parts": parts,
            "can_respond": open_ and can_respond(user, escalation),
            "can_close": open_ and can_close(user, escalation),
            "can_raise_to_gold": open_
            and escalation.to == Audience.SILVER
            and can_raise_to_gold(user),
        },
    )


def _escalation_form(request, escalation_id, form_class, *, allowed, title, button, write_with):
    require_reader(request)
    escalation = escalation_get_for_user(user=request.user, escalation_id=escalation_id)
    require(allowed(request.user, escalation), "You cannot do this for this escalation.")
    form = form_class(request.POST or None)
    made = {}

    def write():
        made["escalation"] = write_with(escalation, form.cleaned_data)

    if request.method == "POST" and saved(form, write):
        return redirect("governance:escalation_detail", made["escalation"].pk)
    return form_page(
        request,
        form,
        title=title,
        back_url=reverse("governance:escalation_detail", args=[escalation.pk]),
        back_label=escalation.title,
        button=button,
        extra={"caption": escalation.title},
    )


def escalation_respond(request, escalation_id: uuid.UUID):
    return _escalation_form(
        request,
        escalation_id,
        RespondForm,
        allowed=can_respond,
        title="Respond to the escalation",
        button="Save the response",
        write_with=lambda e, data: services.escalation_respond(
            actor=request.user, escalation=e, response=data["response"]
        ),
    )


def escalation_close(request, escalation_id: uuid.UUID):
    return _escalation_form(
        request,
        escalation_id,
        CloseForm,
        allowed=can_close,
        title="Close the escalation",
        button="Close the escalation",
        write_with=lambda e, data: services.escalation_close(
            actor=request.user, escalation=e, note=data["note"]
        ),
    )


def escalation_to_gold(request, escalation_id: uuid.UUID):
    require_reader(request)
    escalation = escalation_get_for_user(user=request.user, escalation_id=escalation_id)
    require(
        can_raise_to_gold(request.user) and escalation.to == Audience.SILVER,
        "Only an escalation to Silver can be raised to Gold.",
    )
    form = ToGoldForm(
        request.POST or None,
        initial={
            "title": escalation.title,
            "description": escalation.description,
            "owner": request.user.pk,
        },
    )
    made = {}

    def write():
        data = form.cleaned_data
        made["escalation"] = services.escalation_raise_to_gold(
            actor=request.user,
            parent=escalation,
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Raised to Gold")
        return redirect("governance:escalation_detail", made["escalation"].pk)
    return form_page(
        request,
        form,
        title="Raise to Gold",
        back_url=reverse("governance:escalation_detail", args=[escalation.pk]),
        back_label=escalation.title,
        extra={"caption": escalation.title},
    )
