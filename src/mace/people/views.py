"""Finding a child, and breaking glass (the child's record itself is mace.casefile's).
Visibility and logging happen in mace.people.selectors, never here."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from mace.accounts.permissions import can_search_cohort
from mace.people import selectors, services
from mace.people.forms import BreakGlassForm, ChildSearchForm


def child_list(request):
    if not can_search_cohort(request.user):
        raise Http404("No children found")
    form = ChildSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = selectors.children_page_for_user(
        user=request.user, query=query, page_number=request.GET.get("page")
    )
    return render(request, "people/child_list.html", {"form": form, "page": page, "query": query})


def break_glass(request, child_id: uuid.UUID):
    selectors.break_glass_offered(
        user=request.user, child_id=child_id, log_refusal=request.method == "GET"
    )
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_open(
                actor=request.user, child_id=child_id, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("reason", exc.messages):
                form.add_error("reason", message)
        except PermissionDenied:
            raise Http404("No child found") from None
        else:
            return redirect("people:child_detail", child_id=child_id)
    return render(
        request,
        "people/break_glass.html",
        {"form": form, "hours": settings.MACE_BREAK_GLASS_HOURS},
    )
