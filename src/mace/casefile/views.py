"""The pages that compose several apps: the child's summary and chronology, "Your tasks",
and each role's home page. Visibility and logging happen in the selectors, never here."""

from __future__ import annotations

import uuid

from django.shortcuts import redirect, render
from django.utils import timezone

from mace.accounts.models import Role
from mace.casefile.selectors.chronology import child_chronology, chronology_kinds
from mace.casefile.selectors.home import home_context
from mace.casefile.selectors.tasks import tasks_for_user
from mace.people import selectors as people_selectors
from mace.risk.selectors.summary import child_record_summary
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
    today = timezone.localdate()
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
        {"sections": tasks_for_user(user=request.user), "today": timezone.localdate()},
    )
