"""Escalations to Silver and Gold: raised by a chair or the coordinator (at any time, from a
meeting's finding, or from a child's outcome "Escalate to Gold"), raised on to Gold by
Silver, responded to and closed. A child an escalation names opens to the audience's
members through the people app's escalation grant, and closes again with the last open
escalation naming it (ADR 35)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from mace.accounts.models import User
from mace.audit.models import Event
from mace.contexts.selectors.visibility import contexts_visible_to
from mace.core import clock
from mace.governance.models import Audience, Escalation
from mace.governance.permissions import (
    AUDIENCE_ROLE,
    can_close,
    can_raise_escalation,
    can_raise_to_gold,
    can_respond,
)
from mace.governance.services.common import check_owner, raise_if, require, required_text, stamp
from mace.meetings.models import Discussion, Finding, Outcome
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from mace.people.services import child_access_grant, child_access_revoke


def _audience_members(to: str):
    return User.objects.filter(is_active=True, role=AUDIENCE_ROLE[to])


def escalation_grants_open(*, actor, escalation: Escalation) -> int:
    """Open each child the escalation names to every active member of its audience who
    cannot see it through an escalation already (one grant per member and child, however
    many escalations name it). Returns how many grants were opened."""
    children = list(escalation.children.all())
    members = list(_audience_members(escalation.to))
    if not children or not members:
        return 0
    held = set(
        ChildAccess.objects.active()
        .filter(
            basis=ChildAccess.Basis.ESCALATION,
            user__in=members,
            child__in=children,
        )
        .values_list("user_id", "child_id")
    )
    reason = f"Escalated to {escalation.get_to_display()}: {escalation.title}"
    opened = 0
    for member in members:
        for child in children:
            if (member.pk, child.pk) not in held:
                child_access_grant(
                    actor=actor,
                    user=member,
                    child=child,
                    basis=ChildAccess.Basis.ESCALATION,
                    reason=reason,
                )
                opened += 1
    return opened


def member_grants_ensure(*, user) -> int:
    """A Silver or Gold member (one who joins, or is switched on, after an escalation was
    raised) sees the children of the open escalations to their group, like the members who
    were there when it was raised: granted by the system. Returns how many were opened."""
    audience = {role: to for to, role in AUDIENCE_ROLE.items()}.get(user.role)
    if audience is None or not user.is_active:
        return 0
    open_escalations = (
        Escalation.objects.filter(to=audience)
        .exclude(status=Escalation.Status.CLOSED)
        .prefetch_related("children")
        .order_by("created_at")
    )
    held = set(
        ChildAccess.objects.active()
        .filter(basis=ChildAccess.Basis.ESCALATION, user=user)
        .values_list("child_id", flat=True)
    )
    wanted = {child.pk for e in open_escalations for child in e.children.all()}
    stale = held - wanted  # from a group they no longer sit on (a role changed)
    opened = 0
    with transaction.atomic():
        if stale:
            child_access_revoke(
                actor=None,
                grant_ids=ChildAccess.objects.active()
                .filter(basis=ChildAccess.Basis.ESCALATION, user=user, child_id__in=stale)
                .values("pk"),
                reason=f"No longer escalated to their group ({user.get_role_display()})",
            )
            held -= stale
        for escalation in open_escalations:
            for child in escalation.children.all():
                if child.pk in held:
                    continue
                child_access_grant(
                    actor=None,
                    user=user,
                    child=child,
                    basis=ChildAccess.Basis.ESCALATION,
                    reason=f"Escalated to {escalation.get_to_display()}: {escalation.title}",
                )
                held.add(child.pk)
                opened += 1
    return opened


def _grants_release(*, actor, escalation: Escalation) -> int:
    """End the audience's escalation grants for the children no other open escalation to
    the same audience names."""
    child_ids = set(escalation.children.values_list("pk", flat=True))
    still = set(
        Escalation.objects.filter(to=escalation.to, children__in=child_ids)
        .exclude(status=Escalation.Status.CLOSED)
        .exclude(pk=escalation.pk)
        .values_list("children", flat=True)
    )
    ending = child_ids - still
    if not ending:
        return 0
    grants = (
        ChildAccess.objects.active()
        .filter(
            basis=ChildAccess.Basis.ESCALATION,
            child_id__in=ending,
            user__role=AUDIENCE_ROLE[escalation.to],
        )
        .values("pk")
    )
    return child_access_revoke(
        actor=actor,
        grant_ids=grants,
        reason=f"The escalation to {escalation.get_to_display()} was closed: {escalation.title}",
    )


def _checked_links(actor, *, children, contexts, errors: dict) -> tuple[list, list]:
    children = list(children)
    contexts = list(contexts)
    if children:
        seen = set(
            children_visible_to(actor)
            .filter(pk__in=[c.pk for c in children])
            .values_list("pk", flat=True)
        )
        if any(c.pk not in seen for c in children):
            errors["children"] = "You can escalate only children you can see"
    if contexts:
        seen = set(
            contexts_visible_to(actor)
            .filter(pk__in=[c.pk for c in contexts])
            .values_list("pk", flat=True)
        )
        if any(c.pk not in seen for c in contexts):
            errors["contexts"] = "You can escalate only places, groups and persons you can see"
    return children, contexts


def escalation_raise(
    *,
    actor,
    to: str,
    kind: str,
    title: str,
    description: str,
    owner,
    children=(),
    contexts=(),
    meetings=(),
    findings=(),
    actions=(),
    finding: Finding | None = None,
    discussion: Discussion | None = None,
) -> Escalation:
    """A chair or the coordinator raises an escalation to Silver or Gold: at any time, from
    a meeting's ``finding`` (its meeting is linked), or from a child's ``discussion`` whose
    outcome is "Escalate to Gold" (the child and the meeting are linked; it goes to Gold).
    The children named open to the audience's members."""
    require(can_raise_escalation(actor), "Only a chair or the MACE coordinator can escalate.")
    errors: dict = {}
    if to not in Audience.values:
        errors["to"] = "Choose Silver or Gold"
    if kind not in Escalation.Kind.values:
        errors["kind"] = "Choose what is escalated"
    required_text(
        errors,
        title=(title, "Enter a title"),
        description=(description, "Say what is escalated and why"),
    )
    check_owner(owner, errors)
    children = list(children)
    meetings = list(meetings)
    findings = list(findings)
    if finding is not None and discussion is not None:
        raise ValueError("An escalation comes from a finding or a discussion, not both")
    if finding is not None:
        findings = [finding, *[f for f in findings if f.pk != finding.pk]]
        meetings.append(finding.meeting)
    if discussion is not None:
        if discussion.outcome != Outcome.ESCALATE_GOLD:
            raise ValidationError("The meeting did not decide to escalate this child to Gold")
        if to != Audience.GOLD:
            errors["to"] = "The meeting decided to escalate this child to Gold"
        if discussion.item.child_id and all(c.pk != discussion.item.child_id for c in children):
            children.append(discussion.item.child)
        meetings.append(discussion.item.meeting)
    children, contexts = _checked_links(actor, children=children, contexts=contexts, errors=errors)
    if kind == Escalation.Kind.CHILD and not children:
        errors["children"] = "Name the child escalated"
    raise_if(errors)
    with transaction.atomic():
        escalation = Escalation(
            to=to,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            owner=owner,
            raised_from_finding=finding,
            raised_from_discussion=discussion,
        )
        _save_with_links(
            actor,
            escalation,
            children=children,
            contexts=contexts,
            meetings=meetings,
            findings=findings,
            actions=actions,
        )
    return escalation


def _save_with_links(actor, escalation, *, children, contexts, meetings, findings, actions):
    stamp(
        escalation,
        actor,
        verb=Event.Verb.ESCALATION_RAISED,
        new=True,
        payload={
            "to": escalation.to,
            "kind": escalation.kind,
            "parent": str(escalation.parent_id) if escalation.parent_id else None,
            "children": len(children),
        },
    )
    escalation.save()
    escalation.children.set(children)
    escalation.contexts.set(contexts)
    escalation.meetings.set({m.pk for m in meetings})
    escalation.findings.set(findings)
    escalation.actions.set(actions)
    escalation_grants_open(actor=actor, escalation=escalation)


def escalation_raise_to_gold(
    *, actor, parent: Escalation, title: str, description: str, owner=None
) -> Escalation:
    """Silver raises one of its escalations on to Gold, with everything behind it: the
    children named open to Gold's members."""
    require(can_raise_to_gold(actor), "Only Silver members, a chair or the coordinator can.")
    if parent.to != Audience.SILVER:
        raise ValidationError("Only an escalation to Silver can be raised to Gold")
    if parent.status == Escalation.Status.CLOSED:
        raise ValidationError("This escalation is closed")
    owner = owner or actor
    errors: dict = {}
    required_text(
        errors,
        title=(title, "Enter a title"),
        description=(description, "Say what Gold is asked to know or decide"),
    )
    check_owner(owner, errors)
    raise_if(errors)
    with transaction.atomic():
        escalation = Escalation(
            to=Audience.GOLD,
            kind=parent.kind,
            title=title.strip(),
            description=description.strip(),
            owner=owner,
            parent=parent,
        )
        _save_with_links(
            actor,
            escalation,
            children=list(parent.children.all()),
            contexts=list(parent.contexts.all()),
            meetings=list(parent.meetings.all()),
            findings=list(parent.findings.all()),
            actions=list(parent.actions.all()),
        )
    return escalation


def escalation_respond(*, actor, escalation: Escalation, response: str) -> Escalation:
    """The audience's response (Silver's to an escalation to Silver, Gold's to Gold)."""
    require(can_respond(actor, escalation), "Only the escalation's audience can respond.")
    if escalation.status == Escalation.Status.CLOSED:
        raise ValidationError("This escalation is closed")
    errors: dict = {}
    required_text(errors, response=(response, "Enter the response"))
    raise_if(errors)
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
        escalation.response = response.strip()
        escalation.responded_at = clock.now()
        escalation.responded_by = actor
        escalation.status = Escalation.Status.RESPONDED
        stamp(escalation, actor, verb=Event.Verb.ESCALATION_RESPONDED, new=False)
        escalation.save(
            update_fields=[
                "response",
                "responded_at",
                "responded_by",
                "status",
                "modified_by",
                "modified_at",
            ]
        )
    return escalation


def escalation_close(*, actor, escalation: Escalation, note: str = "") -> Escalation:
    """Close an escalation; the audience's sight of a child it named ends unless another
    open escalation to them names the child."""
    require(can_close(actor, escalation), "Only the escalation's audience or owner can close it.")
    if escalation.status == Escalation.Status.CLOSED:
        raise ValidationError("This escalation is closed already")
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
        escalation.status = Escalation.Status.CLOSED
        escalation.closed_at = clock.now()
        escalation.closing_note = (note or "").strip()
        stamp(escalation, actor, verb=Event.Verb.ESCALATION_CLOSED, new=False)
        escalation.save(
            update_fields=["status", "closed_at", "closing_note", "modified_by", "modified_at"]
        )
        _grants_release(actor=actor, escalation=escalation)
    return escalation
