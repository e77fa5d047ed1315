"""Persons of concern resolved like children (ADR 31): when a referral is accepted, each
suspected perpetrator it names is matched against the persons of concern; a likely match is
proposed for the coordinator or analyst to confirm or keep apart, and nobody like them opens
a new (suspected) person. The links the referral implies are proposed, to be confirmed.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.contexts.models import Context, ContextName, Link, Node, PersonMention
from mace.contexts.permissions import can_resolve_persons
from mace.contexts.selectors.persons import age_of, aliases_of, person_candidates
from mace.contexts.services.common import stamp
from mace.contexts.services.links import (
    link_add,
    node_for_child,
    node_for_context,
    node_for_identifier,
)
from mace.contexts.services.records import context_open
from mace.core import clock
from mace.linkage.compare import normalise_text
from mace.referrals.models import Referral

# What a referral says is graded 2 (untested source), C (known indirectly), P (ADR 31).
REFERRAL_GRADING = {"source_grade": "2", "intelligence_grade": "C", "handling": "P"}
# A name shorter than this is not looked for in the referral's free text ("Park").
NAME_IN_TEXT_MIN = 4


def _require_resolver(actor) -> None:
    if not can_resolve_persons(actor):
        raise PermissionDenied("Only the MACE coordinator or the analyst can decide this.")


def _has_content(perpetrator) -> bool:
    return any(
        (getattr(perpetrator, f) or "").strip() for f in ("name", "aliases", "phone", "vehicle")
    )


def _propose(*, actor, source: Node, target: Node, relation: str, referral, reason: str):
    """Propose a link, unless the same one is already live (proposed or confirmed)."""
    live = Link.objects.exclude(status=Link.Status.RETRACTED).filter(
        source=source, target=target, relation=relation
    )
    if live.exists():
        return None
    return link_add(
        actor=actor,
        source=source,
        target=target,
        relation=relation,
        origin=Link.Origin.REFERRAL,
        referral=referral,
        proposed=True,
        proposal_reason=reason,
        **REFERRAL_GRADING,
    )


def _identifiers(perpetrator) -> list[Node]:
    nodes = []
    for kind, text in (
        (Node.Kind.PHONE, perpetrator.phone),
        (Node.Kind.VEHICLE, perpetrator.vehicle),
    ):
        if not (text or "").strip():
            continue
        try:
            nodes.append(node_for_identifier(kind=kind, text=text))
        except ValidationError:
            continue  # written so that it cannot be matched: it stays in the referral's text
    return nodes


def contexts_named_in(text: str, kind: str) -> list[Context]:
    """The open contexts of ``kind`` whose name (or another name they go by) appears in this
    free text, as whole words. Nothing is invented: a place not on record is not made."""
    text = normalise_text(text or "")
    if not text:
        return []
    padded = f" {text} "
    found = {}
    rows = Context.objects.filter(kind=kind, status=Context.Status.OPEN).prefetch_related("names")
    for context in rows.iterator(chunk_size=500):
        for name in [context.name, *(row.name for row in context.names.all())]:
            name = normalise_text(name)
            if len(name) >= NAME_IN_TEXT_MIN and f" {name} " in padded:
                found[context.pk] = context
                break
    return sorted(found.values(), key=lambda c: c.name)


def _person_links(*, actor, person: Context, perpetrator, referral: Referral) -> list[Link]:
    """What the referral says of this person: they exploit its child, use the phone and the
    vehicle it gives, and (a referral about a place, with no child) were seen at its places."""
    person_node = node_for_context(person)
    said = f"Named as a suspected perpetrator in referral {referral.reference}"
    links = []
    if referral.child_id:
        links.append(
            _propose(
                actor=actor,
                source=person_node,
                target=node_for_child(referral.child),
                relation=Link.Relation.EXPLOITS,
                referral=referral,
                reason=said,
            )
        )
    for node in _identifiers(perpetrator):
        links.append(
            _propose(
                actor=actor,
                source=person_node,
                target=node,
                relation=Link.Relation.USES,
                referral=referral,
                reason=f"{said}, with this {node.get_kind_display().lower()}",
            )
        )
    if not referral.child_id:
        for place in contexts_named_in(referral.places_of_concern, Context.Kind.PLACE):
            links.append(
                _propose(
                    actor=actor,
                    source=person_node,
                    target=node_for_context(place),
                    relation=Link.Relation.SEEN_AT,
                    referral=referral,
                    reason=f"Named in the places of concern of referral {referral.reference}",
                )
            )
    return [link for link in links if link is not None]


def _child_context_links(*, referral: Referral) -> list[Link]:
    """The child of the referral seen at the places it names, part of the groups it names."""
    if not referral.child_id:
        return []
    child_node = node_for_child(referral.child)
    links = []
    for text, kind, relation, where in (
        (
            referral.places_of_concern,
            Context.Kind.PLACE,
            Link.Relation.SEEN_AT,
            "places of concern",
        ),
        (referral.peer_groups, Context.Kind.PEER_GROUP, Link.Relation.MEMBER, "peer groups"),
    ):
        for context in contexts_named_in(text, kind):
            links.append(
                _propose(
                    actor=None,
                    source=child_node,
                    target=node_for_context(context),
                    relation=relation,
                    referral=referral,
                    reason=f"Named in the {where} of referral {referral.reference}",
                )
            )
    return [link for link in links if link is not None]


def _open_person(*, actor, perpetrator) -> Context:
    """A new person of concern (suspected) from what the referral says of them."""
    aliases = aliases_of(perpetrator.aliases)
    name = " ".join((perpetrator.name or "").split()) or (aliases[0] if aliases else "")
    if not name:
        name = f"Person named in referral {perpetrator.referral.reference}"
    names = [(name, ContextName.Kind.NAME)]
    names += [(alias, ContextName.Kind.STREET_NAME) for alias in aliases]
    born, age = age_of(perpetrator.date_of_birth)
    fields = {"certainty": Context.Certainty.SUSPECTED}
    if born:
        fields["date_of_birth"] = born
    elif age is not None and 10 <= age <= 100:
        fields["approximate_age"] = age
    description = "; ".join(
        part
        for part in (
            perpetrator.ethnicity.strip(),
            f"relationship to the child: {perpetrator.relationship.strip()}"
            if perpetrator.relationship.strip()
            else "",
            f"address given: {perpetrator.address.strip()}" if perpetrator.address.strip() else "",
        )
        if part
    )
    if description:
        fields["description"] = description
    return context_open(
        actor=actor,
        kind=Context.Kind.PERSON,
        name=name,
        names=names,
        system=actor is None,
        summary=f"Named as a suspected perpetrator in referral {perpetrator.referral.reference}.",
        **fields,
    )


def _mention_stamp(mention: PersonMention, actor, *, new: bool, reason: str = "") -> None:
    stamp(
        mention,
        actor,
        verb=Event.Verb.PERSON_RESOLVED,
        new=new,
        child=mention.referral.child if mention.referral.child_id else None,
        reason=reason,
        payload={
            "status": mention.status,
            "person": str(mention.person_id or ""),
            "candidate": str(mention.candidate_id or ""),
        },
    )


def referral_accepted_propose(*, referral_id) -> list[PersonMention]:
    """On acceptance (the system is the actor): a mention for each suspected perpetrator
    (a likely known person proposed, or a new person opened), and the links the referral
    implies proposed. Runs once: a perpetrator already mentioned is left alone."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_for_update(of=("self",))
            .select_related("child")
            .get(pk=referral_id)
        )
        done = set(
            PersonMention.objects.filter(referral=referral).values_list("perpetrator_id", flat=True)
        )
        mentions = []
        for perpetrator in referral.perpetrators.all():
            if perpetrator.pk in done or not _has_content(perpetrator):
                continue
            candidates = person_candidates(perpetrator)
            mention = PersonMention(perpetrator=perpetrator, referral=referral)
            if candidates:
                best = candidates[0]
                mention.status = PersonMention.Status.PROPOSED
                mention.candidate, mention.score = best.person, best.score
                mention.reasons = best.reasons
            else:
                mention.status = PersonMention.Status.NEW
                mention.person = _open_person(actor=None, perpetrator=perpetrator)
                mention.reasons = ["Nobody like them is known: a new person of concern"]
                mention.decided_at = clock.now()
            _mention_stamp(mention, None, new=True)
            mention.save()
            if mention.person_id:
                _person_links(
                    actor=None, person=mention.person, perpetrator=perpetrator, referral=referral
                )
            mentions.append(mention)
        _child_context_links(referral=referral)
    return mentions


def _locked_mention(mention: PersonMention) -> PersonMention:
    mention = (
        PersonMention.objects.select_for_update(of=("self",))
        .select_related("perpetrator__referral", "referral__child", "candidate")
        .get(pk=mention.pk)
    )
    if mention.status != PersonMention.Status.PROPOSED:
        raise ValidationError({"mention": "This has already been decided"})
    return mention


def _names_add(*, actor, person: Context, perpetrator) -> list[ContextName]:
    """The names the referral gives that the person is not yet known by."""
    known = {normalise_text(row.name) for row in person.names.all()}
    known.add(normalise_text(person.name))
    wanted = []
    if (perpetrator.name or "").strip():
        wanted.append((" ".join(perpetrator.name.split()), ContextName.Kind.ALIAS))
    wanted += [(alias, ContextName.Kind.STREET_NAME) for alias in aliases_of(perpetrator.aliases)]
    added = []
    for name, kind in wanted:
        if normalise_text(name) in known:
            continue
        known.add(normalise_text(name))
        row = ContextName(context=person, name=name, kind=kind)
        stamp(row, actor, verb=Event.Verb.CONTEXT_CHANGED, new=True, payload={"name_kind": kind})
        row.save()
        added.append(row)
    return added


def person_mention_confirm(*, actor, mention: PersonMention) -> PersonMention:
    """The suspected perpetrator is the proposed person: they gain the referral's new
    aliases and street names, and the links the referral implies are proposed to them."""
    _require_resolver(actor)
    with transaction.atomic():
        mention = _locked_mention(mention)
        person = mention.candidate
        _names_add(actor=actor, person=person, perpetrator=mention.perpetrator)
        mention.status = PersonMention.Status.CONFIRMED
        mention.person = person
        mention.decided_at, mention.decided_by = clock.now(), actor
        _mention_stamp(mention, actor, new=False)
        mention.save(
            update_fields=[
                "status",
                "person",
                "decided_at",
                "decided_by",
                "modified_by",
                "modified_at",
            ]
        )
        _person_links(
            actor=actor, person=person, perpetrator=mention.perpetrator, referral=mention.referral
        )
    return mention


def person_mention_keep_apart(*, actor, mention: PersonMention, reason: str) -> PersonMention:
    """The suspected perpetrator is not the proposed person: a new person of concern is
    opened from what the referral says, and the links are proposed to them."""
    _require_resolver(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why they are not the same person"})
    with transaction.atomic():
        mention = _locked_mention(mention)
        person = _open_person(actor=actor, perpetrator=mention.perpetrator)
        mention.status = PersonMention.Status.KEPT_APART
        mention.person = person
        mention.decided_at, mention.decided_by = clock.now(), actor
        _mention_stamp(mention, actor, new=False, reason=reason)
        mention.save(
            update_fields=[
                "status",
                "person",
                "decided_at",
                "decided_by",
                "modified_by",
                "modified_at",
            ]
        )
        _person_links(
            actor=actor, person=person, perpetrator=mention.perpetrator, referral=mention.referral
        )
    return mention
