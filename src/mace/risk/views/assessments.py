"""Risk identification tool pages: list, record (draft), agree the level, read."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from mace.risk.forms.assessments import AssessmentForm, LevelForm
from mace.risk.models import Assessment
from mace.risk.selectors import assessments as selectors
from mace.risk.services import assessments as services
from mace.risk.services.catalogue import catalogue_active
from mace.risk.views.common import child_for, child_for_recording
from mace.web.forms import attach_errors
from mace.web.pages import record_context


def assessment_list(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    context = record_context(request, child, "assessments")
    context["assessments"] = selectors.assessments_for_child(child=child)
    context["risk"] = selectors.child_risk_level(child=child)
    return render(request, "risk/assessment_list.html", context)


def assessment_detail(request, child_id: uuid.UUID, assessment_id: uuid.UUID):
    child = child_for(request, child_id)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    context = record_context(request, child, "assessments")
    context.update(
        assessment=assessment,
        rows=selectors.assessment_rows(assessment),
        reasons=selectors.assessment_reasons(assessment),
    )
    return render(request, "risk/assessment_detail.html", context)


def assessment_edit(request, child_id: uuid.UUID, assessment_id: uuid.UUID | None = None):
    child = child_for_recording(request, child_id)
    assessment = None
    if assessment_id is not None:
        assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
        if assessment.status != Assessment.Status.DRAFT:
            return redirect(
                "risk:assessment_detail", child_id=child.pk, assessment_id=assessment.pk
            )
        content = assessment.catalogue.content
        initial = AssessmentForm.initial_from(assessment)
    else:
        content = catalogue_active().content
        has_previous = selectors.assessments_for_child(child=child).exists()
        initial = {"kind": "review" if has_previous else "initial"}
    form = AssessmentForm(request.POST or None, initial=initial, catalogue_content=content)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_save_draft(
                actor=request.user, child=child, assessment=assessment, **form.service_data()
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if "save_draft" in request.POST:
                messages.success(request, "Your draft assessment is saved.")
                return redirect("risk:assessment_list", child_id=child.pk)
            return redirect("risk:assessment_level", child_id=child.pk, assessment_id=assessment.pk)
    context = record_context(request, child, "assessments")
    context.update(form=form, sections=form.bound_sections(), assessment=assessment)
    return render(request, "risk/assessment_form.html", context)


def assessment_level(request, child_id: uuid.UUID, assessment_id: uuid.UUID):
    child = child_for_recording(request, child_id)
    assessment = selectors.assessment_get(child=child, assessment_id=assessment_id)
    if assessment.status != Assessment.Status.DRAFT:
        return redirect("risk:assessment_detail", child_id=child.pk, assessment_id=assessment.pk)
    form = LevelForm(request.POST or None, initial={"final_level": assessment.proposed_level})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_complete(
                actor=request.user,
                assessment=assessment,
                final_level=form.cleaned_data["final_level"],
                override_rationale=form.cleaned_data["override_rationale"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "The assessment is complete.")
            return redirect(
                "risk:assessment_detail", child_id=child.pk, assessment_id=assessment.pk
            )
    context = record_context(request, child, "assessments")
    context.update(
        form=form, assessment=assessment, reasons=selectors.assessment_reasons(assessment)
    )
    return render(request, "risk/assessment_level.html", context)
