"""What every administration page shares: only the administrator gets in; lists page; a
change that needs a "are you sure" page asks on one."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render

from mace.accounts.permissions import can_administer
from mace.administration.forms import ConfirmForm
from mace.web.forms import attach_errors

PAGE_SIZE = 25


def administrator_only(view):
    """Every other role gets the service's 403 page (anonymous visitors are sent to sign in
    by the login middleware before this runs)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_administer(request.user):
            raise PermissionDenied("Only an administrator can use the administration pages.")
        return view(request, *args, **kwargs)

    wrapped.administrator_only = True
    return wrapped


def paginate(request, rows) -> tuple[Page, str]:
    """One page of ``rows`` and the query string (without ``page``) for its links."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def confirm_page(request, *, action, done, next_url: str, page: dict):
    """Ask before a change: GET shows the page (``page``: title, body paragraphs, button,
    warning); POST runs ``action`` and goes to ``next_url`` with ``done(result)`` as the
    message, or shows the service's refusal on the same page."""
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        try:
            result = action()
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, done(result))
            return redirect(next_url)
    context = {"form": form, "cancel_url": next_url, **page}
    return render(request, "administration/confirm.html", context)
