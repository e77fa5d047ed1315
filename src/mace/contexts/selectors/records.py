"""Reading contexts: the list, one record's page, the links of a record."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from mace.contexts.models import Context, Link, Node
from mace.contexts.selectors.visibility import contexts_visible_to, links_visible_to

PAGE_SIZE = 25


def contexts_page(
    *, user, kind: str = "", query: str = "", status: str = "open", page_number=1
) -> Page:
    """Contexts this user may see, filtered, a page at a time (no child is named)."""
    rows: QuerySet[Context] = contexts_visible_to(user).select_related("ward")
    if kind in Context.Kind.values:
        rows = rows.filter(kind=kind)
    if status in Context.Status.values:
        rows = rows.filter(status=status)
    query = " ".join((query or "").split())
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(names__name__icontains=query)).distinct()
    return Paginator(rows.order_by("kind", "name", "id"), PAGE_SIZE).get_page(page_number)


def record_links(*, user, node: Node, include_retracted: bool = False) -> QuerySet[Link]:
    """The links of one node this user may see, with both ends (the caller shows children
    through ``mace.contexts.selectors.network.nodes_shown``)."""
    return (
        links_visible_to(user, include_retracted=include_retracted)
        .filter(Q(source=node) | Q(target=node))
        .select_related(
            "source__child", "source__context", "target__child", "target__context", "referral"
        )
        .order_by("-created_at")
    )
