"""What Silver, Gold and the organisers read of escalations (ADR 35): each sees the
escalations to the audiences their role sees; a child an escalation names is shown through
``people.selectors.rows_shown`` (logged, and "A child" to a reader who may not see it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404

from mace.audit.models import Event
from mace.contexts.selectors.persons import persons_read_log
from mace.contexts.selectors.visibility import contexts_visible_to
from mace.governance.models import Audience, Escalation
from mace.governance.permissions import audiences_seen, can_raise_escalation
from mace.meetings.models import Discussion, Outcome
from mace.people.selectors import rows_shown


def escalations_visible_to(user) -> QuerySet[Escalation]:
    """Chairs and the coordinator see all; Silver those to Silver and to Gold; Gold those to
    Gold; nobody else any."""
    seen = audiences_seen(user)
    if not seen:
        return Escalation.objects.none()
    return Escalation.objects.filter(to__in=seen)


def escalations_page(*, user, status: str = "", to: str = "") -> list[Escalation]:
    """The list's rows (no child is named on the list: only how many)."""
    rows = escalations_visible_to(user).select_related("owner", "parent")
    if status in Escalation.Status.values:
        rows = rows.filter(status=status)
    if to in Audience.values:
        rows = rows.filter(to=to)
    return list(rows.annotate(child_count=Count("children", distinct=True))[:200])


def escalation_get_for_user(*, user, escalation_id: uuid.UUID) -> Escalation:
    """One escalation this user may see (Http404 for missing and not-yours alike)."""
    try:
        return (
            escalations_visible_to(user)
            .select_related("owner", "responded_by", "parent", "raised_from_finding__meeting")
            .get(pk=escalation_id)
        )
    except Escalation.DoesNotExist:
        raise Http404("No escalation found") from None


@dataclass
class ContextShown:
    context: object
    shown: bool


@dataclass
class EscalationParts:
    children: list = field(default_factory=list)  # rows_shown: each .locked or named
    contexts: list[ContextShown] = field(default_factory=list)
    meetings: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    actions: list = field(default_factory=list)  # rows_shown on the action's child
    raised_on: list = field(default_factory=list)
    plan_items: list = field(default_factory=list)


def escalation_parts(*, user, escalation: Escalation) -> EscalationParts:
    """What lies behind an escalation, as this reader may see it; each child shown logged
    (a fixed number of queries)."""
    payload = {"escalation": str(escalation.pk)}
    children = rows_shown(
        user=user, rows=escalation.children.order_by("family_name", "given_name"), payload=payload
    )
    contexts = list(escalation.contexts.order_by("name"))
    open_ids = (
        set(
            contexts_visible_to(user)
            .filter(pk__in=[c.pk for c in contexts])
            .values_list("pk", flat=True)
        )
        if contexts
        else set()
    )
    persons_read_log(
        user=user, contexts=[c for c in contexts if c.pk in open_ids], where="escalation"
    )
    actions = rows_shown(
        user=user,
        rows=escalation.actions.select_related("child", "owner_agency").order_by("due_date"),
        child_of=lambda action: action.child if action.child_id else None,
        payload=payload,
    )
    return EscalationParts(
        children=children,
        contexts=[ContextShown(c, c.pk in open_ids) for c in contexts],
        meetings=list(escalation.meetings.order_by("date")),
        findings=list(escalation.findings.select_related("meeting")),
        actions=actions,
        raised_on=list(escalations_visible_to(user).filter(parent=escalation)),
        plan_items=list(escalation.plan_items.select_related("objective")),
    )


def discussions_to_escalate(*, user, log: bool = True) -> list[Discussion]:
    """Children whose meeting decided "Escalate to Gold" and that no escalation has been
    raised from yet: for a chair and the coordinator, who complete the escalation. Each
    child shown is logged (``log``; a count alone reads none)."""
    if not can_raise_escalation(user):
        return []
    rows = list(
        _to_escalate()
        .select_related("item__child", "item__meeting")
        .order_by("item__meeting__date")[:100]
    )
    if log:
        rows_shown(
            user=user,
            rows=rows,
            child_of=lambda d: d.item.child if d.item.child_id else None,
            payload={"list": "to escalate to Gold"},
        )
    return rows


def discussions_to_escalate_count(*, user) -> int:
    if not can_raise_escalation(user):
        return 0
    return _to_escalate().count()


def _to_escalate() -> QuerySet[Discussion]:
    raised = Escalation.objects.filter(raised_from_discussion=OuterRef("pk"))
    return Discussion.objects.filter(outcome=Outcome.ESCALATE_GOLD).exclude(Exists(raised))


def discussion_to_escalate(*, user, discussion_id: uuid.UUID) -> Discussion:
    """One such discussion (Http404 for any other, or for a user who may not raise)."""
    if not can_raise_escalation(user):
        raise Http404("No discussion found")
    try:
        discussion = (
            _to_escalate().select_related("item__child", "item__meeting").get(pk=discussion_id)
        )
    except Discussion.DoesNotExist:
        raise Http404("No discussion found") from None
    rows_shown(
        user=user,
        rows=[discussion],
        child_of=lambda d: d.item.child if d.item.child_id else None,
        verb=Event.Verb.CHILDREN_LISTED,
    )
    return discussion
