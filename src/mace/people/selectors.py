"""Who may see which child: the only place that decides it (ARCHITECTURE §4).

Pages, API, exports, search and reports all call these functions. A child the user may not
see is reported exactly as a child that does not exist (Http404), so that nobody learns a
record exists; the one exception is a restricted record the user could otherwise see, where
the user is told it is restricted and may break glass.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat
from django.http import Http404

from mace.accounts.models import Role
from mace.accounts.permissions import COHORT_ROLES, can_search_cohort, can_view_audit
from mace.audit.models import Event
from mace.audit.services import access_record, access_record_many
from mace.core import clock
from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias

# Which grants open a child to a role that does not see the whole cohort.
GRANT_BASES_BY_ROLE: dict[str, tuple[str, ...]] = {
    Role.MEMBER: (ChildAccess.Basis.INVITATION, ChildAccess.Basis.ACTION),
    Role.SILVER: (ChildAccess.Basis.ESCALATION,),
    Role.GOLD: (ChildAccess.Basis.ESCALATION,),
}
# Grants that open a restricted record to a user who could otherwise see the child.
UNRESTRICTING_BASES = (ChildAccess.Basis.NAMED, ChildAccess.Basis.BREAK_GLASS)

PAGE_SIZE = 25


class RestrictedRecord(Exception):
    """The user could see this child, but the record is restricted to named users."""

    def __init__(self, child_id: uuid.UUID):
        super().__init__(str(child_id))
        self.child_id = child_id


def _active_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _granted_child_ids(user, bases, at: dt.datetime) -> QuerySet:
    return ChildAccess.objects.active(at).filter(user=user, basis__in=bases).values("child_id")


def _children_in_scope(user, at: dt.datetime) -> QuerySet[Child]:
    """Children the user's role reaches, before restriction is applied."""
    if not _active_user(user):
        return Child.objects.none()
    if user.role in COHORT_ROLES:
        return Child.objects.all()
    bases = GRANT_BASES_BY_ROLE.get(user.role)
    if not bases:
        return Child.objects.none()
    return Child.objects.filter(pk__in=_granted_child_ids(user, bases, at))


def children_visible_to(user, *, at: dt.datetime | None = None) -> QuerySet[Child]:
    """Every child this user may see now: in scope, and unrestricted or unlocked for them."""
    at = at or clock.now()
    return _children_in_scope(user, at).filter(
        Q(restricted=False) | Q(pk__in=_granted_child_ids(user, UNRESTRICTING_BASES, at))
    )


def children_exportable_to(user, *, at: dt.datetime | None = None) -> QuerySet[Child]:
    """The children whose details this user may take away in an inspection data pack: those
    they may see; for the data protection officer (the auditor), whose role reads no child's
    case record, every child but a restricted record not opened to them (named on it, or
    broken glass), as for the roles that see the cohort."""
    at = at or clock.now()
    if _active_user(user) and user.role == Role.AUDITOR:
        return Child.objects.filter(
            Q(restricted=False) | Q(pk__in=_granted_child_ids(user, UNRESTRICTING_BASES, at))
        )
    return children_visible_to(user, at=at)


def child_visible_q(user, field: str = "child") -> Q:
    """A condition on rows that name a child through ``field`` (a foreign key): the child is
    one ``children_visible_to`` gives this user now.

    A correlated EXISTS, so the database checks the child of each row at hand. Written as
    ``field__in=children_visible_to(user)`` beside another condition in an OR (``child`` is
    null, or visible), PostgreSQL instead reads and hashes every visible child first: the
    whole cohort for a coordinator, 90 ms at 100,000 children, for a list of sixteen."""
    return Q(Exists(children_visible_to(user).filter(pk=OuterRef(field))))


def child_can_break_glass(*, user, child_id: uuid.UUID) -> bool:
    """May this user break glass on this child (in scope, restricted, not yet unlocked)?"""
    now = clock.now()
    in_scope = _children_in_scope(user, now).filter(pk=child_id, restricted=True).exists()
    return in_scope and not children_visible_to(user, at=now).filter(pk=child_id).exists()


def _child_of(row) -> Child | None:
    if isinstance(row, Child):
        return row
    return row.child if getattr(row, "child_id", None) else None


def rows_shown(
    *,
    user,
    rows: Iterable,
    child_of: Callable[[object], Child | None] = _child_of,
    verb: str = Event.Verb.CHILDREN_LISTED,
    payload: dict | None = None,
) -> list:
    """The rows of a page that name children, as this user sees them, each read logged.

    The one place where a list, a home page, a task list, an agenda or a document decides how
    it shows a child. Each row whose child is a restricted record the user may not open (not
    named on it, no broken glass) is marked ``locked``: the page shows "A restricted record"
    and nothing that identifies the child, and the access log records that a restricted
    record was listed. Every other child is written to the access log with ``verb``. Two
    queries for the whole page, whatever its length. Rows are objects with ``child_id`` and
    ``child`` (or children themselves); ``child_of`` picks another path to the child.
    """
    rows = list(rows)
    children: dict = {}
    for row in rows:
        child = child_of(row)
        if child is not None:
            children.setdefault(child.pk, child)
    open_ids = (
        set(children_visible_to(user).filter(pk__in=list(children)).values_list("pk", flat=True))
        if children
        else set()
    )
    for row in rows:
        child = child_of(row)
        row.locked = child is not None and child.pk not in open_ids
    shown = [child for pk, child in children.items() if pk in open_ids]
    locked = [child for pk, child in children.items() if pk not in open_ids]
    if shown:
        access_record_many(actor=user, children=shown, verb=verb, payload=payload)
    if locked:
        access_record_many(
            actor=user, children=locked, verb=Event.Verb.RESTRICTED_LISTED, payload=payload
        )
    return rows


def break_glass_offered(*, user, child_id: uuid.UUID, log_refusal: bool) -> None:
    """The break-glass page for a restricted record this user could otherwise see (Http404
    for any other child). Showing the page is the refusal of the record, logged as such."""
    if not child_can_break_glass(user=user, child_id=child_id):
        raise Http404("No child found")
    if log_refusal:
        access_record(
            actor=user, child=Child(pk=child_id), verb=Event.Verb.CHILD_RESTRICTED_REFUSED
        )


def child_get_for_user(*, user, child_id: uuid.UUID, verb: str = Event.Verb.CHILD_VIEWED) -> Child:
    """Fetch a child with its record's related rows, authorise, and log the read.

    Raises Http404 for missing and not-yours alike, RestrictedRecord for a restricted record
    the user could break glass on.
    """
    current_addresses = Prefetch(
        "addresses",
        queryset=ChildAddress.objects.select_related("ward").order_by("-date_from"),
    )
    try:
        child = (
            children_visible_to(user)
            .select_related("school", "school__ward")
            .prefetch_related("aliases", current_addresses)
            .get(pk=child_id)
        )
    except Child.DoesNotExist:
        if child_can_break_glass(user=user, child_id=child_id):
            raise RestrictedRecord(child_id) from None
        raise Http404("No child found") from None
    access_record(actor=user, child=child, verb=verb)
    return child


# A search's matches in name order, sorted by an expression that sorts exactly as the
# column does. Sorted by the column itself, PostgreSQL walks the (family_name, given_name)
# index in order to fill the page's LIMIT, testing each child on the way: quick when the
# matches are spread through the alphabet, but a family name's matches cluster in that
# order (every Smith is at S), and it read 35,000 children to find 25. Sorted by the
# expression, it gathers the matches by the trigram indexes and sorts only them.
MATCHES_BY_NAME = (Concat("family_name", Value("")), "given_name", "id")
# At most this many aliases' children are named in a search's query (see _matches).
ALIAS_IDS_NAMED = 2000


def children_search(*, user, query: str = "") -> QuerySet[Child]:
    """Children this user may see, matching a name, alias or case-system ID.

    Each row is annotated ``locked``: a restricted record the user could break glass on.
    Locked records appear only in answer to a search (never when browsing), and the page
    shows them without any identifying detail.
    """
    now = clock.now()
    unlocked = _granted_child_ids(user, UNRESTRICTING_BASES, now)
    qs = _children_in_scope(user, now).select_related("school")
    query = (query or "").strip()
    order = ("family_name", "given_name", "id")
    if query:
        for term in query.split():
            qs = qs.filter(_matches(term))
        order = MATCHES_BY_NAME
    else:
        qs = qs.filter(Q(restricted=False) | Q(pk__in=unlocked))
    locked = ExpressionWrapper(
        Q(restricted=True) & ~Q(pk__in=unlocked), output_field=BooleanField()
    )
    return qs.annotate(locked=locked).order_by(*order)


def _matches(term: str) -> Q:
    """A child one word of the search matches: anywhere in a name or an alias, or the whole
    case-system ID, ignoring case.

    Every part is a condition on the child's own row, so PostgreSQL ORs bitmap scans of the
    trigram indexes on ``UPPER(name)`` (people migration 0003) instead of reading every
    child: the aliases that match are read first, by their own trigram index, and named by
    id (a join to the aliases, or a subquery in the OR, would put the scan back). One query
    for the aliases per word; a word so short or common that it matches thousands of
    aliases stays a subquery, rather than a query naming them all (such a word matches most
    names too, and no index narrows it). SQLite, without those indexes, scans as it always
    did.
    """
    aliases = ChildAlias.objects.filter(name__icontains=term).values_list("child_id", flat=True)
    found = list(aliases[: ALIAS_IDS_NAMED + 1])
    return (
        Q(given_name__icontains=term)
        | Q(family_name__icontains=term)
        | Q(preferred_name__icontains=term)
        | Q(case_system_id__iexact=term)
        | Q(pk__in=set(found) if len(found) <= ALIAS_IDS_NAMED else aliases)
    )


def children_page_for_user(*, user, query: str = "", page_number=1) -> Page:
    """One page of the cohort search; each child shown is written to the access log."""
    if not can_search_cohort(user):
        raise Http404("No children found")
    page = Paginator(children_search(user=user, query=query), PAGE_SIZE).get_page(page_number)
    page.object_list = rows_shown(user=user, rows=page.object_list, payload={"query": query})
    return page


def children_granted_to(*, user) -> QuerySet[ChildAccess]:
    """The user's active grants, with their children (not logged: see grants_shown)."""
    visible = children_visible_to(user)
    return (
        ChildAccess.objects.active()
        .filter(user=user, child__in=visible)
        .exclude(basis__in=UNRESTRICTING_BASES)
        .select_related("child")
        .order_by("expires_at")
    )


def grants_shown(*, user, limit: int = 50) -> list[ChildAccess]:
    """A member's (or Silver's, Gold's) home page list: one row per child they may open now
    (the grant that ends first), each child logged as listed."""
    rows, seen = [], set()
    for grant in children_granted_to(user=user).iterator(chunk_size=200):
        if grant.child_id not in seen:
            seen.add(grant.child_id)
            rows.append(grant)
            if len(rows) == limit:
                break
    return rows_shown(user=user, rows=rows, payload={"page": "home"})


def cohort_counts_by_ward(*, user) -> list[tuple[str | None, int]]:
    """Children in the whole cohort by ward of current address: counts, never names.

    Silver and Gold see these aggregates; callers suppress small counts before showing them.
    """
    if not _active_user(user) or user.role not in (Role.SILVER, Role.GOLD, *COHORT_ROLES):
        return []
    rows = (
        ChildAddress.objects.filter(date_to__isnull=True)
        .values("ward__name")
        .annotate(n=Count("child_id", distinct=True))
        .order_by("ward__name")
    )
    return [(row["ward__name"], row["n"]) for row in rows]


def child_get_for_audit(*, user, child_id: uuid.UUID) -> Child:
    """An auditor reads a child's identity and change history (not case narrative)."""
    if not can_view_audit(user):
        raise Http404("No child found")
    try:
        child = Child.objects.get(pk=child_id)
    except Child.DoesNotExist:
        raise Http404("No child found") from None
    access_record(actor=user, child=child, verb=Event.Verb.CHILD_HISTORY_VIEWED)
    return child


def child_history(*, child: Child) -> list[dict]:
    """Every recorded change to the child's identity, aliases and addresses, newest first."""
    entries = []
    for model, queryset in (
        ("Child", child.history.select_related("history_user")),
        ("Alias", ChildAlias.history.filter(child_id=child.pk)),
        ("Address", ChildAddress.history.filter(child_id=child.pk)),
    ):
        records = list(queryset.select_related("history_user").order_by("history_date"))
        previous_by_id: dict = {}
        for record in records:
            previous = previous_by_id.get(record.id)
            changes = []
            if previous is not None:
                delta = record.diff_against(previous)
                changes = [(c.field, c.old, c.new) for c in delta.changes]
            previous_by_id[record.id] = record
            entries.append(
                {
                    "model": model,
                    "when": record.history_date,
                    "who": record.history_user,
                    "type": record.get_history_type_display(),
                    "changes": changes,
                    "reason": record.history_change_reason or "",
                }
            )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


def break_glass_grants(*, user, reviewed: bool = False) -> QuerySet[ChildAccess]:
    """Break-glass accesses awaiting review (or already reviewed), for the auditor."""
    if not can_view_audit(user):
        raise Http404("Not found")
    return (
        ChildAccess.objects.filter(
            basis=ChildAccess.Basis.BREAK_GLASS, reviewed_at__isnull=not reviewed
        )
        .select_related("user", "user__agency", "child", "reviewed_by")
        .order_by("created_at" if not reviewed else "-reviewed_at")
    )


def break_glass_reviews(*, user, reviewed_limit: int = 50) -> dict[str, list[ChildAccess]]:
    """The auditor's review queue: break-glass accesses awaiting review, and the latest
    reviewed. The auditor sees each child's identity (not narrative), so every child named
    is logged as listed."""
    pending = list(break_glass_grants(user=user))
    reviewed = list(break_glass_grants(user=user, reviewed=True)[:reviewed_limit])
    children = {grant.child_id: grant.child for grant in pending + reviewed}
    if children:
        access_record_many(
            actor=user,
            children=list(children.values()),
            verb=Event.Verb.CHILDREN_LISTED,
            payload={"page": "break_glass_reviews"},
        )
    return {"pending": pending, "reviewed": reviewed}


def break_glass_get(*, user, grant_id: uuid.UUID) -> ChildAccess:
    """One break-glass access for the auditor to review, the child named in it logged."""
    if not can_view_audit(user):
        raise Http404("Not found")
    try:
        grant = ChildAccess.objects.select_related("user", "user__agency", "child").get(
            pk=grant_id, basis=ChildAccess.Basis.BREAK_GLASS
        )
    except ChildAccess.DoesNotExist:
        raise Http404("Not found") from None
    access_record(
        actor=user,
        child=grant.child,
        verb=Event.Verb.CHILDREN_LISTED,
        payload={"page": "break_glass_review"},
    )
    return grant
