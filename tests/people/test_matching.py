"""Identity resolution: comparison levels, the Fellegi–Sunter arithmetic, EM, accuracy, search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import numpy as np
import pytest

from mace.people.matching import engine
from mace.people.matching.blocking import block_pairs
from mace.people.matching.compare import (
    COMPARISONS,
    DOB_LEVELS,
    FAMILY_LEVELS,
    GIVEN_LEVELS,
    POSTCODE_LEVELS,
    compare_detailed,
    date_level,
    prepare,
)
from mace.people.matching.model import (
    FIELD_INDEX,
    MAX_LEVELS,
    N_FIELDS,
    MatchModel,
    expectation_maximisation,
)
from mace.people.matching.records import PersonRecord
from mace.people.matching.synthetic import synthetic_lists
from tests.factories import ChildAddressFactory, ChildAliasFactory, ChildFactory


def _levels(a: PersonRecord, b: PersonRecord) -> dict[str, str]:
    detailed = compare_detailed(prepare(record=a), prepare(record=b))
    return {c.name: c.levels[level] for c, (level, _) in zip(COMPARISONS, detailed, strict=True)}


# --- Comparison levels --------------------------------------------------------------------


def test_bill_is_a_nickname_of_william():
    levels = _levels(
        PersonRecord(id="a", given_name="William", family_name="Smith"),
        PersonRecord(id="b", given_name="Bill", family_name="Smith"),
    )
    assert levels["given_name"] == GIVEN_LEVELS[2] == "nickname or short form of the same name"
    assert levels["family_name"] == "same"


def test_a_spelling_variant_and_a_sound_alike_are_told_apart_from_a_different_name():
    def given(x: str, y: str) -> str:
        return _levels(PersonRecord(id="a", given_name=x), PersonRecord(id="b", given_name=y))[
            "given_name"
        ]

    assert given("Tyrone", "Tyronne") == "spelling variant"
    assert given("Katherine", "Cathryn") == "sounds alike"
    assert given("Oliver", "Priya") == "different"
    assert given("Mary-Jane", "Mary") == "one part of the name matches"


def test_swapped_given_and_family_names_are_recognised():
    levels = _levels(
        PersonRecord(id="a", given_name="Hussain", family_name="Amir"),
        PersonRecord(id="b", given_name="Amir", family_name="Hussain"),
    )
    assert levels["given_name"] == levels["family_name"] == "given and family names swapped"
    assert "given and family names swapped" in FAMILY_LEVELS


def test_an_alias_counts_as_a_name_and_says_so():
    a = PersonRecord(id="a", given_name="Tyler", family_name="Brooks", aliases=("Shorty",))
    b = PersonRecord(id="b", given_name="Shorty", family_name="Brooks")
    (level, note), *_ = compare_detailed(prepare(record=a), prepare(record=b))
    assert GIVEN_LEVELS[level] == "same"
    assert note == ' (alias "Shorty")'


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ((2011, 4, 3), (2011, 4, 3), "same"),
        ((2011, 4, 3), (2011, 3, 4), "day and month transposed"),
        ((2011, 4, 3), (2012, 4, 3), "one of day, month or year differs"),
        ((2011, 4, 30), (2011, 5, 2), "within 31 days"),
        ((2011, 4, 3), (2009, 10, 23), "different"),
    ],
)
def test_date_of_birth_levels(a, b, label):
    assert DOB_LEVELS[date_level(dt.date(*a), dt.date(*b))] == label


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("LS8 5AB", "ls85ab", "same"),
        ("LS8 5AB", "LS8 5QT", "same sector"),
        ("LS8 5AB", "LS8 1QT", "same district"),
        ("4223", "4232", "one character differs"),
        ("LS8 5AB", "BD1 1AA", "different"),
    ],
)
def test_postcode_levels(a, b, label):
    levels = _levels(PersonRecord(id="a", postcode=a), PersonRecord(id="b", postcode=b))
    assert levels["postcode"] == label
    assert label in POSTCODE_LEVELS


def test_an_empty_field_is_missing_not_different():
    levels = _levels(
        PersonRecord(id="a", given_name="Ava", family_name=""),
        PersonRecord(
            id="b", given_name="Ava", family_name="Khan", date_of_birth=dt.date(2010, 1, 2)
        ),
    )
    assert levels["family_name"] == levels["date_of_birth"] == levels["postcode"] == "missing"


# --- Fellegi–Sunter arithmetic ----------------------------------------------------------


def _hand_model() -> MatchModel:
    """A model where only given name and date of birth carry weight."""
    m = np.ones((N_FIELDS, MAX_LEVELS))
    u = np.ones((N_FIELDS, MAX_LEVELS))
    g, d = FIELD_INDEX["given_name"], FIELD_INDEX["date_of_birth"]
    m[g, 1:9] = [0.8, 0.05, 0.05, 0.02, 0.01, 0.02, 0.02, 0.03]
    u[g, 1:9] = [0.01, 0.002, 0.003, 0.001, 0.001, 0.003, 0.01, 0.97]
    m[d, 1:6] = [0.9, 0.04, 0.03, 0.01, 0.02]
    u[d, 1:6] = [0.001, 0.0005, 0.02, 0.02, 0.9585]
    return MatchModel(m=m, u=u, match_rate=0.5)


def test_weights_are_log2_of_m_over_u_and_add_up_with_the_prior():
    model = _hand_model()
    table = model.weight_table()
    g, d = FIELD_INDEX["given_name"], FIELD_INDEX["date_of_birth"]
    assert table[g, 1] == pytest.approx(math.log2(0.8 / 0.01))
    assert table[d, 2] == pytest.approx(math.log2(0.04 / 0.0005))
    assert table[g, 0] == 0.0  # missing: no evidence
    levels = np.zeros((1, N_FIELDS), dtype=np.int64)
    levels[0, g], levels[0, d] = 1, 2
    prior = math.log2((0.5 / 1000) / (1 - 0.5 / 1000))
    expected = prior + math.log2(80) + math.log2(80)
    assert model.prior_weight(population=1000) == pytest.approx(prior)
    assert model.match_weights(levels, population=1000)[0] == pytest.approx(expected)
    assert engine.probability(expected) == pytest.approx(2**expected / (1 + 2**expected))


def test_reasons_name_the_level_and_its_weight():
    model = _hand_model()
    reasons = engine.explain(
        PersonRecord(id="a", given_name="Amy", date_of_birth=dt.date(2011, 4, 3)),
        PersonRecord(id="b", given_name="Amy", date_of_birth=dt.date(2011, 3, 4)),
        model=model,
    )
    assert [str(r) for r in reasons] == [
        "given name: same (+6.3)",
        "date of birth: day and month transposed (+6.3)",
    ]


def test_a_model_survives_json_and_refuses_levels_it_does_not_know(tmp_path):
    model = _hand_model()
    path = tmp_path / "model.json"
    model.save(path)
    loaded = MatchModel.load(path)
    assert np.allclose(loaded.weight_table(), model.weight_table(), atol=1e-4)
    data = model.to_dict()
    data["comparisons"]["postcode"].pop()
    with pytest.raises(ValueError, match="retrain"):
        MatchModel.from_dict(data)


def test_the_bundled_model_loads_and_favours_agreement():
    table = engine.default_model().weight_table()
    for comparison in COMPARISONS:
        row = table[FIELD_INDEX[comparison.name]]
        assert row[1] > 0 > row[len(comparison.levels) - 1], comparison.name


# --- Expectation maximisation -------------------------------------------------------------


def test_em_recovers_m_and_the_match_proportion_from_unlabelled_pairs():
    rng = np.random.default_rng(7)
    fields = [FIELD_INDEX[n] for n in ("given_name", "date_of_birth", "postcode")]
    true_m = {
        fields[0]: [0.85, 0.1, 0.05],
        fields[1]: [0.9, 0.07, 0.03],
        fields[2]: [0.7, 0.1, 0.2],
    }
    true_u = {
        fields[0]: [0.02, 0.08, 0.9],
        fields[1]: [0.01, 0.05, 0.94],
        fields[2]: [0.01, 0.04, 0.95],
    }
    n, proportion = 20_000, 0.3
    is_match = rng.random(n) < proportion
    levels = np.zeros((n, N_FIELDS), dtype=np.int64)
    m0 = np.ones((N_FIELDS, MAX_LEVELS))
    u = np.ones((N_FIELDS, MAX_LEVELS))
    for f in fields:
        # Three levels of each comparison are used (1, 2 and its last, "different").
        used = [1, 2, len(COMPARISONS[f].levels) - 1]
        draws_m = rng.choice(used, size=n, p=true_m[f])
        draws_u = rng.choice(used, size=n, p=true_u[f])
        levels[:, f] = np.where(is_match, draws_m, draws_u)
        k = len(COMPARISONS[f].levels)
        u[f, 1:k] = 1e-6
        u[f, used] = true_u[f]
        m0[f, 1:k] = 1.0 / (k - 1)
    active = np.zeros(N_FIELDS, dtype=bool)
    active[fields] = True
    m, estimated, _ = expectation_maximisation(levels=levels, u=u, m=m0, active=active)
    assert estimated == pytest.approx(proportion, abs=0.02)
    for f in fields:
        used = [1, 2, len(COMPARISONS[f].levels) - 1]
        assert m[f, used] == pytest.approx(true_m[f], abs=0.03)


def test_fitting_is_deterministic():
    a, b, _ = synthetic_lists(count_a=80, matched=50, extra_b=30, seed=5)
    first = engine.model_fit(a=a, b=b, seed=1).to_dict()
    second = engine.model_fit(a=a, b=b, seed=1).to_dict()
    assert first == second


# --- Accuracy on a small synthetic set ----------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "William James Oliver Harry Thomas Joseph Daniel Samuel Charlie George Jack Michael "
    "Matthew Benjamin Alexander Robert Edward Christopher Anthony Richard Mohammed Ibrahim "
    "Amir Kacper Jakub Olivia Amelia Isla Emily Sophie Charlotte Elizabeth Katherine Jessica "
    "Rebecca Victoria Margaret Abigail Hannah Rosie Poppy Zara Aisha Maryam Oliwia Zuzanna "
    "Chloe Ella Grace Lily Megan Ruby Holly Jade Leah Keira Courtney Shannon Tia Demi"
)
FAMILY = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Hussain Ahmed Ali Begum "
    "Kowalski Nowak Wisniewski Murphy Kelly Doyle Campbell Stewart Anderson Scott Morrison "
    "Reid Henderson Ross Marshall Harrison Lee Young Allen King Baker Harris Lewis Martin "
    "Cooper Ward Morris Turner Hill Moore Clark Mitchell Phillips Hughes Edwards Barker "
    "Fletcher Sutcliffe Ackroyd Holroyd Haigh Oldroyd Greenwood Brook Crowther Firth Mellor"
)
SHORT = {
    "William": "Bill",
    "James": "Jim",
    "Thomas": "Tom",
    "Robert": "Bob",
    "Daniel": "Dan",
    "Samuel": "Sam",
    "Katherine": "Kate",
    "Elizabeth": "Beth",
    "Margaret": "Maggie",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
    "Abigail": "Abby",
    "Christopher": "Chris",
    "Michael": "Mike",
    "Richard": "Dick",
    "Edward": "Ted",
    "Alexander": "Alex",
}


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 1)
    return (
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if rng.random() < 0.5
        else (text[:i] + text[i + 1 :])
    )


def _accuracy_set() -> tuple[list[PersonRecord], list[PersonRecord], set[tuple[str, str]]]:
    """200 children in A; B holds noisy copies of 150 of them and 50 others."""
    rng = random.Random(20260401)
    people = []
    for n in range(250):
        people.append(
            PersonRecord(
                id=f"a{n}",
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                date_of_birth=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(3300)),
                postcode=f"LS{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice('ABDEHJLNPQ')}"
                f"{rng.choice('RSTUWXYZ')}",
            )
        )
    a, others = people[:200], people[200:]
    b, truth = [], set()
    for n, person in enumerate(a[:150]):
        copy = dataclasses.replace(person, id=f"b{n}")
        roll = rng.random()
        if roll < 0.15:
            copy = dataclasses.replace(copy, given_name=SHORT.get(copy.given_name, copy.given_name))
        elif roll < 0.3:
            copy = dataclasses.replace(copy, family_name=_typo(rng, copy.family_name))
        dob = copy.date_of_birth
        roll = rng.random()
        if roll < 0.1 and dob.day <= 12:
            copy = dataclasses.replace(
                copy, date_of_birth=dob.replace(day=dob.month, month=dob.day)
            )
        elif roll < 0.15:
            copy = dataclasses.replace(copy, date_of_birth=None)
        roll = rng.random()
        if roll < 0.2:
            copy = dataclasses.replace(copy, postcode="")
        elif roll < 0.3:
            copy = dataclasses.replace(copy, postcode=others[n % 50].postcode)
        b.append(copy)
        truth.add((person.id, copy.id))
    b += [dataclasses.replace(p, id=f"x{n}") for n, p in enumerate(others)]
    random.Random(3).shuffle(b)
    return a, b, truth


def test_default_model_links_a_noisy_synthetic_set_with_f1_of_at_least_0_9():
    a, b, truth = _accuracy_set()
    found = {(m.id_a, m.id_b) for m in engine.link_records(a, b)}
    true_positives = len(found & truth)
    precision, recall = true_positives / len(found), true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, (precision, recall)


def test_blocking_keeps_every_true_pair_of_the_synthetic_set():
    a, b, truth = _accuracy_set()
    pairs = block_pairs(a=[prepare(record=r) for r in a], b=[prepare(record=r) for r in b])
    blocked = {(a[i].id, b[j].id) for i, j in zip(pairs.a.tolist(), pairs.b.tolist(), strict=True)}
    assert len(truth - blocked) <= 2
    assert len(blocked) < len(a) * len(b) / 20


# --- Candidate search in the database -----------------------------------------------------


@pytest.mark.django_db
def test_candidate_search_ranks_the_same_child_first_with_reasons():
    from mace.people.models import Child

    dob = dt.date(2011, 4, 3)
    target = ChildFactory(given_name="William", family_name="Smith", date_of_birth=dob)
    ChildAddressFactory(child=target, postcode="LS8 5AB", line_1="12 Harehills Grove")
    ChildAliasFactory(child=target, name="Billy Smith")
    same_dob = ChildFactory(given_name="Wendy", family_name="Sharp", date_of_birth=dob)
    same_name = ChildFactory(
        given_name="William", family_name="Smith", date_of_birth=dt.date(2009, 9, 9)
    )
    neighbour = ChildFactory(
        given_name="Will", family_name="Stone", date_of_birth=dt.date(2010, 1, 1)
    )
    ChildAddressFactory(child=neighbour, postcode="LS8 5AB")
    ChildFactory(given_name="Priya", family_name="Patel", date_of_birth=dt.date(2012, 6, 1))

    referral = PersonRecord(
        id="referral",
        given_name="Bill",
        family_name="SMITH",
        date_of_birth=dt.date(2011, 3, 4),
        postcode="ls85ab",
        address="12 Harehills Grove, Leeds",
    )
    candidates = engine.candidates_for(referral, children_qs=Child.objects.all(), limit=3)
    assert [c.child_id for c in candidates][:1] == [target.pk]
    assert candidates[0].score > 0.9
    assert {c.child_id for c in candidates} <= {
        target.pk,
        same_dob.pk,
        same_name.pk,
        neighbour.pk,
    }
    assert all(x.score >= y.score for x, y in zip(candidates, candidates[1:], strict=False))
    reasons = [str(r) for r in candidates[0].reasons]
    assert any(r.startswith("date of birth: day and month transposed (+") for r in reasons)
    assert any(
        r.startswith('given name: same (alias "Billy Smith")')
        or r.startswith("given name: nickname")
        for r in reasons
    )
    assert any(r.startswith("postcode: same (+") for r in reasons)


@pytest.mark.django_db
def test_candidate_search_only_looks_at_the_children_it_is_given():
    from mace.people.models import Child

    hidden = ChildFactory(
        given_name="Aisha", family_name="Begum", date_of_birth=dt.date(2010, 2, 2)
    )
    referral = PersonRecord(
        id="r", given_name="Aisha", family_name="Begum", date_of_birth=dt.date(2010, 2, 2)
    )
    everyone = engine.candidates_for(referral, children_qs=Child.objects.all())
    assert [c.child_id for c in everyone] == [hidden.pk]
    assert engine.candidates_for(referral, children_qs=Child.objects.exclude(pk=hidden.pk)) == []
