"""Identity resolution against the children recorded: the database side of record linkage.

The engine (``mace.linkage``) compares records and knows nothing of Django; this module
turns one person's record into indexed queries on Child and ChildAddress, reads the few
columns it needs, and hands the rows to the engine as ``PersonRecord`` objects. Each
blocking rule is one query on existing indexes:

- date of birth, or with day and month transposed (index on ``date_of_birth``);
- a date one slip away (year out, a day out, 1 January) and names that start alike
  (same index);
- the family name as stored with a given name that starts alike (index on
  ``family_name, given_name``);
- the same postcode and a shared initial (index on ``ChildAddress.postcode``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Expression, Q, QuerySet, Value, When

from mace.linkage import engine, keys
from mace.linkage.compare import Prepared, prepare
from mace.linkage.engine import Reason
from mace.linkage.model import MatchModel
from mace.linkage.records import PersonRecord
from mace.people.models import Child, ChildAddress, ChildAlias

# Rows read per blocking rule, and how many go on to full comparison.
PER_RULE_LIMIT = 100
SHORTLIST = 30


@dataclass(frozen=True, slots=True)
class Candidate:
    """A child who may be the person described, with the score and the reasons for it."""

    child_id: uuid.UUID
    score: float
    weight: float
    reasons: tuple[Reason, ...]


# --- Blocking in the database -------------------------------------------------------

# The columns read for the first, cheap pass of a database search.
LIGHT_FIELDS = ("pk", "given_name", "family_name", "preferred_name", "date_of_birth", "gender")


def _initial_filter(prepared: Prepared) -> Q:
    """A child whose given, preferred or family name starts with an initial of either name."""
    initials = keys.given_initials(prepared.given) | {f.text[0] for f in prepared.family}
    condition = Q()
    for initial in sorted(initials):
        condition |= (
            Q(given_name__istartswith=initial)
            | Q(preferred_name__istartswith=initial)
            | Q(family_name__istartswith=initial)
        )
    return condition


def _prefix_filter(prepared: Prepared) -> Q:
    """A child whose given name shares two first letters, or family name three, with ours."""
    condition = Q()
    for prefix in sorted({eq[:2] for form in prepared.given for eq in form.equivalents}):
        condition |= Q(given_name__istartswith=prefix) | Q(preferred_name__istartswith=prefix)
    for prefix in sorted({form.text[:3] for form in prepared.family}):
        condition |= Q(family_name__istartswith=prefix)
    return condition


def _given_prefix_ranges(prepared: Prepared) -> Q:
    """Given names that start with the same two letters as ours (or a formal name behind a
    nickname), written as ranges so that an index on the column serves them."""
    condition = Q()
    prefixes = {eq[:2] for form in prepared.given for eq in form.equivalents if len(eq) >= 2}
    for prefix in sorted(prefixes):
        for variant in sorted({prefix.title(), prefix.upper(), prefix}):
            upper_bound = variant[:-1] + chr(ord(variant[-1]) + 1)
            condition |= Q(given_name__gte=variant, given_name__lt=upper_bound)
    return condition


def _name_variants(prepared: Prepared) -> tuple[list[str], list[str]]:
    """Given names (with formal names behind nicknames) and family names as likely stored."""
    given = {prepared.record.given_name, *(f.alias for f in prepared.given if f.alias)}
    if prepared.given and not prepared.given[0].alias:
        given.update(prepared.given[0].equivalents)
    family = {prepared.record.family_name, *(f.alias for f in prepared.family if f.alias)}
    return (
        sorted({v for name in given for v in keys.name_case_variants(name)}),
        sorted({v for name in family for v in keys.name_case_variants(name)}),
    )


def _when(condition: Q, points: int) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0))


def database_proximity(*, prepared: Prepared) -> Expression:
    """A cheap score the database ranks a block by, so a huge block returns its best rows."""
    given, family = _name_variants(prepared)
    parts: list[Expression] = [Value(0)]
    initials = _initial_filter(prepared)
    if initials:
        parts.append(_when(initials, 1))
    if family:
        parts.append(_when(Q(family_name__in=family), 4))
    if given:
        parts.append(_when(Q(given_name__in=given) | Q(preferred_name__in=given), 3))
    if given and family:
        parts.append(_when(Q(given_name__in=family) | Q(family_name__in=given), 2))  # swapped
    if prepared.dob is not None:
        parts.append(_when(Q(date_of_birth__in=keys.dob_exact_variants(prepared.dob)), 4))
        parts.append(_when(Q(date_of_birth__in=keys.dob_near_variants(prepared.dob)), 2))
    total: Expression = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def database_blocks(*, prepared: Prepared, children_qs: QuerySet) -> list[tuple[str, QuerySet]]:
    """The database blocking rules for one record: (name, queryset of candidate children)."""
    blocks: list[tuple[str, QuerySet]] = []
    dob = prepared.dob
    initials = _initial_filter(prepared)
    if dob is not None:
        exact = keys.dob_exact_variants(dob)
        blocks.append(("date of birth", children_qs.filter(date_of_birth__in=exact)))
        prefixes = _prefix_filter(prepared)
        if prefixes:
            near = keys.dob_near_variants(dob)
            blocks.append(
                ("near date of birth", children_qs.filter(prefixes, date_of_birth__in=near))
            )
    given_ranges = _given_prefix_ranges(prepared)
    family_variants = _name_variants(prepared)[1]
    if family_variants and given_ranges:
        # Both columns of the (family_name, given_name) index: a common family name costs
        # no more than a rare one.
        blocks.append(
            ("family name", children_qs.filter(given_ranges, family_name__in=family_variants))
        )
    postcodes = sorted({v for pc in prepared.postcodes for v in keys.postcode_variants(pc.code)})
    if postcodes and initials:
        at_postcode = ChildAddress.objects.filter(postcode__in=postcodes).values("child_id")
        blocks.append(("postcode", children_qs.filter(initials, pk__in=at_postcode)))
    return blocks


# --- Children as records --------------------------------------------------------------


def _record(
    row: tuple, *, places: list[tuple], aliases: list[str], school: str = ""
) -> PersonRecord:
    """A PersonRecord from a light child row, its address rows and alias names."""
    pk, given, family, preferred, dob, gender = row
    # Current addresses first, the newest first; each is (postcode, lines..., from, to).
    ordered = sorted(places, key=lambda p: (p[5] is not None, -p[4].toordinal()))
    texts = [
        (postcode, ", ".join(part for part in (line_1, line_2, town) if part))
        for postcode, line_1, line_2, town, _, _ in ordered
    ]
    current = texts[0] if texts else ("", "")
    return PersonRecord(
        id=str(pk),
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        sex=gender,
        postcode=current[0],
        address=current[1],
        aliases=tuple(([preferred] if preferred else []) + aliases),
        school=school,
        previous_addresses=tuple(texts[1:]),
    )


def child_record(child: Child) -> PersonRecord:
    """A Child (aliases, addresses and school loaded or loadable) as a PersonRecord."""
    row = tuple(getattr(child, f) for f in LIGHT_FIELDS)
    places = [
        (a.postcode, a.line_1, a.line_2, a.town, a.date_from, a.date_to)
        for a in child.addresses.all()
    ]
    return _record(
        row,
        places=places,
        aliases=[alias.name for alias in child.aliases.all()],
        school=child.school.name if child.school_id else "",
    )


def _full_records(*, shortlist: list, rows: dict, children_qs: QuerySet) -> dict:
    """Shortlisted children with their schools, addresses and aliases: three light queries."""
    schools = dict(
        children_qs.filter(pk__in=shortlist).order_by().values_list("pk", "school__name")
    )
    places: dict = {pk: [] for pk in schools}
    for child_id, *place in (
        ChildAddress.objects.filter(child_id__in=list(schools))
        .order_by()
        .values_list("child_id", "postcode", "line_1", "line_2", "town", "date_from", "date_to")
    ):
        places[child_id].append(tuple(place))
    aliases: dict = {pk: [] for pk in schools}
    for child_id, name in (
        ChildAlias.objects.filter(child_id__in=list(schools))
        .order_by("name")
        .values_list("child_id", "name")
    ):
        aliases[child_id].append(name)
    return {
        pk: _record(rows[pk], places=places[pk], aliases=aliases[pk], school=school or "")
        for pk, school in schools.items()
    }


def cohort_size() -> int:
    """How many children are recorded (cached for ten minutes): the prior's denominator."""
    return cache.get_or_set("mace:matching:cohort-size", Child.objects.count, 600) or 1


# --- The search -----------------------------------------------------------------------


def candidates_for(
    record: PersonRecord,
    *,
    children_qs: QuerySet,
    limit: int = 10,
    model: MatchModel | None = None,
    population: int | None = None,
) -> list[Candidate]:
    """The children in ``children_qs`` most likely to be ``record``, best first.

    Blocking queries read a few columns of the children that share a key with the record;
    a first pass on names and date of birth keeps a shortlist (and every child at the same
    postcode); the shortlist is read in full and scored with every field. Callers pass a
    queryset already limited to what the user may see (``children_visible_to``).
    """
    model = model or engine.default_model()
    prepared = prepare(record=record)
    rows: dict = {}
    at_postcode: set = set()
    proximity = database_proximity(prepared=prepared)
    for name, queryset in database_blocks(prepared=prepared, children_qs=children_qs):
        ranked = queryset.alias(proximity=proximity).order_by("-proximity", "pk")
        for row in ranked.values_list(*LIGHT_FIELDS)[:PER_RULE_LIMIT]:
            rows[row[0]] = row
            if name == "postcode":
                at_postcode.add(row[0])
    if not rows:
        return []
    light = {pk: _record(row, places=[], aliases=[]) for pk, row in rows.items()}
    order = engine.first_pass(prepared, light, model=model)
    shortlist = order[: max(SHORTLIST, 3 * limit)]
    shortlist += [pk for pk in order if pk in at_postcode][:SHORTLIST]
    records = _full_records(shortlist=shortlist, rows=rows, children_qs=children_qs)
    found = engine.rank(
        prepared, records, model=model, population=population or cohort_size(), limit=limit
    )
    return [
        Candidate(child_id=r.key, score=r.score, weight=r.weight, reasons=r.reasons) for r in found
    ]
