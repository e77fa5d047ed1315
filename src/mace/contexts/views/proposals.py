"""What waits for the coordinator and the analyst (ADR 31): suspected perpetrators who may
be a known person of concern, and links proposed from referrals."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from mace.contexts.forms.records import ReasonForm
from mace.contexts.permissions import can_resolve_persons
from mace.contexts.selectors.persons import links_to_decide, mentions_to_decide, proposals_page
from mace.contexts.services.links import link_confirm, link_retract
from mace.contexts.services.persons import person_mention_confirm, person_mention_keep_apart
from mace.web.forms import attach_errors


def _keep_apart_form(data=None, *, mention_id):
    return ReasonForm(
        data,
        prefix=f"apart-{mention_id}",
        label="Why they are not the same person",
        required_message="Say why they are not the same person",
    )


def _reject_form(data=None, *, link_id):
    return ReasonForm(
        data,
        prefix=f"reject-{link_id}",
        label="Why the link is rejected",
        required_message="Say why the link is rejected",
    )


def _allowed(request) -> None:
    if not can_resolve_persons(request.user):
        raise Http404("No page here")


def _page(request, *, bound=None, status=200):
    page = proposals_page(user=request.user)
    bound = bound or {}
    page["mentions"] = [
        (m, bound.get(m.pk) or _keep_apart_form(mention_id=m.pk)) for m in page["mentions"]
    ]
    page["links"] = [
        (link, source, target, bound.get(link.pk) or _reject_form(link_id=link.pk))
        for link, source, target in page["links"]
    ]
    page["error_form"] = next(iter(bound.values()), None)
    return render(request, "contexts/proposals.html", page, status=status)


def proposals(request):
    _allowed(request)
    return _page(request)


def _mention(request, mention_id):
    mention = mentions_to_decide(user=request.user).filter(pk=mention_id).first()
    if mention is None:
        messages.error(request, "That has already been decided.")
    return mention


@require_POST
def mention_confirm(request, mention_id: uuid.UUID):
    _allowed(request)
    mention = _mention(request, mention_id)
    if mention is not None:
        try:
            mention = person_mention_confirm(actor=request.user, mention=mention)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Confirmed as {mention.person.name}: the referral's links are proposed."
            )
    return redirect("contexts:proposals")


@require_POST
def mention_keep_apart(request, mention_id: uuid.UUID):
    _allowed(request)
    mention = _mention(request, mention_id)
    if mention is None:
        return redirect("contexts:proposals")
    form = _keep_apart_form(request.POST, mention_id=mention.pk)
    if form.is_valid():
        try:
            mention = person_mention_keep_apart(
                actor=request.user, mention=mention, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Kept apart: {mention.person.name} is a new person.")
            return redirect("contexts:proposals")
    return _page(request, bound={mention.pk: form})


def _link(request, link_id):
    link = links_to_decide(user=request.user).filter(pk=link_id).first()
    if link is None:
        messages.error(request, "That link has already been decided.")
    return link


@require_POST
def proposed_link_confirm(request, link_id: uuid.UUID):
    _allowed(request)
    link = _link(request, link_id)
    if link is not None:
        try:
            link_confirm(actor=request.user, link=link)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Link confirmed.")
    return redirect("contexts:proposals")


@require_POST
def proposed_link_reject(request, link_id: uuid.UUID):
    _allowed(request)
    link = _link(request, link_id)
    if link is None:
        return redirect("contexts:proposals")
    form = _reject_form(request.POST, link_id=link.pk)
    if form.is_valid():
        try:
            link_retract(actor=request.user, link=link, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Link rejected: it stays in the record's history.")
            return redirect("contexts:proposals")
    return _page(request, bound={link.pk: form})
