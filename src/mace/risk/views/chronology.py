"""The child's chronology: one timeline of everything recorded, filterable, printable."""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.risk.selectors.chronology import KINDS, child_chronology
from mace.risk.views.common import child_for, record_context


def chronology(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    chosen = {k for k in request.GET.getlist("kind") if k in KINDS}
    entries = child_chronology(child=child, kinds=chosen or None)
    context = record_context(request, child, "chronology")
    context.update(
        entries=entries,
        kinds=[(key, label, key in chosen) for key, label in KINDS.items()],
        printing=request.GET.get("print") == "1",
        query_string=request.GET.urlencode(),
    )
    return render(request, "risk/chronology.html", context)
