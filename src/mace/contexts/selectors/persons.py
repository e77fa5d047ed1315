"""Who a suspected perpetrator named in a referral might be: the persons of concern who share
a name, an alias or street name, a phone or a vehicle with them (ADR 31).

Blocking happens in the database: the persons whose names contain a word of the names the
referral gives, and the persons linked to the same phone or vehicle node. Only that short
list is scored in Python (rapidfuzz and jellyfish, as children are matched).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import jellyfish
from django.db.models import Q
from rapidfuzz import fuzz

from mace.contexts.identifiers import phone_normalised, vehicle_normalised
from mace.contexts.models import Context, ContextName, Link, Node
from mace.core import clock
from mace.linkage.compare import normalise_text

# What each part of a match is worth; a candidate is proposed from PROPOSE_AT.
IDENTIFIER_POINTS = 0.6
EXACT_NAME_POINTS = 0.5
CLOSE_NAME_POINTS = 0.35
AGE_FITS_POINTS = 0.15
AGE_CONFLICTS_POINTS = -0.25
PROPOSE_AT = 0.5
CLOSE_AT = 90  # rapidfuzz ratio, or Jaro-Winkler x 100
SHORTLIST = 50  # persons scored at most, per perpetrator

_KIND_PHRASE = {
    ContextName.Kind.NAME: "their name",
    ContextName.Kind.ALIAS: "an alias",
    ContextName.Kind.STREET_NAME: "a street name",
}


@dataclass
class Candidate:
    person: Context
    score: float
    reasons: list[str] = field(default_factory=list)


def aliases_of(text: str) -> list[str]:
    """The aliases or street names a referral lists: 'Skinny, T / Tee or Big T'."""
    parts = re.split(r"\s*(?:,|;|/|\bor\b|\baka\b|\band\b)\s*", text or "", flags=re.I)
    seen, out = set(), []
    for part in parts:
        part = " ".join(part.strip(" '\"‘’“”").split())
        if part and part.lower() not in seen:
            seen.add(part.lower())
            out.append(part)
    return out


def age_of(text: str, *, today: dt.date | None = None) -> tuple[dt.date | None, int | None]:
    """A date of birth (14/05/1998, 1998-05-14) or an age ('about 25', 'mid 20s', '30s')
    from the free text a referrer writes; (None, None) when neither can be read."""
    text = (text or "").strip().lower()
    today = today or clock.today()
    for pattern, order in (
        (r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b", (2, 1, 0)),
        (r"\b(\d{4})-(\d{2})-(\d{2})\b", (0, 1, 2)),
    ):
        match = re.search(pattern, text)
        if match:
            parts = [int(g) for g in match.groups()]
            try:
                born = dt.date(*(parts[i] for i in order))
            except ValueError:
                return None, None  # a date, but not a real one: nothing to compare
            return (born, _years(born, today)) if born <= today else (None, None)
    match = re.search(r"\b(early|mid|late)?[\s-]*(\d)0s\b", text)
    if match:
        base = int(match.group(2)) * 10
        return None, base + {"early": 2, "mid": 5, "late": 8}.get(match.group(1) or "", 5)
    match = re.search(r"\b(\d{2})\b", text)
    if match and 10 <= int(match.group(1)) <= 100:
        return None, int(match.group(1))
    return None, None


def _years(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _person_age(person: Context, today: dt.date) -> int | None:
    if person.date_of_birth:
        return _years(person.date_of_birth, today)
    return person.approximate_age


def _names_of(perpetrator) -> list[tuple[str, str]]:
    """(label, text) for each name the referral gives the perpetrator."""
    names = []
    if (perpetrator.name or "").strip():
        names.append(("Name", " ".join(perpetrator.name.split())))
    names.extend(("Street name", alias) for alias in aliases_of(perpetrator.aliases))
    return names


def _words(names: list[tuple[str, str]]) -> set[str]:
    return {word for _, text in names for word in normalise_text(text).split() if len(word) >= 3}


def _persons_by_identifier(kind: str, value: str) -> set:
    """Persons of concern linked (not retracted) to the phone or vehicle with this value."""
    if not value:
        return set()
    node = Node.objects.filter(kind=kind, value=value).first()
    if node is None:
        return set()
    # Only links with handling code P: a reason must not reveal intelligence whose
    # conditions keep it from the coordinator or analyst deciding.
    live = Link.objects.exclude(status=Link.Status.RETRACTED).filter(handling="P")
    out = live.filter(target=node, source__kind=Node.Kind.PERSON).values_list(
        "source__context_id", flat=True
    )
    back = live.filter(source=node, target__kind=Node.Kind.PERSON).values_list(
        "target__context_id", flat=True
    )
    return set(out) | set(back)


def _name_reason(label: str, text: str, row: ContextName) -> tuple[float, str] | None:
    a, b = normalise_text(text), normalise_text(row.name)
    if not a or not b:
        return None
    phrase = _KIND_PHRASE.get(row.kind, "a name")
    if a == b:
        return EXACT_NAME_POINTS, f"{label} '{text}' matches {phrase}"
    ratio = max(
        fuzz.token_sort_ratio(a, b), jellyfish.jaro_winkler_similarity(a, b) * 100 if a else 0
    )
    same_sound = jellyfish.metaphone(a) == jellyfish.metaphone(b)
    if ratio >= CLOSE_AT or (same_sound and ratio >= 80):
        return CLOSE_NAME_POINTS, f"{label} '{text}' is close to {phrase}, '{row.name}'"
    return None


def person_candidates(perpetrator) -> list[Candidate]:
    """The persons of concern this suspected perpetrator may be, best first, each with its
    score (0 to 1) and the reasons in words. Only those scoring PROPOSE_AT or more."""
    today = clock.today()
    names = _names_of(perpetrator)
    phone = phone_normalised(perpetrator.phone) if (perpetrator.phone or "").strip() else ""
    phone = phone if len(phone) >= 7 else ""
    vehicle = vehicle_normalised(perpetrator.vehicle)
    by_phone = _persons_by_identifier(Node.Kind.PHONE, phone)
    by_vehicle = _persons_by_identifier(Node.Kind.VEHICLE, vehicle)
    words = _words(names)
    ids = set(by_phone) | set(by_vehicle)
    if names:
        by_name = Q()
        for _, text in names:
            by_name |= Q(name__iexact=text)
        for word in words:
            by_name |= Q(name__icontains=word)
        ids |= set(
            ContextName.objects.filter(by_name, context__kind=Context.Kind.PERSON)
            .values_list("context_id", flat=True)
            .distinct()[:SHORTLIST]
        )
    if not ids:
        return []
    persons = list(
        Context.objects.filter(pk__in=ids, kind=Context.Kind.PERSON).prefetch_related("names")
    )
    _, age = age_of(perpetrator.date_of_birth, today=today)
    candidates = []
    for person in persons:
        score, reasons = 0.0, []
        if person.pk in by_phone:
            score += IDENTIFIER_POINTS
            reasons.append(f"Phone {perpetrator.phone.strip()} is linked to this person")
        if person.pk in by_vehicle:
            score += IDENTIFIER_POINTS
            reasons.append(f"Vehicle {perpetrator.vehicle.strip()} is linked to this person")
        for label, text in names:
            best = None
            for row in person.names.all():
                found = _name_reason(label, text, row)
                if found and (best is None or found[0] > best[0]):
                    best = found
            if best:
                score += best[0]
                reasons.append(best[1])
        known_age = _person_age(person, today)
        if score and age is not None and known_age is not None:
            if abs(age - known_age) <= 3:
                score += AGE_FITS_POINTS
                reasons.append(
                    f"Age '{perpetrator.date_of_birth}' fits (they are about {known_age})"
                )
            elif abs(age - known_age) >= 8:
                score += AGE_CONFLICTS_POINTS
                reasons.append(
                    f"Age '{perpetrator.date_of_birth}' does not fit (they are about {known_age})"
                )
        score = round(min(score, 1.0), 2)
        if score >= PROPOSE_AT:
            candidates.append(Candidate(person, score, reasons))
    candidates.sort(key=lambda c: (-c.score, c.person.name, str(c.person.pk)))
    return candidates


# The coordinator's and analyst's page of what waits to be decided.

PROPOSALS_SHOWN = 100


@dataclass
class End:
    """One end of a link as a page shows it: a child (through rows_shown: ``locked`` when a
    restricted record), a context, or an identifier."""

    node: Node
    child: object = None
    locked: bool = False
    context_hidden: bool = False  # a context the viewer may not open

    @property
    def child_id(self):
        return self.child.pk if self.child is not None else None

    @property
    def context(self):
        return self.node.context if self.node.context_id else None


def ends_shown(*, user, links, verb=None) -> dict:
    """Each link's two ends as (source End, target End), children decided and logged by
    mace.people.selectors.rows_shown (two queries for the page), each child in a network
    logged with CHILD_SEEN_IN_NETWORK."""
    from mace.audit.models import Event
    from mace.people.selectors import rows_shown

    ends = {}
    for link in links:
        ends[link.pk] = tuple(
            End(node=node, child=node.child if node.kind == Node.Kind.CHILD else None)
            for node in (link.source, link.target)
        )
    rows_shown(
        user=user,
        rows=[end for pair in ends.values() for end in pair if end.child is not None],
        verb=verb or Event.Verb.CHILD_SEEN_IN_NETWORK,
    )
    return ends


def persons_read_log(*, user, contexts, where: str) -> None:
    """One audit row for the persons of concern (and other contexts) a page shows."""
    from mace.audit.models import Event
    from mace.audit.services import event_record

    ids = sorted({str(c.pk) for c in contexts if c is not None})
    if ids:
        event_record(
            actor=user, verb=Event.Verb.CONTEXT_VIEWED, payload={"contexts": ids, "page": where}
        )


def mentions_to_decide(*, user):
    """The suspected perpetrators waiting for a decision (whether they are the proposed
    person), oldest first; none for a user who may not decide."""
    from mace.contexts.models import PersonMention
    from mace.contexts.permissions import can_resolve_persons

    if not can_resolve_persons(user):
        return PersonMention.objects.none()
    return (
        PersonMention.objects.filter(status=PersonMention.Status.PROPOSED)
        .select_related("perpetrator", "referral__child", "candidate")
        .prefetch_related("candidate__names")
        .order_by("created_at", "id")
    )


def links_to_decide(*, user):
    """Proposed links this user may see and decide, oldest first."""
    from mace.contexts.permissions import can_resolve_persons
    from mace.contexts.selectors.visibility import links_visible_to

    if not can_resolve_persons(user):
        return Link.objects.none()
    return (
        links_visible_to(user)
        .filter(status=Link.Status.PROPOSED)
        .select_related(
            "source__child", "source__context", "target__child", "target__context", "referral"
        )
        .order_by("created_at", "id")
    )


def proposals_page(*, user) -> dict:
    """What the proposals page shows: mentions with their referral's child as rows_shown
    decides, and proposed links with their ends; every person of concern shown logged."""
    from mace.people.selectors import rows_shown

    mentions = list(mentions_to_decide(user=user)[:PROPOSALS_SHOWN])
    for mention in mentions:
        mention.child = mention.referral.child
        mention.child_id = mention.referral.child_id
    rows_shown(user=user, rows=[m for m in mentions if m.child_id])
    links = list(links_to_decide(user=user)[:PROPOSALS_SHOWN])
    ends = ends_shown(user=user, links=links)
    contexts = [m.candidate for m in mentions]
    contexts += [end.context for pair in ends.values() for end in pair]
    persons_read_log(user=user, contexts=contexts, where="proposals")
    return {
        "mentions": mentions,
        "links": [(link, *ends[link.pk]) for link in links],
        "mention_count": mentions_to_decide(user=user).count(),
        "link_count": links_to_decide(user=user).count(),
        "limit": PROPOSALS_SHOWN,
    }
