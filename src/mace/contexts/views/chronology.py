"""A context's chronology page: everything recorded about it, newest first, by kind."""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.contexts.selectors.chronology import chronology_kinds, context_chronology
from mace.contexts.selectors.visibility import context_get_for_user


def context_chronology_page(request, context_id: uuid.UUID):
    context = context_get_for_user(user=request.user, context_id=context_id)
    kinds = chronology_kinds()
    chosen = {k for k in request.GET.getlist("kind") if k in kinds}
    entries = context_chronology(user=request.user, context=context, kinds=chosen or None)
    return render(
        request,
        "contexts/chronology.html",
        {
            "record": context,
            "entries": entries,
            "kinds": [(key, label, key in chosen) for key, label in kinds.items()],
            "filtered": bool(chosen),
        },
    )
