"""VRMP pages: the current plan, a new version, a review, an action."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from mace.core import clock
from mace.risk.forms.vrmp import ActionForm, ReviewForm, VrmpForm
from mace.risk.models import VrmpVersion
from mace.risk.selectors import vrmp as selectors
from mace.risk.selectors.assessments import child_risk_level
from mace.risk.services import vrmp as services
from mace.risk.views.common import child_for, child_for_recording
from mace.web.forms import attach_errors
from mace.web.pages import record_context


def vrmp_detail(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    plan = selectors.vrmp_current(child=child)
    context = record_context(request, child, "vrmp")
    context["plan"] = plan
    context["criteria"] = selectors.mace_criteria(child=child)
    if plan is not None:
        context.update(
            version=selectors.vrmp_latest_version(plan),
            review=selectors.vrmp_latest_review(plan),
            next_review=selectors.vrmp_next_review_date(plan),
            today=clock.today(),
        )
    return render(request, "risk/vrmp_detail.html", context)


def vrmp_version(request, child_id: uuid.UUID, number: int):
    child = child_for(request, child_id)
    plan = selectors.vrmp_current(child=child)
    version = next((v for v in plan.versions.all() if v.number == number), None) if plan else None
    if version is None:
        raise Http404("No such version")
    context = record_context(request, child, "vrmp")
    context.update(plan=plan, version=version, old=True)
    return render(request, "risk/vrmp_version.html", context)


def vrmp_edit(request, child_id: uuid.UUID, revise: bool = False):
    child = child_for_recording(request, child_id)
    plan = selectors.vrmp_current(child=child)
    if revise and plan is None:
        return redirect("risk:vrmp_new", child_id=child.pk)
    if not revise and plan is not None:
        return redirect("risk:vrmp_revise", child_id=child.pk)
    latest = selectors.vrmp_latest_version(plan) if plan else None
    initial = {
        "review_frequency_weeks": 12,
        "next_review_date": clock.today() + dt.timedelta(weeks=12),
    }
    form = VrmpForm(request.POST or None, instance=_copy(latest), initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if plan is None:
                assessment = child_risk_level(child=child).assessment
                services.vrmp_create(
                    actor=request.user, child=child, assessment=assessment, **fields
                )
            else:
                services.vrmp_revise(actor=request.user, vrmp=plan, **fields)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The VRMP is saved.")
            return redirect("risk:vrmp", child_id=child.pk)
    context = record_context(request, child, "vrmp")
    context.update(form=form, plan=plan, revise=revise)
    return render(request, "risk/vrmp_form.html", context)


def _copy(version: VrmpVersion | None) -> VrmpVersion | None:
    """An unsaved copy, so the form starts from the latest version without changing it."""
    if version is None:
        return None
    copy = VrmpVersion(**{f.attname: getattr(version, f.attname) for f in version._meta.fields})
    copy.pk = None
    copy._state.adding = True
    return copy


def vrmp_review(request, child_id: uuid.UUID):
    child = child_for_recording(request, child_id)
    plan = selectors.vrmp_current(child=child)
    if plan is None:
        return redirect("risk:vrmp_new", child_id=child.pk)
    latest = selectors.vrmp_latest_version(plan)
    form = ReviewForm(
        request.POST or None,
        initial={
            "reviewed_on": clock.today(),
            "next_review_date": clock.today() + dt.timedelta(weeks=latest.review_frequency_weeks),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vrmp_review(actor=request.user, vrmp=plan, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The review is recorded.")
            return redirect("risk:vrmp", child_id=child.pk)
    context = record_context(request, child, "vrmp")
    context.update(form=form, plan=plan)
    return render(request, "risk/vrmp_review.html", context)


def vrmp_action_new(request, child_id: uuid.UUID):
    child = child_for_recording(request, child_id)
    plan = selectors.vrmp_current(child=child)
    if plan is None:
        return redirect("risk:vrmp_new", child_id=child.pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vrmp_action_add(actor=request.user, vrmp=plan, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The action is added to the plan.")
            return redirect("risk:vrmp", child_id=child.pk)
    context = record_context(request, child, "vrmp")
    context.update(form=form, plan=plan)
    return render(request, "risk/vrmp_action_form.html", context)
