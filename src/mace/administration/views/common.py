"""What every administration page shares: only the administrator gets in."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator

from mace.accounts.permissions import can_administer

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
