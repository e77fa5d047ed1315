"""Fellegi–Sunter model: m and u probabilities per comparison level, and how they are learnt.

For each comparison level, m = P(level | the records are the same person) and
u = P(level | they are not). A pair's match weight is the log2 prior odds plus the sum of
log2(m/u) over its levels ("missing" counts 0); its score is the match probability,
2^w / (1 + 2^w).

Learning, as Splink does it, without labels:

- u from random pairs of the two lists (almost all random pairs are non-matches); the
  "same" level of fields with one value each is counted exactly from value frequencies,
  because random sampling sees too few agreements on a date of birth;
- m by expectation maximisation on the blocked pairs, one session per blocking rule with
  the comparisons that rule constrains left out (within a block of the same date of birth,
  agreeing on it says nothing), then averaged across sessions;
- the prior by the same EM step over all blocked pairs with m and u fixed.

The prior is kept as ``match_rate``: the share of records in list A expected to have a
match in list B (or in the cohort). Against a list or cohort of N records the prior
probability that a given pair matches is match_rate / N.

Pairs that share a family name and an address are weighed a second time, against the
other members of a household (``family.py``); that model is learnt from the same pairs.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mace.linkage import family
from mace.linkage.blocking import RULES, BlockingRule, CandidatePairs
from mace.linkage.compare import COMPARISONS, Prepared, compare_levels
from mace.linkage.family import HouseholdModel

MODEL_VERSION = 1
MAX_LEVELS = max(len(c.levels) for c in COMPARISONS)
N_FIELDS = len(COMPARISONS)
FIELD_INDEX = {c.name: n for n, c in enumerate(COMPARISONS)}
# Each field's value for counting exact agreement from frequencies (u of level "same").
EXACT_VALUES: dict[str, Callable[[Prepared], Hashable]] = {
    "given_name": lambda p: p.given[0].text if p.given else None,
    "family_name": lambda p: p.family[0].text if p.family else None,
    "date_of_birth": lambda p: p.dob,
    "sex": lambda p: p.sex or None,
    "postcode": lambda p: p.postcodes[0].code if p.postcodes else None,
    "school": lambda p: p.school or None,
}
PSEUDO_COUNT = 0.1


@dataclass
class MatchModel:
    """A trained Fellegi–Sunter model: m and u per comparison level, and the match rate."""

    m: np.ndarray  # fields × MAX_LEVELS; column 0 ("missing") and padding hold 1.0
    u: np.ndarray
    match_rate: float
    description: str = ""
    training: dict = field(default_factory=dict)
    household: HouseholdModel | None = None

    def weight_table(self) -> np.ndarray:
        """log2(m/u) per field and level; 0 for "missing" and for unused padding."""
        with np.errstate(divide="ignore", invalid="ignore"):
            table = np.log2(self.m / self.u)
        table[:, 0] = 0.0
        for n, comparison in enumerate(COMPARISONS):
            table[n, len(comparison.levels) :] = 0.0
        return table

    def prior_weight(self, *, population: int) -> float:
        """log2 prior odds that a pair matches, against ``population`` records."""
        prior = min(max(self.match_rate / max(population, 1), 1e-12), 1 - 1e-9)
        return math.log2(prior / (1 - prior))

    def match_weights(self, levels: np.ndarray, *, population: int) -> np.ndarray:
        """Total match weight of each comparison vector (rows of ``levels``)."""
        table = self.weight_table()
        if len(levels) == 0:
            return np.zeros(0)
        return self.prior_weight(population=population) + table[
            np.arange(N_FIELDS)[None, :], levels
        ].sum(axis=1)

    def to_dict(self) -> dict:
        """A JSON-ready form, with level labels so that a person can read it."""
        comparisons = {}
        for n, comparison in enumerate(COMPARISONS):
            comparisons[comparison.name] = [
                {
                    "level": label,
                    "m": round(float(self.m[n, k]), 6),
                    "u": float(f"{self.u[n, k]:.6g}"),
                }
                for k, label in enumerate(comparison.levels)
                if k > 0
            ]
        data = {
            "version": MODEL_VERSION,
            "description": self.description,
            "match_rate": round(self.match_rate, 6),
            "comparisons": comparisons,
            "training": self.training,
        }
        if self.household is not None:
            data["household"] = self.household.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> MatchModel:
        """Load a model, refusing one whose levels no longer match the comparisons."""
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"model version {data.get('version')!r}, expected {MODEL_VERSION}")
        m = np.ones((N_FIELDS, MAX_LEVELS))
        u = np.ones((N_FIELDS, MAX_LEVELS))
        for n, comparison in enumerate(COMPARISONS):
            levels = data["comparisons"].get(comparison.name)
            labels = [row["level"] for row in levels or []]
            if labels != list(comparison.levels[1:]):
                raise ValueError(f"model levels for {comparison.name} differ: retrain the model")
            for k, row in enumerate(levels, start=1):
                m[n, k], u[n, k] = row["m"], row["u"]
        return cls(
            m=m,
            u=u,
            match_rate=float(data["match_rate"]),
            description=data.get("description", ""),
            training=data.get("training", {}),
            # A model saved before households were weighed has none: it weighs none.
            household=HouseholdModel.from_dict(data["household"]) if "household" in data else None,
        )

    def save(self, path: Path) -> None:
        """Write the model as JSON."""
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> MatchModel:
        """Read a model written by ``save``."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


def level_matrix(*, a: Sequence[Prepared], b: Sequence[Prepared], ia, ib) -> np.ndarray:
    """Comparison vectors of the pairs (a[ia[k]], b[ib[k]]) as an int matrix."""
    out = np.zeros((len(ia), N_FIELDS), dtype=np.int64)
    for k, (i, j) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        out[k] = compare_levels(a[i], b[j])
    return out


def _level_counts(levels: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    counts = np.zeros((N_FIELDS, MAX_LEVELS))
    for n in range(N_FIELDS):
        counts[n] = np.bincount(levels[:, n], weights=weights, minlength=MAX_LEVELS)
    counts[:, 0] = 0.0
    return counts


def _normalise(counts: np.ndarray, pseudo: float) -> np.ndarray:
    probs = np.ones((N_FIELDS, MAX_LEVELS))
    for n, comparison in enumerate(COMPARISONS):
        k = len(comparison.levels)
        row = counts[n, 1:k] + pseudo
        probs[n, 1:k] = row / row.sum()
    return probs


def estimate_u(
    *, a: Sequence[Prepared], b: Sequence[Prepared], samples: int = 100_000, seed: int = 0
) -> np.ndarray:
    """u probabilities from random pairs, with exact-agreement rates from value frequencies."""
    rng = np.random.default_rng(seed)
    total = len(a) * len(b)
    if total <= samples:
        ia, ib = np.divmod(np.arange(total), len(b))
    else:
        ia, ib = rng.integers(len(a), size=samples), rng.integers(len(b), size=samples)
    u = _normalise(_level_counts(level_matrix(a=a, b=b, ia=ia, ib=ib)), pseudo=1.0)
    for name, value in EXACT_VALUES.items():
        n = FIELD_INDEX[name]
        count_a = Counter(v for v in map(value, a) if v is not None)
        count_b = Counter(v for v in map(value, b) if v is not None)
        size_a, size_b = sum(count_a.values()), sum(count_b.values())
        if not size_a or not size_b:
            continue
        same = sum(c * count_b.get(v, 0) for v, c in count_a.items()) / (size_a * size_b)
        same = max(same, 1.0 / (size_a * size_b))
        k = len(COMPARISONS[n].levels)
        rest = u[n, 2:k]
        u[n, 1] = same
        u[n, 2:k] = (1.0 - same) * rest / rest.sum()
    return u


def initial_m() -> np.ndarray:
    """A neutral starting point for EM: "same" likely, the other levels equally so."""
    m = np.ones((N_FIELDS, MAX_LEVELS))
    for n, comparison in enumerate(COMPARISONS):
        k = len(comparison.levels)
        m[n, 1] = 0.8
        m[n, 2:k] = 0.2 / (k - 2)
    return m


def expectation_maximisation(
    *,
    levels: np.ndarray,
    u: np.ndarray,
    m: np.ndarray,
    active: np.ndarray,
    proportion: float = 0.3,
    max_iterations: int = 200,
    tolerance: float = 1e-6,
) -> tuple[np.ndarray, float, int]:
    """EM for m and the match proportion, u fixed; only ``active`` fields inform or move.

    Returns the new m, the proportion of matches among these pairs, and the iterations run.
    """
    m = m.copy()
    log_u = np.log(u)
    fields = np.flatnonzero(active)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported to the caller
        log_ratio = np.log(m) - log_u
        log_ratio[:, 0] = 0.0
        evidence = log_ratio[fields[None, :], levels[:, fields]].sum(axis=1)
        logit = math.log(proportion / (1 - proportion)) + evidence
        posterior = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
        new_proportion = float(np.clip(posterior.mean(), 1e-9, 1 - 1e-9))
        new_m = _normalise(_level_counts(levels, posterior), pseudo=PSEUDO_COUNT)
        new_m[~active] = m[~active]
        change = max(float(np.abs(new_m - m).max()), abs(new_proportion - proportion))
        m, proportion = new_m, new_proportion
        if change < tolerance:
            break
    return m, proportion, iterations


def _posterior(weights: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weights, -1000, 1000)))


def estimate_match_rate(
    *,
    model: MatchModel,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    levels: np.ndarray,
    pairs: CandidatePairs | None = None,
) -> float:
    """The prior: EM on the match proportion alone over all blocked pairs (unblocked pairs
    are taken as non-matches), m and u fixed; with ``pairs``, household pairs weighed by
    the model's household model too."""
    population = len(b)
    evidence = model.match_weights(levels, population=population) - model.prior_weight(
        population=population
    )
    where = personal = np.zeros(0, dtype=np.int64)
    if pairs is not None and model.household is not None:
        where, personal = family.household_pairs(a=a, b=b, ia=pairs.a, ib=pairs.b, levels=levels)
    household = model.household.weights(personal, pairs.a[where]) if len(where) else np.zeros(0)
    rate = 0.5 * min(len(a), len(b)) / max(len(a), 1)
    for _ in range(100):
        model.match_rate = rate
        weights = evidence + model.prior_weight(population=population)
        if len(where):
            weights[where] = family.combine(weights[where], household)
        new_rate = float(_posterior(weights).sum()) / max(len(a), 1)
        if abs(new_rate - rate) < 1e-7:
            break
        rate = new_rate
    return min(max(rate, 1e-6), 1.0)


def fit_household_model(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    pairs: CandidatePairs,
    levels: np.ndarray,
) -> HouseholdModel:
    """The household model of two lists' blocked pairs (``family.py``), by EM on the pairs
    that may be two people of one household, each list A record's pairs in competition."""
    where, personal = family.household_pairs(a=a, b=b, ia=pairs.a, ib=pairs.b, levels=levels)
    return family.fit_household(personal, pairs.a[where])


def fit_model(
    *,
    a: Sequence[Prepared],
    b: Sequence[Prepared],
    pairs: CandidatePairs,
    levels: np.ndarray,
    rules: Sequence[BlockingRule] = RULES,
    samples: int = 100_000,
    seed: int = 0,
    description: str = "",
    households: bool = True,
) -> MatchModel:
    """Learn m, u and the match rate from two lists and their blocked, compared pairs, and
    (``households``) the household model from the pairs that share a household."""
    u = estimate_u(a=a, b=b, samples=samples, seed=seed)
    start = initial_m()
    sums = np.zeros_like(start)
    sessions = np.zeros(N_FIELDS)
    log: list[dict] = []
    for r, rule in enumerate(rules):
        selected = pairs.rules[:, r]
        if selected.sum() < 10:
            continue
        active = np.array([c.name not in rule.fields for c in COMPARISONS])
        m, proportion, iterations = expectation_maximisation(
            levels=levels[selected], u=u, m=start, active=active
        )
        sums[active] += m[active]
        sessions[active] += 1
        log.append(
            {
                "rule": rule.name,
                "pairs": int(selected.sum()),
                "match_proportion": round(proportion, 4),
                "iterations": iterations,
            }
        )
    m = start.copy()
    trained = sessions > 0
    m[trained] = sums[trained] / sessions[trained, None]
    model = MatchModel(m=m, u=u, match_rate=1.0, description=description)
    model.match_rate = estimate_match_rate(model=model, a=a, b=b, levels=levels)
    if households:
        model.household = fit_household_model(a=a, b=b, pairs=pairs, levels=levels)
        model.match_rate = estimate_match_rate(model=model, a=a, b=b, levels=levels, pairs=pairs)
    model.training = {
        "records_a": len(a),
        "records_b": len(b),
        "blocked_pairs": len(pairs),
        "u_random_pairs": min(samples, len(a) * len(b)),
        "seed": seed,
        "em_sessions": log,
    }
    return model
