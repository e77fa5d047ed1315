"""The coordinator's triage queue and one referral's triage page."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mace.core import clock
from mace.core.workdays import working_days_between
from mace.referrals.forms.other import DecisionForm, UnlinkForm
from mace.referrals.models import Referral
from mace.referrals.placements import placement_lines
from mace.referrals.selectors import referrals as selectors
from mace.referrals.selectors.matching import candidates_for_referral, candidates_shown
from mace.referrals.services import triage as services
from mace.risk.selectors.summary import child_record_summary
from mace.risk.selectors.vrmp import mace_criteria
from mace.web.forms import attach_errors

NO_CHILD_CHOSEN = "Choose the child this referral is about, or create a new child"


def queue(request):
    view = request.GET.get("view", "open")
    if view not in selectors.QUEUE_FILTERS:
        view = "open"
    page = selectors.triage_queue_page(
        user=request.user, view=view, page_number=request.GET.get("page")
    )
    today = clock.today()
    rows = [
        (r, working_days_between(timezone.localtime(r.submitted_at).date(), today))
        for r in page.object_list
    ]
    return render(
        request,
        "referrals/triage_queue.html",
        {
            "page": page,
            "rows": rows,
            "view": view,
            "filters": selectors.QUEUE_FILTERS,
            "counts": selectors.triage_counts(user=request.user),
            "target": selectors.triage_target_days(),
            "query_string": f"view={view}",
        },
    )


def _triage_context(request, referral: Referral, **extra) -> dict:
    candidates = [] if referral.child_id else candidates_shown(user=request.user, referral=referral)
    # The record of a linked child the coordinator may open: its risk level, VRMP and
    # statutory processes (a restricted record stays closed: referral.locked).
    known = referral.child_id is not None and not referral.locked
    return {
        "referral": referral,
        "candidates": candidates,
        "criteria": mace_criteria(child=referral.child) if known else None,
        "record": child_record_summary(child=referral.child) if known else None,
        "same_child": list(selectors.referrals_about_same_child(referral=referral)),
        "year_referrals": list(selectors.referrals_about_child_in_year(referral=referral))
        if known
        else [],
        "decision_form": extra.pop("decision_form", None)
        or DecisionForm(prefix="decision", subject=referral.subject),
        "unlink_form": extra.pop("unlink_form", None) or UnlinkForm(prefix="unlink"),
        "concern_labels": dict(Referral.Concern.choices),
        **extra,
    }


def triage_detail(request, referral_id: uuid.UUID):
    referral = selectors.referral_get_for_triage(user=request.user, referral_id=referral_id)
    return render(request, "referrals/triage_detail.html", _triage_context(request, referral))


@require_POST
def triage_link(request, referral_id: uuid.UUID):
    referral = selectors.referral_get_for_triage(user=request.user, referral_id=referral_id)
    if not request.POST.get("child_id"):
        # Nothing chosen: say so on the page, next to the choices.
        context = _triage_context(request, referral, link_error=NO_CHILD_CHOSEN)
        return render(request, "referrals/triage_detail.html", context)
    try:
        if request.POST.get("child_id") == "new":
            services.referral_create_child(actor=request.user, referral_id=referral.pk)
            messages.success(request, "A new child is created and the referral joins them.")
        else:
            chosen = uuid.UUID(request.POST.get("child_id", ""))
            candidate = next(
                (c for c in candidates_for_referral(referral=referral) if c.child.pk == chosen),
                None,
            )
            services.referral_link_child(
                actor=request.user,
                referral_id=referral.pk,
                child_id=chosen,
                score=candidate.score if candidate else None,
                reasons=candidate.reasons if candidate else [],
            )
            messages.success(request, "The referral joins the child's record.")
    except (ValueError, ValidationError) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else "Choose a child"
        messages.error(request, text)
    return redirect("triage:detail", referral_id=referral.pk)


@require_POST
def triage_unlink(request, referral_id: uuid.UUID):
    referral = selectors.referral_get_for_triage(user=request.user, referral_id=referral_id)
    form = UnlinkForm(request.POST, prefix="unlink")
    if form.is_valid():
        try:
            services.referral_unlink_child(
                actor=request.user, referral_id=referral.pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The match is undone.")
            return redirect("triage:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/triage_detail.html",
        _triage_context(request, referral, unlink_form=form),
    )


@require_POST
def triage_decide(request, referral_id: uuid.UUID):
    referral = selectors.referral_get_for_triage(user=request.user, referral_id=referral_id)
    form = DecisionForm(request.POST, prefix="decision", subject=referral.subject)
    if form.is_valid():
        try:
            record = services.referral_decide(
                actor=request.user, referral_id=referral.pk, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            # Where it went, as the apps above (meetings) say. Requests are not atomic, so
            # the decision has committed and its listeners have run by now.
            lines = placement_lines(user=request.user, referral=record.referral)
            messages.success(
                request,
                " ".join(["The decision is recorded and the referrer is told.", *lines]),
            )
            return redirect("triage:queue")
    return render(
        request,
        "referrals/triage_detail.html",
        _triage_context(request, referral, decision_form=form),
    )
