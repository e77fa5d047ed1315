"""The contexts list and a context's page."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.shortcuts import render

from mace.contexts.models import Context
from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.records import contexts_page
from mace.contexts.selectors.visibility import context_get_for_user, sees_all_contexts


def context_list(request):
    if not sees_all_contexts(request.user):
        raise Http404("No page here")
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "")
    status = request.GET.get("status", "open")
    page = contexts_page(
        user=request.user,
        kind=kind,
        query=query,
        status=status,
        page_number=request.GET.get("page"),
    )
    return render(
        request,
        "contexts/list.html",
        {
            "page": page,
            "kind": kind,
            "query": query,
            "status": status,
            "kinds": Context.Kind.choices,
            "can_record": can_record_contexts(request.user),
        },
    )


def context_detail(request, context_id: uuid.UUID):
    context = context_get_for_user(user=request.user, context_id=context_id)
    return render(
        request,
        "contexts/detail.html",
        {"record": context, "can_record": can_record_contexts(request.user)},
    )
