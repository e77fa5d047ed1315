"""The front page of the administration pages."""

from __future__ import annotations

from django.shortcuts import render

from mace.administration import selectors


def index(request):
    return render(
        request,
        "administration/index.html",
        selectors.administration_counts(user=request.user),
    )
