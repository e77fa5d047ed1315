"""The action plan, assurance activities, recommendations to Gold and the challenge log."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from mace.core import clock
from mace.governance.forms import (
    AnswerForm,
    AssuranceForm,
    ChallengeForm,
    DecisionForm,
    PlanItemForm,
    ProgressForm,
    RecommendationForm,
)
from mace.governance.models import Escalation
from mace.governance.permissions import (
    can_answer_challenge,
    can_challenge,
    can_decide,
    can_manage_plan,
    can_recommend,
)
from mace.governance.selectors.escalations import escalations_visible_to
from mace.governance.selectors.plan import (
    assurance_page,
    challenge_get,
    challenges_page,
    plan_item_get,
    plan_page,
    recommendation_get,
    recommendations_page,
)
from mace.governance.services import gold, plan
from mace.governance.views.common import form_page, require, require_reader, saved

PLAN_REFUSED = "Only Silver members, a chair or the MACE coordinator can change the plan."


def action_plan(request):
    require_reader(request)
    return render(
        request,
        "governance/plan.html",
        {**plan_page(user=request.user), "can_manage": can_manage_plan(request.user)},
    )


def plan_item_add(request):
    require_reader(request)
    require(can_manage_plan(request.user), PLAN_REFUSED)
    escalations = escalations_visible_to(request.user).exclude(status=Escalation.Status.CLOSED)
    form = PlanItemForm(
        request.POST or None,
        escalations=escalations,
        initial={"owner": request.user.pk, "objective": request.GET.get("objective")},
    )

    def write():
        data = form.cleaned_data
        plan.plan_item_add(
            actor=request.user,
            objective=data["objective"],
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            rag=data["rag"],
            escalations=data["escalations"],
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Added to the action plan")
        return redirect("governance:plan")
    return form_page(
        request,
        form,
        title="Add an item to the action plan",
        back_url=reverse("governance:plan"),
        back_label="Action plan",
        button="Add the item",
    )


def plan_item_progress(request, item_id: uuid.UUID):
    require_reader(request)
    item = plan_item_get(user=request.user, item_id=item_id)
    require(can_manage_plan(request.user), PLAN_REFUSED)
    form = ProgressForm(request.POST or None, initial={"rag": item.rag, "on": clock.today()})

    def write():
        data = form.cleaned_data
        plan.plan_item_update_progress(
            actor=request.user, item=item, text=data["text"], rag=data["rag"], on=data["on"]
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Progress recorded")
        return redirect(reverse("governance:plan") + f"#item-{item.pk}")
    return form_page(
        request,
        form,
        title="Record progress",
        back_url=reverse("governance:plan"),
        back_label="Action plan",
        button="Save the update",
        extra={"caption": item.title},
    )


def assurance(request):
    require_reader(request)
    return render(
        request,
        "governance/assurance.html",
        {
            "activities": assurance_page(user=request.user),
            "can_manage": can_manage_plan(request.user),
        },
    )


def assurance_record(request):
    require_reader(request)
    require(can_manage_plan(request.user), PLAN_REFUSED)
    form = AssuranceForm(request.POST or None, user=request.user)

    def write():
        data = form.cleaned_data
        plan.assurance_activity_record(
            actor=request.user,
            title=data["title"],
            standard=data["standard"],
            carried_out_on=data["carried_out_on"],
            carried_out_by=data["carried_out_by"],
            summary=data["summary"],
            children=data["children"],
            findings=form.findings(),
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Assurance activity recorded")
        return redirect("governance:assurance")
    return form_page(
        request,
        form,
        title="Record an assurance activity",
        back_url=reverse("governance:assurance"),
        back_label="Assurance",
        button="Record the activity",
        lead="A multi-agency case audit: which children, by whom, against which standard, and "
        "what was found.",
    )


def recommendations(request):
    require_reader(request)
    return render(
        request,
        "governance/recommendations.html",
        {
            "rows": recommendations_page(user=request.user),
            "can_recommend": can_recommend(request.user),
            "can_decide": can_decide(request.user),
        },
    )


def recommendation_raise(request):
    require_reader(request)
    require(can_recommend(request.user), "Only Silver members, a chair or the coordinator can.")
    form = RecommendationForm(request.POST or None)

    def write():
        data = form.cleaned_data
        gold.recommendation_raise(
            actor=request.user, kind=data["kind"], title=data["title"], text=data["text"]
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Recommendation made to Gold")
        return redirect("governance:recommendations")
    return form_page(
        request,
        form,
        title="Make a recommendation to Gold",
        back_url=reverse("governance:recommendations"),
        back_label="Recommendations to Gold",
        button="Make the recommendation",
    )


def recommendation_decide(request, recommendation_id: uuid.UUID):
    require_reader(request)
    rec = recommendation_get(user=request.user, recommendation_id=recommendation_id)
    require(can_decide(request.user), "Only Gold members decide recommendations.")
    form = DecisionForm(request.POST or None, initial={"decided_on": clock.today()})

    def write():
        data = form.cleaned_data
        gold.recommendation_decide(
            actor=request.user,
            recommendation=rec,
            decision=data["decision"],
            decided_on=data["decided_on"],
            note=data["note"],
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Decision recorded")
        return redirect("governance:recommendations")
    return form_page(
        request,
        form,
        title="Record Gold's decision",
        back_url=reverse("governance:recommendations"),
        back_label="Recommendations to Gold",
        button="Record the decision",
        extra={"caption": rec.title, "quote": rec.text},
    )


def challenges(request):
    require_reader(request)
    return render(
        request,
        "governance/challenges.html",
        {
            "rows": challenges_page(user=request.user),
            "can_challenge": can_challenge(request.user),
            "can_answer": can_answer_challenge(request.user),
        },
    )


def challenge_raise(request):
    require_reader(request)
    require(can_challenge(request.user), "Only Gold members raise challenges.")
    form = ChallengeForm(request.POST or None)

    def write():
        gold.challenge_raise(actor=request.user, text=form.cleaned_data["text"])

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Challenge recorded")
        return redirect("governance:challenges")
    return form_page(
        request,
        form,
        title="Challenge practice",
        back_url=reverse("governance:challenges"),
        back_label="Challenge log",
        button="Record the challenge",
    )


def challenge_answer(request, challenge_id: uuid.UUID):
    require_reader(request)
    challenge = challenge_get(user=request.user, challenge_id=challenge_id)
    require(can_answer_challenge(request.user), "Only Silver members, a chair or the coordinator.")
    form = AnswerForm(request.POST or None)

    def write():
        gold.challenge_answer(
            actor=request.user, challenge=challenge, answer=form.cleaned_data["answer"]
        )

    if request.method == "POST" and saved(form, write):
        messages.success(request, "Answer recorded")
        return redirect("governance:challenges")
    return form_page(
        request,
        form,
        title="Answer the challenge",
        back_url=reverse("governance:challenges"),
        back_label="Challenge log",
        button="Save the answer",
        extra={"quote": challenge.text},
    )
