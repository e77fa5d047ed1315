"""What the governance pages share: the generic form page, and the refusal of a page to a
role it is not for."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render

from mace.governance.permissions import can_see_governance
from mace.web.forms import attach_errors


def require_reader(request) -> None:
    """Silver and Gold's pages are for the organisers, Silver and Gold (404 for others)."""
    if not can_see_governance(request.user):
        raise Http404("No page here")


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def form_page(
    request, form, *, title, back_url, back_label, button=None, lead="", extra=None, status=200
):
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "back_label": back_label,
        "button": button or title,
        "lead": lead,
        **(extra or {}),
    }
    return render(request, "governance/form.html", context, status=status)


def saved(form, write) -> bool:
    """Run the service ``write()`` for a valid form; its ValidationError goes on the form
    (what was typed stays). True if it saved."""
    if not form.is_valid():
        return False
    try:
        write()
    except ValidationError as exc:
        attach_errors(form, exc)
        return False
    return True
