"""Blocking: which pairs are worth comparing. A pair is compared if any rule's keys meet.

Linking two lists, every rule indexes list B by its keys. Searching one record against the
children recorded, ``mace.people.identity`` turns the same ideas into indexed queries
(built from the ``*_variants`` in ``keys.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from mace.linkage import keys
from mace.linkage.compare import Prepared


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
