"""What every administration page shares: only the administrator gets in."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
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


def attach_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if it names one."""
    form.errors  # noqa: B018  (cleans a bound form first, so errors can be added)
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def paginate(request, rows) -> tuple[Page, str]:
    """One page of ``rows`` and the query string (without ``page``) for its links."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
