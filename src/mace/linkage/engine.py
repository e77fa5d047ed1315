"""Record linkage: link two lists, or rank the records that may be one person, with reasons.

The bundled model (``data/default_model.json`` beside this file) was learnt without labels
from synthetic lists (``synthetic.py`` for the fields, ``households.py`` for the household
model, from the names and streets in ``data/synthetic_people.json``) by
``train_default_model``; ``mace link --train-default`` writes it again: byte for byte the
same while the code and that data are unchanged, whatever PYTHONHASHSEED is. Nothing
outside this package goes into it. Given two lists, ``mace link`` learns a model from them
(``model_fit``), as Splink does, unless they are too small to learn from.

Linking two lists keeps each record to its best match (``one_to_one``): a list is taken to
hold each person once, so a child's twin in the other list cannot be linked to the child
whose own record is there too.

Searching the children recorded (``mace.people.identity``) blocks in the database and then
calls ``first_pass`` and ``rank`` here: the engine knows records, never where they are kept.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from mace.linkage import blocking, family
from mace.linkage.compare import (
    COMPARISONS,
    Prepared,
    compare_detailed,
    compare_levels,
    prepare,
)
from mace.linkage.model import (
    FIELD_INDEX,
    MatchModel,
    fit_household_model,
    fit_model,
    level_matrix,
)
from mace.linkage.records import PersonRecord

# Under data/ so that the package data rule in pyproject.toml ships it.
DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "default_model.json"
DEFAULT_THRESHOLD = 0.9
DEFAULT_TRAINING = {"count_a": 3000, "matched": 2000, "extra_b": 1000, "seed": 2026}
DEFAULT_HOUSEHOLD_TRAINING = {"children": 3000, "seed": 2026}
# Fewer records than this in either list: too few to learn a model from (EM needs pairs
# that match and pairs that do not in some number); the bundled model is used instead.
MIN_FIT_RECORDS = 100

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Reason:
    """One comparison's part in a score: its level and the weight (bits) it added."""

    field: str
    title: str
    level: str
    note: str
    weight: float

    def __str__(self) -> str:
        return f"{self.title}: {self.level}{self.note} ({self.weight:+.1f})"


class Match(NamedTuple):
    """A linked pair of record ids and its match probability (and, when asked for, the
    reasons)."""

    id_a: str
    id_b: str
    score: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Ranked:
    """A record that may be the person described (by the caller's key), with score and reasons."""

    key: Hashable
    score: float
    weight: float
    reasons: tuple[Reason, ...]


@functools.cache
def default_model() -> MatchModel:
    """The bundled model (learnt on synthetic data; see ``train_default_model``)."""
    return MatchModel.load(DEFAULT_MODEL_PATH)


def probability(weight: float) -> float:
    """Match probability from a match weight in bits."""
    return 1.0 / (1.0 + math.pow(2.0, -max(min(weight, 1000.0), -1000.0)))


def _probabilities(weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weights, -1000, 1000)))


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _prepare_all(records: Sequence[PersonRecord], stage: str, progress: Progress) -> list[Prepared]:
    out = []
    for n, record in enumerate(records, start=1):
        out.append(prepare(record=record))
        if n % 2000 == 0:
            progress(stage, n, len(records))
    progress(stage, len(records), len(records))
    return out


def _compare_pairs(
    a: list[Prepared], b: list[Prepared], pairs: blocking.CandidatePairs, progress: Progress
) -> np.ndarray:
    levels = np.zeros((len(pairs), len(COMPARISONS)), dtype=np.int64)
    step = 20_000
    for start in range(0, len(pairs), step):
        stop = min(start + step, len(pairs))
        levels[start:stop] = level_matrix(a=a, b=b, ia=pairs.a[start:stop], ib=pairs.b[start:stop])
        progress("Comparing pairs", stop, len(pairs))
    progress("Comparing pairs", len(pairs), len(pairs))
    return levels


def can_fit(a: Sequence[PersonRecord], b: Sequence[PersonRecord]) -> bool:
    """Whether two lists are large enough to learn a model from (``MIN_FIT_RECORDS``)."""
    return min(len(a), len(b)) >= MIN_FIT_RECORDS


def model_fit(
    *,
    a: Sequence[PersonRecord],
    b: Sequence[PersonRecord],
    seed: int = 0,
    description: str = "",
    progress: Progress | None = None,
) -> MatchModel:
    """Learn a model from two lists without labels (u from random pairs, m by EM, and the
    household model from the pairs that share a household)."""
    progress = progress or _noop
    pa = _prepare_all(a, "Preparing list A", progress)
    pb = _prepare_all(b, "Preparing list B", progress)
    pairs = blocking.block_pairs(a=pa, b=pb)
    levels = _compare_pairs(pa, pb, pairs, progress)
    progress("Estimating the model", 0, 1)
    model = fit_model(a=pa, b=pb, pairs=pairs, levels=levels, seed=seed, description=description)
    progress("Estimating the model", 1, 1)
    return model


@dataclass(frozen=True, slots=True)
class Weighed:
    """Compared pairs' match weights, and which of them were weighed as household pairs."""

    weights: np.ndarray
    household: np.ndarray  # indices into the pairs
    personal: np.ndarray  # their personal levels (``family.personal_levels``)
    household_weights: np.ndarray  # and their weights against another member


def pair_weights(
    *,
    model: MatchModel,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    pairs: blocking.CandidatePairs,
    levels: np.ndarray,
    population: int,
) -> Weighed:
    """Match weights of compared pairs; those that may be two people of one household are
    weighed against its other members too (``family.py``), the pairs of each list A record
    in competition, when the model has a household model."""
    weights = model.match_weights(levels, population=population)
    none = np.zeros(0, dtype=np.int64)
    if model.household is None or len(levels) == 0:
        return Weighed(weights, none, np.zeros((0, family.N_PERSONAL), np.int64), np.zeros(0))
    where, personal = family.household_pairs(a=a, b=b, ia=pairs.a, ib=pairs.b, levels=levels)
    household = model.household.weights(personal, pairs.a[where])
    weights[where] = family.combine(weights[where], household)
    return Weighed(weights, where, personal, household)


def one_to_one(weights: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    """Indices of the pairs kept when each record keeps at most one match.

    Pairs are taken best first (by weight, then by position); a pair is kept unless one of
    its records already has a match. So a pair is dropped only for a better one, and what
    is kept at a threshold is what is kept at a lower one, less the pairs below it.
    """
    order = np.lexsort((ib, ia, -weights))
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    kept = []
    for k in order.tolist():
        i, j = int(ia[k]), int(ib[k])
        if i in taken_a or j in taken_b:
            continue
        taken_a.add(i)
        taken_b.add(j)
        kept.append(k)
    return np.array(sorted(kept), dtype=np.int64)


def link_records(
    a: Sequence[PersonRecord],
    b: Sequence[PersonRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: MatchModel | None = None,
    progress: Progress | None = None,
    one_match_each: bool = True,
    explain: bool = False,
) -> list[Match]:
    """Pairs of A × B whose match probability is at least ``threshold``, best first per A.

    ``one_match_each`` (the default) keeps each record of either list to its best match
    (``one_to_one``); without it, every pair at or above the threshold is returned.
    ``explain`` gives each match its reasons (``reasons_for``), as it was scored.
    """
    model = model or default_model()
    progress = progress or _noop
    pa = _prepare_all(a, "Preparing list A", progress)
    pb = _prepare_all(b, "Preparing list B", progress)
    progress("Blocking", 0, 1)
    pairs = blocking.block_pairs(a=pa, b=pb)
    progress("Blocking", 1, 1)
    levels = _compare_pairs(pa, pb, pairs, progress)
    weighed = pair_weights(model=model, a=pa, b=pb, pairs=pairs, levels=levels, population=len(pb))
    weights = weighed.weights
    scores = _probabilities(weights)
    keep = np.flatnonzero(scores >= threshold)
    if one_match_each:
        keep = keep[one_to_one(weights[keep], pairs.a[keep], pairs.b[keep])]
    household = {int(k): n for n, k in enumerate(weighed.household.tolist())}
    matches = []
    for k in keep.tolist():
        i, j = int(pairs.a[k]), int(pairs.b[k])
        reasons: tuple[Reason, ...] = ()
        if explain:
            n = household.get(k)
            reasons = reasons_for(
                pa[i],
                pb[j],
                model=model,
                household=None
                if n is None
                else (weighed.personal[n], weighed.household_weights[n]),
            )
        matches.append(Match(a[i].id, b[j].id, float(scores[k]), reasons))
    order = {record.id: n for n, record in enumerate(a)}
    matches.sort(key=lambda m: (order[m.id_a], -m.score, m.id_b))
    return matches


HOUSEHOLD_TITLE = "against another member of the household"


def reasons_for(
    a: Prepared,
    b: Prepared,
    *,
    model: MatchModel,
    household: tuple[np.ndarray, float] | None = None,
) -> tuple[Reason, ...]:
    """Each comparison's level and weight for a pair, strongest evidence first; then, for a
    pair that may be two people of one household, the odds that it is this person and not
    another member, from the personal fields (``household``: the pair's personal levels and
    that weight as it was scored; without them, the pair is weighed on its own)."""
    table = model.weight_table()
    reasons = []
    detailed = compare_detailed(a, b)
    for comparison, (level, note) in zip(COMPARISONS, detailed, strict=True):
        if level == 0:
            continue
        weight = float(table[FIELD_INDEX[comparison.name], level])
        reasons.append(
            Reason(comparison.name, comparison.title, comparison.levels[level], note, weight)
        )
    reasons.sort(key=lambda r: -abs(r.weight))
    if model.household is None:
        return tuple(reasons)
    if household is None:
        levels = np.array([[level for level, _ in detailed]], dtype=np.int64)
        if not family.shares_household(levels)[0]:
            return tuple(reasons)
        personal = family.pair_personal_levels(
            a=[a], b=[b], ia=np.zeros(1, np.int64), ib=np.zeros(1, np.int64), levels=levels
        )
        household = (personal[0], float(model.household.weights(personal)[0]))
    personal_row, weight = household
    said = "; ".join(
        f"{name.replace('_', ' ')} {labels[level]}" if name == "sex" else labels[level]
        for (name, labels), level in zip(family.PERSONAL, personal_row.tolist(), strict=True)
        if level
    )
    reasons.append(
        Reason("household", HOUSEHOLD_TITLE, said or "nothing to go on", "", float(weight))
    )
    return tuple(reasons)


def explain(
    a: PersonRecord, b: PersonRecord, *, model: MatchModel | None = None
) -> tuple[Reason, ...]:
    """Why two records score as they do, one reason per compared field."""
    return reasons_for(prepare(record=a), prepare(record=b), model=model or default_model())


def train_default_model() -> MatchModel:
    """Learn the default model from the synthetic lists: deterministic for the same code.

    The comparisons' m and u from ``synthetic_lists`` (children, no households); the
    household model from ``household_lists`` (families with siblings, twins and parents).
    """
    from mace.linkage.households import household_lists
    from mace.linkage.synthetic import synthetic_lists

    a, b, _ = synthetic_lists(**DEFAULT_TRAINING)
    pa, pb = _prepare_all(a, "", _noop), _prepare_all(b, "", _noop)
    pairs = blocking.block_pairs(a=pa, b=pb)
    model = fit_model(
        a=pa,
        b=pb,
        pairs=pairs,
        levels=_compare_pairs(pa, pb, pairs, _noop),
        seed=DEFAULT_TRAINING["seed"],
        households=False,
        description=(
            "Default identity-resolution model, learnt without labels from synthetic lists "
            "of children (mace.linkage.synthetic, data/synthetic_people.json, "
            f"{DEFAULT_TRAINING}); household model from synthetic families "
            f"(mace.linkage.households, {DEFAULT_HOUSEHOLD_TRAINING})."
        ),
    )
    families = household_lists(**DEFAULT_HOUSEHOLD_TRAINING)
    ha, hb = _prepare_all(families.a, "", _noop), _prepare_all(families.b, "", _noop)
    household_pairs = blocking.block_pairs(a=ha, b=hb)
    model.household = fit_household_model(
        a=ha,
        b=hb,
        pairs=household_pairs,
        levels=_compare_pairs(ha, hb, household_pairs, _noop),
    )
    return model


# --- One record against many: the shortlist and the ranking ---------------------------


def first_pass(
    prepared: Prepared, records: Mapping[Hashable, PersonRecord], *, model: MatchModel
) -> list[Hashable]:
    """The keys of ``records``, most like ``prepared`` first (match weight without the prior;
    ties by the key as text): a cheap pass over the few fields a search reads first."""
    table = model.weight_table()
    fields = np.arange(len(COMPARISONS))
    order = []
    for key, record in records.items():
        levels = compare_levels(prepared, prepare(record=record))
        order.append((-float(table[fields, levels].sum()), str(key), key))
    order.sort(key=lambda item: item[:2])
    return [key for _, _, key in order]


def rank(
    prepared: Prepared,
    records: Mapping[Hashable, PersonRecord],
    *,
    model: MatchModel,
    population: int,
    limit: int,
) -> list[Ranked]:
    """The ``limit`` records most likely to be ``prepared``, best first, with the reasons;
    the prior is that of one pair among ``population`` records."""
    table = model.weight_table()
    fields = np.arange(len(COMPARISONS))
    prior = model.prior_weight(population=population)
    scored = []
    for key, record in records.items():
        other = prepare(record=record)
        levels = compare_levels(prepared, other)
        scored.append((prior + float(table[fields, levels].sum()), key, other))
    scored.sort(key=lambda item: (-item[0], str(item[1])))
    return [
        Ranked(
            key=key,
            score=probability(weight),
            weight=weight,
            reasons=reasons_for(prepared, other, model=model),
        )
        for weight, key, other in scored[:limit]
    ]
