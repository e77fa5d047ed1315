"""Identity resolution: link two lists, or find a referral's candidate matches among children.

The default model (``data/default_model.json`` beside this file) was learnt without labels
from synthetic lists (``synthetic.py``) by ``train_default_model``; ``mace link
--train-default`` writes it again: byte for byte the same while the code, the demo city's
name lists and Faker's en_GB names are unchanged, whatever PYTHONHASHSEED is.
``mace link --fit`` instead learns a model from the two lists being linked, as Splink does.
"""

from __future__ import annotations

import functools
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from django.db.models import QuerySet

from mace.people.matching import blocking
from mace.people.matching.compare import (
    COMPARISONS,
    Prepared,
    compare_detailed,
    compare_levels,
    prepare,
)
from mace.people.matching.model import FIELD_INDEX, MatchModel, fit_model, level_matrix
from mace.people.matching.records import PersonRecord

# Under data/ so that the package data rule in pyproject.toml ships it.
DEFAULT_MODEL_PATH = Path(__file__).with_name("data") / "default_model.json"
DEFAULT_THRESHOLD = 0.9
DEFAULT_TRAINING = {"count_a": 3000, "matched": 2000, "extra_b": 1000, "seed": 2026}
# Database search: rows read per blocking rule, and how many go on to full comparison.
PER_RULE_LIMIT = 100
SHORTLIST = 30

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
class Candidate:
    """A child who may be the person described, with the score and the reasons for it."""

    child_id: uuid.UUID
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
    from mace.people.matching.synthetic import synthetic_lists

    a, b, _ = synthetic_lists(**DEFAULT_TRAINING)
    return model_fit(
        a=a,
        b=b,
        seed=DEFAULT_TRAINING["seed"],
        description=(
            "Default identity-resolution model, learnt without labels from synthetic lists "
            f"of children (mace.people.matching.synthetic, {DEFAULT_TRAINING})."
        ),
    )


# --- The database: one record against the children recorded ----------------------------


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


def child_record(child) -> PersonRecord:
    """A Child (aliases, addresses and school loaded or loadable) as a PersonRecord."""
    row = tuple(getattr(child, f) for f in blocking.LIGHT_FIELDS)
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
    from mace.people.models import ChildAddress, ChildAlias

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
    from django.core.cache import cache

    from mace.people.models import Child

    return cache.get_or_set("mace:matching:cohort-size", Child.objects.count, 600) or 1


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
    model = model or default_model()
    prepared = prepare(record=record)
    rows: dict = {}
    at_postcode: set = set()
    proximity = blocking.database_proximity(prepared=prepared)
    for name, queryset in blocking.database_blocks(prepared=prepared, children_qs=children_qs):
        ranked = queryset.alias(proximity=proximity).order_by("-proximity", "pk")
        for row in ranked.values_list(*blocking.LIGHT_FIELDS)[:PER_RULE_LIMIT]:
            rows[row[0]] = row
            if name == "postcode":
                at_postcode.add(row[0])
    if not rows:
        return []
    table = model.weight_table()
    fields = np.arange(len(COMPARISONS))
    first_pass = []
    for pk, row in rows.items():
        levels = compare_levels(prepared, prepare(record=_record(row, places=[], aliases=[])))
        first_pass.append((-float(table[fields, levels].sum()), str(pk), pk))
    first_pass.sort()
    shortlist = [pk for _, _, pk in first_pass[: max(SHORTLIST, 3 * limit)]]
    shortlist += [pk for _, _, pk in first_pass if pk in at_postcode][:SHORTLIST]
    records = _full_records(shortlist=shortlist, rows=rows, children_qs=children_qs)
    prior = model.prior_weight(population=population or cohort_size())
    scored = []
    for pk, full in records.items():
        other = prepare(record=full)
        levels = compare_levels(prepared, other)
        scored.append((prior + float(table[fields, levels].sum()), pk, other))
    scored.sort(key=lambda item: (-item[0], str(item[1])))
    return [
        Candidate(
            child_id=pk,
            score=probability(weight),
            weight=weight,
            reasons=reasons_for(prepared, other, model=model),
        )
        for weight, pk, other in scored[:limit]
    ]
