"""Households: a pair that shares a family name and an address may be two people of one family.

Fellegi–Sunter takes each field as independent evidence. Within a household it is not:
a brother, a twin or a father agrees with the child on family name, postcode and address
as often as the child's own record does, so those agreements say "same household", not
"same person", and alone they outweigh any disagreement on the date of birth.

So a pair that may be two people of one household (``shares_household``: a family name
not different, and the address the same or similar, or not written on one side) is weighed
a second time, against the household's other members. Only the personal fields can tell
the child from them: the given name together with the gap between the dates of birth (the
same day for twins, a few years for siblings, a generation for a parent; twins' names are
alike far more often than other siblings'), whether a listed twin's name is as like
(``twin_explains``), and sex. That model (``HouseholdModel``) is learnt, like the rest,
without labels: EM with two classes (the same person, another member) on the household
pairs, the pairs of each list A record in competition, since a record has one match at
most. A pair's weight against the household is the log odds that it is its record's match
among that record's household pairs (``weights``), and its match weight is

    w = -log2(2^-w_fs + 2^-w_household)

the odds against the pair being its record's match when either a random person
(Fellegi–Sunter's ``w_fs``) or another member of the household could explain it. Where the
lists hold few households (FEBRL), almost every household pair is its record's match, the
learnt odds say so, and the second weighing changes little.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from mace.linkage.compare import (
    ADDRESS_LEVELS,
    COMPARISONS,
    FAMILY_LEVELS,
    GIVEN_LEVELS,
    POSTCODE_LEVELS,
    SAME_DIFFERENT,
    Prepared,
    compare_given,
    compare_levels,
    date_level,
)

_INDEX = {c.name: n for n, c in enumerate(COMPARISONS)}
# Family name: anything but different (missing too: a record without one may be anyone's).
HOUSEHOLD_FAMILY = tuple(n for n, x in enumerate(FAMILY_LEVELS) if x != "different")
HOUSEHOLD_POSTCODE = (POSTCODE_LEVELS.index("same"),)
HOUSEHOLD_ADDRESS = (ADDRESS_LEVELS.index("same"), ADDRESS_LEVELS.index("similar"))
PARENT_GAP_YEARS = 14

GAP_LEVELS = (
    "missing",
    "same",
    "a slip (day and month transposed, one part differs, or within 31 days)",
    "same year of birth",
    f"born 1 to {PARENT_GAP_YEARS - 1} years apart",
    f"born {PARENT_GAP_YEARS} or more years apart",
)
# Given names in fewer steps than their comparison has, so that they can be taken together
# with the date of birth: twins are the household members whose dates agree, and their
# names are alike far more often than a brother's and sister's born years apart.
NAME_CLASSES = ("missing", "same", "nickname", "spelling variant", "alike", "different")
_NAME_CLASS_OF = {
    GIVEN_LEVELS.index(level): NAME_CLASSES.index(name_class)
    for level, name_class in (
        ("missing", "missing"),
        ("same", "same"),
        ("nickname or short form of the same name", "nickname"),
        ("spelling variant", "spelling variant"),
        ("one part of the name matches", "spelling variant"),
        ("given and family names swapped", "spelling variant"),
        ("sounds alike", "alike"),
        ("similar", "alike"),
        ("different", "different"),
    )
}
# A B record with a name like the child's and the child's date of birth may be the child's
# twin. Where a twin is listed whose name is as like (``twin_explains``), it may well be;
# elsewhere it is more likely the child, with a slip in the name.
STRATA = ("", ", and a listed twin is as like")
_CELLS = [
    (t, g, d)
    for t in range(len(STRATA))
    for g in range(len(NAME_CLASSES))
    for d in range(len(GAP_LEVELS))
    if g or d
]
NAME_DATE_LEVELS = ("missing",) + tuple(
    f"given name {NAME_CLASSES[g]}, date of birth {GAP_LEVELS[d]}{STRATA[t]}" for t, g, d in _CELLS
)
_CELL_LEVEL = np.zeros((len(STRATA), len(NAME_CLASSES), len(GAP_LEVELS)), dtype=np.int64)
for _level, (_t, _g, _d) in enumerate(_CELLS, start=1):
    _CELL_LEVEL[_t, _g, _d] = _level
# The personal fields: given name with date of birth (and whether a twin is listed), sex.
PERSONAL = (("name_and_date", NAME_DATE_LEVELS), ("sex", SAME_DIFFERENT))
N_PERSONAL = len(PERSONAL)
MAX_PERSONAL_LEVELS = max(len(levels) for _, levels in PERSONAL)

# Where EM starts, and the prior it is pulled towards (as pseudo-pairs), for the two classes.
# The same person: names and dates mostly agree, each slipping on its own. Another member
# of the household: another given name; a date of birth a few years away (a brother or
# sister), a generation away (a parent) or, for twins, the same, with a name alike more
# often than not; a parent's own name passed to a son now and then.
_SAME_NAME = (0.02, 0.80, 0.08, 0.075, 0.035, 0.01)
_SAME_GAP = (0.10, 0.85, 0.10, 0.02, 0.02, 0.01)
_OTHER_GAP = ((0.10, 0.003, 0.01, 0.01, 0.45, 0.427), (0.10, 0.25, 0.02, 0.01, 0.32, 0.30))
_OTHER_NAME = (0.02, 0.02, 0.005, 0.015, 0.06, 0.88)
_TWIN_NAME = (0.02, 0.005, 0.01, 0.15, 0.15, 0.665)
_TWIN_LISTED = (0.9, 0.1)


def _start(same_person: bool) -> tuple[float, ...]:
    cells = []
    for t, g, d in _CELLS:
        if same_person:
            p = _SAME_NAME[g] * _SAME_GAP[d]
        else:
            names = _TWIN_NAME if d == GAP_LEVELS.index("same") else _OTHER_NAME
            p = names[g] * _OTHER_GAP[t][d]
        cells.append(p * _TWIN_LISTED[t])
    return tuple(cells)


SAME_PERSON_START = {"name_and_date": _start(True), "sex": (0.97, 0.03)}
OTHER_MEMBER_START = {"name_and_date": _start(False), "sex": (0.5, 0.5)}
PRIOR_PAIRS = 20.0
MIN_PAIRS = 20
# Where EM cannot decide, what families are like decides. EM learns each cell from how
# often it holds the same person and another member, and one kind of pair the personal
# fields cannot tell apart: a record born the same day at the child's address under an
# unrelated given name is the twin whom the lists do not show beside the child, or the
# child's own record under another name (FEBRL makes many). EM may not count that as
# evidence for the pair (at most SIGNATURE_WEIGHT): the pair rests on the odds that its
# record's match is among its household pairs, high where the lists hold few households
# (FEBRL), too low to link where they hold many.
SIGNATURE_WEIGHT = 0.0
_DIFFERENT = NAME_CLASSES.index("different")
_SAME_DAY = GAP_LEVELS.index("same")


def _signature_cap() -> np.ndarray:
    cap = np.full(MAX_PERSONAL_LEVELS, np.inf)
    for level, (_, g, d) in enumerate(_CELLS, start=1):
        if g == _DIFFERENT and d == _SAME_DAY:
            cap[level] = SIGNATURE_WEIGHT
    return cap


SIGNATURE_CAP = _signature_cap()


def shares_household(levels: np.ndarray) -> np.ndarray:
    """Which pairs (rows of comparison levels) may be two people of one household: a family
    name not different, and the address the same or similar, or not written on one side
    and the postcode not different. (Neighbours share a postcode but not an address.)"""
    family = np.isin(levels[:, _INDEX["family_name"]], HOUSEHOLD_FAMILY)
    postcode = levels[:, _INDEX["postcode"]]
    address = levels[:, _INDEX["address"]]
    return family & (
        np.isin(address, HOUSEHOLD_ADDRESS)
        | ((address == 0) & (np.isin(postcode, HOUSEHOLD_POSTCODE) | (postcode == 0)))
    )


def gap_level(a: dt.date | None, b: dt.date | None) -> int:
    """How far apart two dates of birth are, in the steps that families show."""
    level = date_level(a, b)
    if level <= 1:
        return level
    if level < 5:
        return 2
    assert a is not None and b is not None  # noqa: S101 - date_level said both are there
    if a.year == b.year:
        return 3
    return 4 if abs(a.year - b.year) < PARENT_GAP_YEARS else 5


def twins_listed(records: Sequence[Prepared]) -> list[tuple[int, ...]]:
    """For each record of a list, the others in it born the same day (or with day and
    month transposed) in the same household under another given name: its twins."""
    by_date: dict[tuple, list[int]] = {}
    for n, record in enumerate(records):
        if record.dob is not None:
            day, month = record.dob.day, record.dob.month
            by_date.setdefault((record.dob.year, min(day, month), max(day, month)), []).append(n)
    twins: list[list[int]] = [[] for _ in records]
    for block in by_date.values():
        for x, i in enumerate(block):
            for j in block[x + 1 :]:
                levels = np.array([compare_levels(records[i], records[j])], dtype=np.int64)
                if levels[0, _INDEX["given_name"]] != 1 and shares_household(levels)[0]:
                    twins[i].append(j)
                    twins[j].append(i)
    return [tuple(t) for t in twins]


def _given_code(a: Prepared, b: Prepared) -> int:
    level = compare_given(a, b)[0]
    return level if level else len(GIVEN_LEVELS)


def twin_explains(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    ia,
    ib,
    twins_a: list[tuple[int, ...]],
    twins_b: list[tuple[int, ...]],
) -> np.ndarray:
    """Which pairs a listed twin explains at least as well: B's record has a name as like
    that of a twin of A's record (in list A), or A's record a name as like that of a twin of
    B's record (in list B). Such a pair is likely the child and the other twin."""
    out = np.zeros(len(ia), dtype=bool)
    for k, (i, j) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        if not (twins_a[i] or twins_b[j]):
            continue
        own = _given_code(a[i], b[j])
        out[k] = any(_given_code(a[t], b[j]) <= own for t in twins_a[i]) or any(
            _given_code(a[i], b[s]) <= own for s in twins_b[j]
        )
    return out


def personal_levels(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    ia,
    ib,
    levels: np.ndarray,
    twins: np.ndarray | None = None,
) -> np.ndarray:
    """The personal comparison of pairs (a[ia[k]], b[ib[k]]), whose full levels are given;
    ``twins`` says which pairs a listed twin explains as well (``twin_explains``)."""
    out = np.zeros((len(ia), N_PERSONAL), dtype=np.int64)
    if len(ia) == 0:
        return out
    names = np.vectorize(_NAME_CLASS_OF.__getitem__, otypes=[np.int64])(
        levels[:, _INDEX["given_name"]]
    )
    gaps = np.array(
        [gap_level(a[i].dob, b[j].dob) for i, j in zip(ia.tolist(), ib.tolist(), strict=True)],
        dtype=np.int64,
    )
    strata = np.zeros(len(ia), dtype=np.int64) if twins is None else twins.astype(np.int64)
    out[:, 0] = _CELL_LEVEL[strata, names, gaps]
    out[:, 1] = levels[:, _INDEX["sex"]]
    return out


def household_pairs(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    ia,
    ib,
    levels: np.ndarray,
    twins: tuple[list, list] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (indices into ``ia``/``ib``/``levels``) that share a household, and their
    personal levels."""
    where = np.flatnonzero(shares_household(levels))
    return where, pair_personal_levels(
        a=a, b=b, ia=ia[where], ib=ib[where], levels=levels[where], twins=twins
    )


def pair_personal_levels(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    ia,
    ib,
    levels: np.ndarray,
    twins: tuple[list, list] | None = None,
) -> np.ndarray:
    """Personal levels of any pairs, with the twins of each list (``twins_listed`` of A and
    of B, worked out here if not given)."""
    if len(ia) == 0:
        return np.zeros((0, N_PERSONAL), dtype=np.int64)
    twins_a, twins_b = twins or (twins_listed(a), twins_listed(b))
    explained = twin_explains(a=a, b=b, ia=ia, ib=ib, twins_a=twins_a, twins_b=twins_b)
    return personal_levels(a=a, b=b, ia=ia, ib=ib, levels=levels, twins=explained)


def _table(spec: dict[str, tuple[float, ...]]) -> np.ndarray:
    table = np.ones((N_PERSONAL, MAX_PERSONAL_LEVELS))
    for n, (name, labels) in enumerate(PERSONAL):
        row = np.array(spec[name], dtype=float)
        table[n, 1 : len(labels)] = row / row.sum()
    return table


def _counts(levels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    counts = np.zeros((N_PERSONAL, MAX_PERSONAL_LEVELS))
    for n in range(N_PERSONAL):
        counts[n] = np.bincount(levels[:, n], weights=weights, minlength=MAX_PERSONAL_LEVELS)
    counts[:, 0] = 0.0
    return counts


def _normalise(counts: np.ndarray, prior: np.ndarray) -> np.ndarray:
    out = np.ones((N_PERSONAL, MAX_PERSONAL_LEVELS))
    for n, (_, labels) in enumerate(PERSONAL):
        k = len(labels)
        row = counts[n, 1:k] + PRIOR_PAIRS * prior[n, 1:k]
        out[n, 1:k] = row / row.sum()
    return out


def _group_index(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's group as 0..G-1, and the size of each group."""
    _, group = np.unique(np.asarray(groups), return_inverse=True)
    return group, np.bincount(group).astype(float)


def _log2_odds_in_group(log_ratio: np.ndarray, groups: np.ndarray, rate: float) -> np.ndarray:
    """log2 odds that each pair is its record's match, among the record's household pairs.

    A record (its group) has its match among its k household pairs with probability
    ``rate``, each pair equally likely before the evidence; pair j's likelihood ratio is
    L_j = 2^log_ratio_j. So P(j) = L_j / (sum of L over the group + k (1 - rate) / rate).
    """
    group, sizes = _group_index(groups)
    log_ratio = np.clip(log_ratio, -1000.0, 1000.0)
    # Scaled by the group's largest ratio so that no sum overflows.
    top = np.full(len(sizes), -np.inf)
    np.maximum.at(top, group, log_ratio)
    scaled = np.exp2(log_ratio - top[group])
    total = np.bincount(group, weights=scaled)
    rate = min(max(rate, 1e-9), 1 - 1e-9)
    none = sizes * (1 - rate) / rate * np.exp2(-top)
    others = total[group] - scaled + none[group]
    return np.log2(scaled) - np.log2(np.maximum(others, 1e-300))


@dataclass
class HouseholdModel:
    """Same person or another member of the household: m and u of the personal fields, and
    the share of records whose match is among their household pairs."""

    m: np.ndarray  # N_PERSONAL × MAX_PERSONAL_LEVELS; column 0 ("missing") holds 1.0
    u: np.ndarray
    rate: float
    training: dict = field(default_factory=dict)

    def weight_table(self) -> np.ndarray:
        """log2(m/u) per personal field and level; 0 for "missing" and padding."""
        table = np.log2(np.maximum(self.m, 1e-300) / np.maximum(self.u, 1e-300))
        table[0] = np.minimum(table[0], SIGNATURE_CAP)
        table[:, 0] = 0.0
        for n, (_, labels) in enumerate(PERSONAL):
            table[n, len(labels) :] = 0.0
        return table

    def evidence(self, levels: np.ndarray) -> np.ndarray:
        """log2 likelihood ratio, same person against another member, of each row."""
        if len(levels) == 0:
            return np.zeros(0)
        return self.weight_table()[np.arange(N_PERSONAL)[None, :], levels].sum(axis=1)

    def weights(self, levels: np.ndarray, groups: np.ndarray | None = None) -> np.ndarray:
        """log2 odds that each household pair is its record's match and not another member
        of the household; ``groups`` (list A's record of each pair) puts the pairs of one
        record in competition, so a twin's pair weighs less where the child's own is there."""
        if len(levels) == 0:
            return np.zeros(0)
        groups = np.arange(len(levels)) if groups is None else groups
        return _log2_odds_in_group(self.evidence(levels), groups, self.rate)

    def to_dict(self) -> dict:
        """A JSON-ready form with level labels."""
        fields = {}
        for n, (name, labels) in enumerate(PERSONAL):
            fields[name] = [
                {
                    "level": label,
                    "m": float(f"{self.m[n, k]:.6g}"),
                    "u": float(f"{self.u[n, k]:.6g}"),
                }
                for k, label in enumerate(labels)
                if k > 0
            ]
        return {"rate": round(self.rate, 6), "fields": fields, "training": self.training}

    @classmethod
    def from_dict(cls, data: dict) -> HouseholdModel:
        """Load what ``to_dict`` wrote, refusing levels it does not know."""
        m = np.ones((N_PERSONAL, MAX_PERSONAL_LEVELS))
        u = np.ones((N_PERSONAL, MAX_PERSONAL_LEVELS))
        for n, (name, labels) in enumerate(PERSONAL):
            rows = data["fields"].get(name) or []
            if [row["level"] for row in rows] != list(labels[1:]):
                raise ValueError(f"household levels for {name} differ: retrain the model")
            for k, row in enumerate(rows, start=1):
                m[n, k], u[n, k] = row["m"], row["u"]
        return cls(m=m, u=u, rate=float(data["rate"]), training=data.get("training", {}))


def fit_household(
    levels: np.ndarray,
    groups: np.ndarray | None = None,
    *,
    max_iterations: int = 200,
    tolerance: float = 1e-6,
) -> HouseholdModel:
    """EM with two classes on the household pairs' personal levels: the same person, or
    another member of the household.

    ``groups`` (the list A record of each pair) says which pairs compete: a record has at
    most one match, so where a son's own record and his father's (who gave him his given
    name) both pair with him, the better explains the son and the other is left to the
    other class. Few pairs: the starting point, and a rate of one half.
    """
    m_prior, u_prior = _table(SAME_PERSON_START), _table(OTHER_MEMBER_START)
    m, u, rate = m_prior.copy(), u_prior.copy(), 0.5
    groups = np.arange(len(levels)) if groups is None else np.asarray(groups)
    records = len(np.unique(groups))
    iterations = 0
    if len(levels) >= MIN_PAIRS:
        model = HouseholdModel(m=m, u=u, rate=rate)
        for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported
            posterior = 1.0 / (1.0 + np.exp2(-model.weights(levels, groups)))
            new_rate = float(np.clip(posterior.sum() / records, 1e-6, 1 - 1e-6))
            new_m = _normalise(_counts(levels, posterior), m_prior)
            new_u = _normalise(_counts(levels, 1.0 - posterior), u_prior)
            change = max(
                float(np.abs(new_m - model.m).max()),
                float(np.abs(new_u - model.u).max()),
                abs(new_rate - model.rate),
            )
            model = HouseholdModel(m=new_m, u=new_u, rate=new_rate)
            if change < tolerance:
                break
        m, u, rate = model.m, model.u, model.rate
    return HouseholdModel(
        m=m,
        u=u,
        rate=rate,
        training={
            "household_pairs": int(len(levels)),
            "records": int(records),
            "iterations": iterations,
        },
    )


def combine(fs: np.ndarray, household: np.ndarray) -> np.ndarray:
    """Match weight against both alternatives: -log2(2^-fs + 2^-household)."""
    return -np.logaddexp2(-fs, -household)
