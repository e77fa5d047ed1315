"""Links between records: graded, sourced, proposed or confirmed, retracted with a reason
(never deleted), and the co-occurrence alert a new link to a child can raise."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from mace.audit.models import Event
from mace.contexts.identifiers import NORMALISERS
from mace.contexts.models import Alert, Context, Grading, Link, Node
from mace.contexts.permissions import HANDLING_ROLES
from mace.contexts.services.common import require_recorder, stamp
from mace.core import clock

# Links to a child's node through these relations count toward a co-occurrence (a child
# seen with a person of concern, or at a place): shared membership of a peer group is
# association, which the alert does not treat as a concern in itself.
ALERT_KINDS = (Node.Kind.PERSON, Node.Kind.PLACE)


def node_for_child(child) -> Node:
    node, _ = Node.objects.get_or_create(kind=Node.Kind.CHILD, child=child)
    return node


def node_for_context(context: Context) -> Node:
    return Node.objects.get(context=context)


def node_for_identifier(*, kind: str, text: str, detail: str = "") -> Node:
    """The node of a vehicle, phone or online account, found by its normalised value (so
    the same phone written two ways is one node), or made."""
    if kind not in NORMALISERS:
        raise ValueError(f"Not an identifier kind: {kind}")
    value = NORMALISERS[kind](text)
    if not value:
        label = {"vehicle": "registration", "phone": "phone number", "online_account": "account"}
        raise ValidationError({"text": f"Enter a {label[kind]} that can be matched"})
    node = Node.objects.filter(kind=kind, value=value).first()
    if node is not None:
        return node
    try:
        with transaction.atomic():
            return Node.objects.create(
                kind=kind, value=value, label=" ".join(text.split())[:200], detail=detail[:300]
            )
    except IntegrityError:  # made at the same moment by another request
        return Node.objects.get(kind=kind, value=value)


def grading_errors(
    *, source_grade: str, intelligence_grade: str, handling: str, conditions: str, roles
) -> dict[str, str]:
    """3x5x2: source 1-3, intelligence A-E, handling P or C; C needs its conditions and the
    roles they allow."""
    errors = {}
    if source_grade not in Grading.Source.values:
        errors["source_grade"] = "Grade the source: 1 reliable, 2 untested or 3 not reliable"
    if intelligence_grade not in Grading.Intelligence.values:
        errors["intelligence_grade"] = "Grade the intelligence from A (known directly) to E"
    if handling not in Grading.Handling.values:
        errors["handling"] = "Choose the handling code: P (sharing permitted) or C (conditions)"
    if handling == Grading.Handling.CONDITIONS:
        if not (conditions or "").strip():
            errors["handling_conditions"] = "Record the conditions on sharing (handling code C)"
        if not roles:
            errors["handling_roles"] = "Choose who the conditions allow to see this"
        elif set(roles) - set(HANDLING_ROLES):
            errors["handling_roles"] = "Choose from the roles listed"
    return errors


def _dates_errors(first_seen, last_seen) -> dict[str, str]:
    errors = {}
    today = clock.today()
    if first_seen and first_seen > today:
        errors["first_seen"] = "First seen must be today or in the past"
    if last_seen and last_seen > today:
        errors["last_seen"] = "Last seen must be today or in the past"
    if first_seen and last_seen and last_seen < first_seen:
        errors["last_seen"] = "Last seen must be the same as or after first seen"
    return errors


def _labelling_errors(source: Node, target: Node, relation: str) -> dict[str, str]:
    """A child from the cohort is never recorded as a perpetrator, even of another child."""
    if relation == Link.Relation.EXPLOITS and source.kind == Node.Kind.CHILD:
        return {
            "relation": "A child is never recorded as exploiting anyone: record that they "
            "associate, and raise the concern in the child's own record"
        }
    if relation == Link.Relation.EXPLOITS and target.kind != Node.Kind.CHILD:
        return {"relation": "Only a child can be recorded as exploited"}
    return {}


def _child_of(source: Node, target: Node):
    for node in (source, target):
        if node.kind == Node.Kind.CHILD:
            return node.child
    return None


def link_add(
    *,
    actor,
    source: Node,
    target: Node,
    relation: str,
    origin: str,
    source_grade: str,
    intelligence_grade: str,
    handling: str,
    handling_conditions: str = "",
    handling_roles=(),
    description: str = "",
    first_seen: dt.date | None = None,
    last_seen: dt.date | None = None,
    referral=None,
    agenda_item=None,
    proposed: bool = False,
    proposal_reason: str = "",
) -> Link:
    """Record a link between two records (or propose one, to be confirmed: what a referral
    implies). A confirmed link to a child may raise a co-occurrence alert."""
    if actor is not None:
        require_recorder(actor)
    handling_roles = [r for r in dict.fromkeys(handling_roles or ()) if r]
    errors = {}
    if source.pk == target.pk:
        errors["target"] = "Choose two different records"
    if relation not in Link.Relation.values:
        errors["relation"] = "Choose how the two are related"
    if origin not in Link.Origin.values:
        errors["origin"] = "Say where this comes from"
    errors.update(
        grading_errors(
            source_grade=source_grade,
            intelligence_grade=intelligence_grade,
            handling=handling,
            conditions=handling_conditions,
            roles=handling_roles,
        )
    )
    errors.update(_dates_errors(first_seen, last_seen))
    errors.update(_labelling_errors(source, target, relation))
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    with transaction.atomic():
        link = Link(
            source=source,
            target=target,
            relation=relation,
            origin=origin,
            description=(description or "").strip(),
            first_seen=first_seen,
            last_seen=last_seen,
            referral=referral,
            agenda_item=agenda_item,
            source_grade=source_grade,
            intelligence_grade=intelligence_grade,
            handling=handling,
            handling_conditions=(handling_conditions or "").strip()
            if handling == Grading.Handling.CONDITIONS
            else "",
            handling_roles=f",{','.join(handling_roles)},"
            if handling == Grading.Handling.CONDITIONS
            else "",
            status=Link.Status.PROPOSED if proposed else Link.Status.CONFIRMED,
            proposal_reason=proposal_reason[:300],
        )
        if not proposed:
            link.confirmed_at, link.confirmed_by = now, actor
        verb = Event.Verb.LINK_PROPOSED if proposed else Event.Verb.LINK_ADDED
        stamp(
            link,
            actor,
            verb=verb,
            new=True,
            child=_child_of(source, target),
            payload={"relation": relation, "grading": link.grading},
        )
        link.save()
        if not proposed:
            _alert_if_shared(link)
    return link


def link_confirm(*, actor, link: Link) -> Link:
    require_recorder(actor)
    with transaction.atomic():
        link = Link.objects.select_for_update().select_related("source", "target").get(pk=link.pk)
        if link.status != Link.Status.PROPOSED:
            raise ValidationError({"link": "Only a proposed link can be confirmed"})
        link.status = Link.Status.CONFIRMED
        link.confirmed_at, link.confirmed_by = clock.now(), actor
        stamp(
            link,
            actor,
            verb=Event.Verb.LINK_CONFIRMED,
            new=False,
            child=_child_of(link.source, link.target),
        )
        link.save(
            update_fields=["status", "confirmed_at", "confirmed_by", "modified_by", "modified_at"]
        )
        _alert_if_shared(link)
    return link


def link_retract(*, actor, link: Link, reason: str) -> Link:
    """Take a link back (wrong, or disproved), with the reason. It stays in history and in
    the record's list of retracted links; the network no longer uses it."""
    require_recorder(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the link is retracted"})
    with transaction.atomic():
        link = Link.objects.select_for_update().select_related("source", "target").get(pk=link.pk)
        if link.status == Link.Status.RETRACTED:
            raise ValidationError({"reason": "This link has already been retracted"})
        link.status = Link.Status.RETRACTED
        link.retracted_at, link.retracted_by = clock.now(), actor
        link.retraction_reason = reason
        stamp(
            link,
            actor,
            verb=Event.Verb.LINK_RETRACTED,
            new=False,
            child=_child_of(link.source, link.target),
            reason=reason,
        )
        link.save(
            update_fields=[
                "status",
                "retracted_at",
                "retracted_by",
                "retraction_reason",
                "modified_by",
                "modified_at",
            ]
        )
    return link


def children_linked_to(node: Node) -> set:
    """The children directly linked (confirmed links) to a node: their child ids."""
    live = Link.objects.filter(status=Link.Status.CONFIRMED)
    out = live.filter(source=node, target__kind=Node.Kind.CHILD).values_list(
        "target__child_id", flat=True
    )
    back = live.filter(target=node, source__kind=Node.Kind.CHILD).values_list(
        "source__child_id", flat=True
    )
    return set(out) | set(back)


def _alert_if_shared(link: Link) -> Alert | None:
    """A child newly linked to a person or place already linked to (by default) two or more
    other children: an alert for the analyst and the coordinator."""
    source, target = link.source, link.target
    pair = (source, target) if source.kind == Node.Kind.CHILD else (target, source)
    child_node, other = pair
    if child_node.kind != Node.Kind.CHILD or other.kind not in ALERT_KINDS:
        return None
    children = children_linked_to(other)
    others = children - {child_node.child_id}
    if len(others) < settings.MACE_COOCCURRENCE_CHILDREN:
        return None
    # Once per child and context: a second link between them is not news.
    if Alert.objects.filter(context_id=other.context_id, child_id=child_node.child_id).exists():
        return None
    alert = Alert(
        context_id=other.context_id,
        link=link,
        child_id=child_node.child_id,
        children_linked=len(others) + 1,
    )
    stamp(
        alert,
        None,
        verb=Event.Verb.ALERT_RAISED,
        new=True,
        child=child_node.child,
        payload={"children_linked": alert.children_linked},
    )
    alert.save()
    return alert


def alert_close(*, actor, alert: Alert, status: str, reason: str = "") -> Alert:
    require_recorder(actor)
    if status not in (Alert.Status.ON_AGENDA, Alert.Status.DISMISSED):
        raise ValueError(status)
    reason = (reason or "").strip()
    if status == Alert.Status.DISMISSED and not reason:
        raise ValidationError({"reason": "Say why the alert needs no action"})
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if alert.status != Alert.Status.OPEN:
            raise ValidationError({"reason": "This alert has already been dealt with"})
        if not actor.is_active:
            raise PermissionDenied("This account is switched off.")
        alert.status, alert.closed_at, alert.closed_by = status, clock.now(), actor
        alert.closed_reason = reason
        stamp(alert, actor, verb=Event.Verb.ALERT_CLOSED, new=False, reason=reason)
        alert.save(
            update_fields=[
                "status",
                "closed_at",
                "closed_by",
                "closed_reason",
                "modified_by",
                "modified_at",
            ]
        )
    return alert
