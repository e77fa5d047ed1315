"""Blocking: which pairs are worth comparing. A pair is compared if any rule's keys meet.

In memory (linking two lists) every rule indexes list B by its keys. In the database (one
referral against the cohort) each rule is one indexed query on existing columns:

- date of birth, or with day and month transposed (index on ``date_of_birth``);
- a date one slip away (year out, a day out, 1 January) and names that start alike
  (same index);
- the family name as stored with a given name that starts alike (index on
  ``family_name, given_name``);
- the same postcode and a shared initial (index on ``ChildAddress.postcode``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import Case, Expression, Q, QuerySet, Value, When

from mace.people.matching import keys
from mace.people.matching.compare import Prepared


@dataclass(frozen=True, slots=True)
class BlockingRule:
    """A named blocking rule: the comparisons it constrains and its key function."""

    name: str
    fields: frozenset[str]
    keys: Callable[[Prepared], list[Hashable]]


RULES: tuple[BlockingRule, ...] = (
    BlockingRule(
        "same date of birth, or day and month transposed",
        frozenset({"date_of_birth"}),
        keys.dob_keys,
    ),
    BlockingRule(
        "family name sounds alike and same year of birth",
        frozenset({"family_name", "date_of_birth"}),
        keys.family_sound_year_keys,
    ),
    BlockingRule(
        "same postcode sector and an initial in common",
        # Address goes with postcode: within a sector, addresses are alike for anyone.
        frozenset({"postcode", "address", "given_name", "family_name"}),
        keys.postcode_initial_keys,
    ),
    BlockingRule(
        "given and family names sound alike, in either order",
        frozenset({"given_name", "family_name"}),
        keys.name_sound_keys,
    ),
)


@dataclass(frozen=True, slots=True)
class CandidatePairs:
    """Blocked pairs as index arrays into lists A and B, and which rules produced each."""

    a: np.ndarray
    b: np.ndarray
    rules: np.ndarray  # bool, pairs × rules

    def __len__(self) -> int:
        return len(self.a)


def block_pairs(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    rules: Sequence[BlockingRule] = RULES,
    max_block: int = 10_000,
) -> CandidatePairs:
    """Every pair of A × B that shares a key of at least one rule.

    A key shared by more than ``max_block`` records of B (a placeholder value, say) blocks
    nothing: it would only add pairs that the other rules find if they are worth finding.
    """
    found: dict[tuple[int, int], int] = defaultdict(int)
    for bit, rule in enumerate(rules):
        index: dict[Hashable, list[int]] = defaultdict(list)
        for j, record in enumerate(b):
            for key in rule.keys(record):
                index[key].append(j)
        for i, record in enumerate(a):
            matched: set[int] = set()
            for key in rule.keys(record):
                block = index.get(key)
                if block and len(block) <= max_block:
                    matched.update(block)
            for j in matched:
                found[(i, j)] |= 1 << bit
    pairs = sorted(found.items())
    ia = np.fromiter((p[0][0] for p in pairs), dtype=np.int64, count=len(pairs))
    ib = np.fromiter((p[0][1] for p in pairs), dtype=np.int64, count=len(pairs))
    masks = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    bits = np.array([1 << n for n in range(len(rules))], dtype=np.int64)
    return CandidatePairs(a=ia, b=ib, rules=(masks[:, None] & bits[None, :]) > 0)


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
        from mace.people.models import ChildAddress  # here: the in-memory part needs no Django

        at_postcode = ChildAddress.objects.filter(postcode__in=postcodes).values("child_id")
        blocks.append(("postcode", children_qs.filter(initials, pk__in=at_postcode)))
    return blocks
