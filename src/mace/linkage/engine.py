"""Record linkage: link two lists, or rank the records that may be one person, with reasons.

The default model (``data/default_model.json`` beside this file) was learnt without labels
from synthetic lists (``synthetic.py``, from the names and streets in
``data/synthetic_people.json``) by ``train_default_model``; ``mace link --train-default``
writes it again: byte for byte the same while the code and that data are unchanged, whatever
PYTHONHASHSEED is. Nothing outside this package goes into it.
``mace link --fit`` instead learns a model from the two lists being linked, as Splink does.

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

from mace.linkage import blocking
from mace.linkage.compare import (
    COMPARISONS,
    Prepared,
    compare_detailed,
    compare_levels,
    prepare,
)
from mace.linkage.model import FIELD_INDEX, MatchModel, fit_model, level_matrix
from mace.linkage.records import PersonRecord

# Under data/ so that the package data rule in pyproject.toml ships it.
DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "default_model.json"
DEFAULT_THRESHOLD = 0.9
DEFAULT_TRAINING = {"count_a": 3000, "matched": 2000, "extra_b": 1000, "seed": 2026}

Progress = Callable[[str, int, int], None]


class Match(NamedTuple):
    """A linked pair of record ids and its match probability."""

    id_a: str
    id_b: str
    score: float


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


def model_fit(
    *,
    a: Sequence[PersonRecord],
    b: Sequence[PersonRecord],
    seed: int = 0,
    description: str = "",
    progress: Progress | None = None,
) -> MatchModel:
    """Learn a model from two lists without labels (u from random pairs, m by EM)."""
    progress = progress or _noop
    pa = _prepare_all(a, "Preparing list A", progress)
    pb = _prepare_all(b, "Preparing list B", progress)
    pairs = blocking.block_pairs(a=pa, b=pb)
    levels = _compare_pairs(pa, pb, pairs, progress)
    progress("Estimating the model", 0, 1)
    model = fit_model(a=pa, b=pb, pairs=pairs, levels=levels, seed=seed, description=description)
    progress("Estimating the model", 1, 1)
    return model


def link_records(
    a: Sequence[PersonRecord],
    b: Sequence[PersonRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: MatchModel | None = None,
    progress: Progress | None = None,
) -> list[Match]:
    """Pairs of A × B whose match probability is at least ``threshold``, best first per A."""
    model = model or default_model()
    progress = progress or _noop
    pa = _prepare_all(a, "Preparing list A", progress)
    pb = _prepare_all(b, "Preparing list B", progress)
    progress("Blocking", 0, 1)
    pairs = blocking.block_pairs(a=pa, b=pb)
    progress("Blocking", 1, 1)
    levels = _compare_pairs(pa, pb, pairs, progress)
    scores = _probabilities(model.match_weights(levels, population=len(pb)))
    keep = np.flatnonzero(scores >= threshold)
    matches = [Match(a[int(pairs.a[k])].id, b[int(pairs.b[k])].id, float(scores[k])) for k in keep]
    order = {record.id: n for n, record in enumerate(a)}
    matches.sort(key=lambda m: (order[m.id_a], -m.score, m.id_b))
    return matches


def reasons_for(a: Prepared, b: Prepared, *, model: MatchModel) -> tuple[Reason, ...]:
    """Each comparison's level and weight for a pair, strongest evidence first."""
    table = model.weight_table()
    reasons = []
    for comparison, (level, note) in zip(COMPARISONS, compare_detailed(a, b), strict=True):
        if level == 0:
            continue
        weight = float(table[FIELD_INDEX[comparison.name], level])
        reasons.append(
            Reason(comparison.name, comparison.title, comparison.levels[level], note, weight)
        )
    reasons.sort(key=lambda r: -abs(r.weight))
    return tuple(reasons)


def explain(
    a: PersonRecord, b: PersonRecord, *, model: MatchModel | None = None
) -> tuple[Reason, ...]:
    """Why two records score as they do, one reason per compared field."""
    return reasons_for(prepare(record=a), prepare(record=b), model=model or default_model())


def train_default_model() -> MatchModel:
    """Learn the default model from the synthetic lists: deterministic for the same code."""
    from mace.linkage.synthetic import synthetic_lists

    a, b, _ = synthetic_lists(**DEFAULT_TRAINING)
    return model_fit(
        a=a,
        b=b,
        seed=DEFAULT_TRAINING["seed"],
        description=(
            "Default identity-resolution model, learnt without labels from synthetic lists "
            f"of children (mace.linkage.synthetic, data/synthetic_people.json, {DEFAULT_TRAINING})."
        ),
    )


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
