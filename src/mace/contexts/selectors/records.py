"""Reading contexts: the list, one record's page, the links of a record."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from mace.contexts.models import Context, Link, Node
from mace.contexts.selectors.persons import persons_read_log
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
    page = Paginator(rows.order_by("kind", "name", "id"), PAGE_SIZE).get_page(page_number)
    persons_read_log(user=user, contexts=page.object_list, where="contexts list")
    return page


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


def link_choices(*, user, context: Context | None, where: str = "link form") -> list[Context]:
    """The open records this one may be linked to (a form's list), the persons of concern
    among them logged as read: a list of their names is a read of them."""
    rows = contexts_visible_to(user).filter(status=Context.Status.OPEN)
    if context is not None:
        rows = rows.exclude(pk=context.pk)
    choices = list(rows.order_by("kind", "name", "id"))
    persons_read_log(
        user=user, contexts=[c for c in choices if c.kind == Context.Kind.PERSON], where=where
    )
    return choices


def context_page_parts(*, user, context: Context) -> dict:
    """What a context's page shows below its details, in a fixed number of queries: names,
    notes, live and retracted links (children through rows_shown, logged), the latest
    assessment and any draft, and the plan's own actions."""
    from mace.contexts.models import ContextAssessment
    from mace.contexts.selectors.meetings import context_meetings
    from mace.contexts.selectors.persons import ends_shown, persons_read_log

    node = getattr(context, "node", None)
    links, retracted = [], []
    if node is not None:
        rows = list(record_links(user=user, node=node, include_retracted=True))
        ends = ends_shown(user=user, links=rows)
        others = [end for pair in ends.values() for end in pair if end.node != node]
        context_ids = {end.context.pk for end in others if end.context is not None}
        open_ids = set(
            contexts_visible_to(user).filter(pk__in=context_ids).values_list("pk", flat=True)
        )
        for end in others:
            end.context_hidden = end.context is not None and end.context.pk not in open_ids
        persons_read_log(
            user=user,
            contexts=[end.context for end in others if end.context and not end.context_hidden],
            where="context page",
        )
        for link in rows:
            source, target = ends[link.pk]
            other, outgoing = (target, True) if link.source_id == node.pk else (source, False)
            row = {"link": link, "other": other, "outgoing": outgoing}
            (retracted if link.status == Link.Status.RETRACTED else links).append(row)
    assessments = list(context.assessments.select_related("catalogue", "created_by")[:5])
    completed = [a for a in assessments if a.status == ContextAssessment.Status.COMPLETED]
    return {
        "names": list(context.names.all()),
        "notes": list(context.notes.select_related("created_by")[:20]),
        "links": links,
        "retracted_links": retracted,
        "assessment": completed[0] if completed else None,
        "draft_assessment": next(
            (a for a in assessments if a.status == ContextAssessment.Status.DRAFT), None
        ),
        "plan_actions": list(
            context.actions.select_related("owner_agency", "owner").order_by("status", "due_date")
        ),
        "context_meetings": context_meetings(user=user, context=context),
    }
