"""The pages that compose several apps: the child's summary and chronology, "Your tasks",
and each role's home page. Visibility and logging happen in the selectors, never here."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from mace.accounts.models import Role
from mace.casefile.forms import ReviewForm
from mace.casefile.selectors.chronology import child_chronology, chronology_kinds
from mace.casefile.selectors.home import home_context
from mace.casefile.selectors.tasks import tasks_for_user
from mace.core import clock
from mace.people import selectors as people_selectors
from mace.people import services as people_services
from mace.risk.selectors.summary import child_record_summary
from mace.web.forms import attach_errors
from mace.web.pages import record_context

HOME_TEMPLATES = {
    Role.COORDINATOR: "casefile/home/coordinator.html",
    Role.CHAIR: "casefile/home/chair.html",
    Role.MEMBER: "casefile/home/member.html",
    Role.ANALYST: "casefile/home/analyst.html",
    Role.SILVER: "casefile/home/strategic.html",
    Role.GOLD: "casefile/home/strategic.html",
    Role.AUDITOR: "casefile/home/auditor.html",
    Role.ADMIN: "casefile/home/admin.html",
}


def home(request):
    """Each role lands on a page of its own work."""
    user = request.user
    if user.role == Role.REFERRER:
        return redirect("referrals:list")
    return render(request, HOME_TEMPLATES[user.role], home_context(user=user))


def child_detail(request, child_id: uuid.UUID):
    child = people_selectors.child_get_for_user(user=request.user, child_id=child_id)
    today = clock.today()
    context = record_context(request, child, "summary")
    context.update(age=child.age_on(today), summary=child_record_summary(child=child))
    return render(request, "casefile/child_detail.html", context)


def chronology(request, child_id: uuid.UUID):
    child = people_selectors.child_get_for_user(user=request.user, child_id=child_id)
    kinds = chronology_kinds()
    chosen = {k for k in request.GET.getlist("kind") if k in kinds}
    entries = child_chronology(child=child, kinds=chosen or None)
    context = record_context(request, child, "chronology")
    context.update(
        entries=entries,
        kinds=[(key, label, key in chosen) for key, label in kinds.items()],
        printing=request.GET.get("print") == "1",
        query_string=request.GET.urlencode(),
    )
    return render(request, "casefile/chronology.html", context)


def task_list(request):
    return render(
        request,
        "casefile/task_list.html",
        {"sections": tasks_for_user(user=request.user), "today": clock.today()},
    )


# The auditor's view of a child: break-glass review and the child's change history (the
# access log itself is the audit app's own page).
def break_glass_list(request):
    return render(
        request,
        "audit/break_glass_list.html",
        people_selectors.break_glass_reviews(user=request.user),
    )


def break_glass_review(request, grant_id: uuid.UUID):
    grant = people_selectors.break_glass_get(user=request.user, grant_id=grant_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.break_glass_review(
                actor=request.user, grant_id=grant_id, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Recorded the review of {grant.user.full_name}'s access.")
            return redirect("audit:break_glass_list")
    return render(request, "audit/break_glass_review.html", {"grant": grant, "form": form})


def child_history(request, child_id: uuid.UUID):
    child = people_selectors.child_get_for_audit(user=request.user, child_id=child_id)
    entries = people_selectors.child_history(child=child)
    return render(request, "audit/child_history.html", {"child": child, "entries": entries})
