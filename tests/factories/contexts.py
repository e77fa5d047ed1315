"""Contextual MACE builders: contexts, nodes and graded links (synthetic only)."""

from __future__ import annotations

from mace.accounts.models import Role
from mace.contexts.models import Context, Link, Node
from mace.contexts.services.links import (
    link_add,
    node_for_child,
    node_for_context,
    node_for_identifier,
)
from mace.contexts.services.records import context_open
from tests.factories.accounts import UserFactory

GRADED = {"source_grade": "2", "intelligence_grade": "B", "handling": "P"}


def analyst():
    return UserFactory(role=Role.ANALYST)


def context_made(
    kind: str = Context.Kind.PLACE, name: str = "", *, actor=None, **fields
) -> Context:
    """A context of this kind, with the fields its kind needs filled in."""
    actor = actor or analyst()
    defaults = {
        Context.Kind.PLACE: {"place_kind": Context.PlaceKind.TAKEAWAY},
        Context.Kind.PERSON: {"certainty": Context.Certainty.SUSPECTED},
        Context.Kind.PEER_GROUP: {},
        Context.Kind.THEME: {},
    }[kind]
    name = (
        name
        or {
            Context.Kind.PLACE: "Chicken Shack, Harehills Road",
            Context.Kind.PERSON: "Dean Harrop",
            Context.Kind.PEER_GROUP: "Boys around Seacroft Green",
            Context.Kind.THEME: "Taxi use",
        }[kind]
    )
    return context_open(actor=actor, kind=kind, name=name, **{**defaults, **fields})


def node_of(record) -> Node:
    """The network node of a child or a context."""
    if isinstance(record, Node):
        return record
    if isinstance(record, Context):
        return node_for_context(record)
    return node_for_child(record)


def linked(a, b, relation: str = Link.Relation.ASSOCIATES, *, actor=None, **fields) -> Link:
    """A confirmed, graded (2B P) link from a to b (children, contexts or nodes)."""
    actor = actor or fields.pop("by", None) or analyst()
    return link_add(
        actor=actor,
        source=node_of(a),
        target=node_of(b),
        relation=relation,
        origin=fields.pop("origin", Link.Origin.DIRECT),
        **{**GRADED, **fields},
    )


def phone(number: str = "07700 900123") -> Node:
    return node_for_identifier(kind=Node.Kind.PHONE, text=number)


def referral_naming(*, coordinator, perpetrators=(), child=None, accept=True, **fields):
    """A submitted referral naming these suspected perpetrators (dicts of their fields),
    linked to ``child`` and accepted through triage, the receivers run as after a commit."""
    from django.test import TestCase

    from mace.referrals.models import SuspectedPerpetrator
    from mace.referrals.services.triage import referral_decide, referral_link_child
    from tests.factories.referrals import submitted_referral

    referral = submitted_referral(**fields)
    for perpetrator in perpetrators:
        SuspectedPerpetrator.objects.create(referral=referral, **perpetrator)
    if child is not None:
        referral_link_child(actor=coordinator, referral_id=referral.id, child_id=child.id)
    if accept:
        with TestCase.captureOnCommitCallbacks(execute=True):
            referral_decide(
                actor=coordinator,
                referral_id=referral.id,
                decision="accept",
                reason="Meets the MACE criteria: exploitation by a named adult",
            )
    referral.refresh_from_db()
    return referral
