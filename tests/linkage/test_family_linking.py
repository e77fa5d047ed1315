"""Linking two lists is safe with families: siblings, twins and namesake parents.

The accuracy test runs what ``mace link --a A --b B`` runs by default (a model learnt from
the two lists, household pairs weighed against the household's other members, each record
kept to its best match) on a household-rich set (``mace.linkage.households``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from mace.linkage import engine, family
from mace.linkage.compare import GIVEN_LEVELS, compare_given, prepare
from mace.linkage.households import household_lists
from mace.linkage.model import MatchModel
from mace.linkage.records import PersonRecord


def _scores(found: set, truth: set) -> tuple[float, float]:
    hits = len(found & truth)
    return hits / len(found), hits / len(truth)


@pytest.fixture(scope="module")
def linked():
    families = household_lists(children=1500, seed=1)
    model = engine.model_fit(a=families.a, b=families.b)
    matches = engine.link_records(families.a, families.b, model=model)
    return families, model, {(m.id_a, m.id_b) for m in matches}


def test_the_default_two_list_linking_is_precise_and_finds_the_children(linked):
    families, _, found = linked
    precision, recall = _scores(found, families.truth)
    assert precision >= 0.995, (precision, recall)
    assert recall >= 0.97, (precision, recall)


def test_without_the_household_weighing_and_one_match_each_siblings_are_linked(linked):
    families, model, _ = linked
    plain = dataclasses.replace(model, household=None)
    matches = engine.link_records(families.a, families.b, model=plain, one_match_each=False)
    precision, _ = _scores({(m.id_a, m.id_b) for m in matches}, families.truth)
    assert precision < 0.8


def test_twins_in_both_lists_are_never_linked_across(linked):
    families, _, found = linked
    in_a = {families.person_of[r.id]: r.id for r in families.a}
    in_b = {families.person_of[r.id]: r.id for r in families.b}
    checked = 0
    for person in families.people.values():
        twin = person.twin
        if twin and {person.id, twin} <= in_a.keys() and {person.id, twin} <= in_b.keys():
            assert (in_a[person.id], in_b[twin]) not in found
            checked += 1
    assert checked > 30


def test_a_child_is_not_linked_to_the_parent_whose_name_they_carry(linked):
    families, _, found = linked
    to_parent = [
        (id_a, id_b)
        for id_a, id_b in found
        if families.person(id_a).named_after == families.person_of[id_b]
        and families.person(id_b).role == "parent"
    ]
    namesakes = [
        p
        for p in families.people.values()
        if p.named_after and families.people[p.named_after].role == "parent"
    ]
    assert len(namesakes) > 20
    # Only where a date of birth is missing can a namesake parent pass for the child.
    a = {r.id: r for r in families.a}
    b = {r.id: r for r in families.b}
    assert all(a[x].date_of_birth is None or b[y].date_of_birth is None for x, y in to_parent)
    assert len(to_parent) <= 2


# --- A family by hand, with the bundled model ----------------------------------------------


def _record(id, given, dob, sex, *, family_name="Clarke", address="14 Harehills Lane, Leeds"):
    return PersonRecord(
        id=id,
        given_name=given,
        family_name=family_name,
        date_of_birth=dob,
        sex=sex,
        postcode="LS8 5AB",
        address=address,
    )


TWINS_BORN = dt.date(2014, 6, 3)


def test_twins_with_names_a_letter_apart_each_keep_their_own_record():
    a = [
        _record("a1", "Amelia", TWINS_BORN, "female"),
        _record("a2", "Amelie", TWINS_BORN, "female"),
    ]
    b = [
        _record("b1", "Amelie", TWINS_BORN, ""),
        _record("b2", "Amelia", TWINS_BORN, "female", address="14 Harehills Ln"),
    ]
    found = {(m.id_a, m.id_b) for m in engine.link_records(a, b)}
    assert found == {("a1", "b2"), ("a2", "b1")}


def test_a_twin_is_not_linked_where_only_the_other_twin_is_in_the_other_list():
    a = [
        _record("a1", "Jayden", TWINS_BORN, "male"),
        _record("a2", "Sophie", TWINS_BORN, "female"),
    ]
    b = [_record("b1", "Sophie", TWINS_BORN, "female")]
    assert [(m.id_a, m.id_b) for m in engine.link_records(a, b)] == [("a2", "b1")]
    lone = engine.link_records(a[:1], b, threshold=0.0)
    assert all(m.score < 0.5 for m in lone)


def test_a_father_who_gave_his_son_his_name_is_not_the_son():
    son = _record("a1", "Jayden", dt.date(2012, 3, 14), "male")
    father = _record("b1", "Jayden", dt.date(1988, 11, 2), "male")
    assert engine.link_records([son], [father]) == []
    own = _record("b2", "Jaydn", dt.date(2012, 3, 14), "")
    found = engine.link_records([son], [father, own], threshold=0.0, one_match_each=False)
    scores = {m.id_b: m.score for m in found}
    assert scores["b2"] > 0.99 > 0.5 > scores["b1"]


def test_a_brother_two_years_younger_is_not_the_child():
    child = _record("a1", "Kacper", dt.date(2011, 9, 30), "male", family_name="Nowak")
    brother = _record("b1", "Filip", dt.date(2013, 10, 2), "male", family_name="Nowak")
    (pair,) = engine.link_records([child], [brother], threshold=0.0)
    assert pair.score < 0.5
    # Fellegi–Sunter alone, without the household weighing, would link them.
    plain = dataclasses.replace(engine.default_model(), household=None)
    (pair,) = engine.link_records([child], [brother], threshold=0.0, model=plain)
    assert pair.score > 0.9


def test_the_reasons_weigh_a_household_pair_against_the_other_members():
    child = _record("a1", "Harry", TWINS_BORN, "male")
    twin = _record("b1", "Harvey", TWINS_BORN, "male")
    reasons = {r.field: r for r in engine.explain(child, twin)}
    household = reasons["household"]
    assert household.title == "against another member of the household"
    assert household.level.startswith("given name alike, date of birth same")
    assert str(household).startswith("against another member of the household: given name")
    (pair,) = engine.link_records([child], [twin], threshold=0.0, explain=True)
    assert [r.field for r in pair.reasons][-1] == "household"


# --- One match each --------------------------------------------------------------------------


def test_one_to_one_takes_pairs_best_first_and_drops_those_whose_records_are_taken():
    weights = np.array([5.0, 9.0, 8.0, 7.0, 1.0])
    ia = np.array([0, 0, 1, 1, 2])
    ib = np.array([0, 1, 1, 0, 2])
    # (0,1) first; (1,1) loses B1 to it; (1,0) is next best for A1; (0,0) lost A0; (2,2).
    assert engine.one_to_one(weights, ia, ib).tolist() == [1, 3, 4]


def test_one_to_one_kept_at_a_threshold_is_what_a_lower_threshold_keeps_above_it():
    rng = np.random.default_rng(3)
    weights = rng.normal(size=400)
    ia, ib = rng.integers(0, 40, size=400), rng.integers(0, 40, size=400)
    low = set(engine.one_to_one(weights, ia, ib).tolist())
    above = np.flatnonzero(weights >= 0.5)
    high = set(above[engine.one_to_one(weights[above], ia[above], ib[above])].tolist())
    assert high == {k for k in low if weights[k] >= 0.5}
    assert len({ia[k] for k in low}) == len(low) == len({ib[k] for k in low})


def test_ties_are_broken_by_position_so_the_result_does_not_depend_on_order():
    weights = np.array([2.0, 2.0, 2.0])
    assert engine.one_to_one(weights, np.array([1, 0, 0]), np.array([0, 0, 1])).tolist() == [1]


def test_linking_keeps_one_match_each_unless_told_not_to():
    a = [_record("a1", "Amelia", TWINS_BORN, "female")]
    moved = dataclasses.replace(
        _record("b2", "Amelia", TWINS_BORN, ""), postcode="BD4 1AN", address="3 Mill Lane"
    )
    b = [_record("b1", "Amelia", TWINS_BORN, "female"), moved]
    assert [m.id_b for m in engine.link_records(a, b)] == ["b1"]
    assert [m.id_b for m in engine.link_records(a, b, one_match_each=False)] == ["b1", "b2"]


# --- The parts ------------------------------------------------------------------------------


def test_one_slip_in_a_short_name_is_a_spelling_variant_but_two_letters_are_a_name():
    def given(x: str, y: str) -> str:
        level, _ = compare_given(
            prepare(record=PersonRecord(id="a", given_name=x)),
            prepare(record=PersonRecord(id="b", given_name=y)),
        )
        return GIVEN_LEVELS[level]

    assert given("Ava", "Aoa") == given("Ava", "Vaa") == "spelling variant"
    assert given("Li", "Le") != "spelling variant"


def test_the_birth_gap_reads_dates_as_families_have_them():
    def gap(x, y):
        return family.GAP_LEVELS[family.gap_level(dt.date(*x), dt.date(*y))]

    assert gap((2014, 6, 3), (2014, 6, 3)) == "same"
    assert gap((2014, 6, 3), (2014, 3, 6)).startswith("a slip")
    assert gap((2014, 6, 3), (2014, 1, 1)) == "same year of birth"
    assert gap((2014, 6, 3), (2016, 9, 20)) == "born 1 to 13 years apart"
    assert gap((2014, 6, 3), (1988, 11, 2)) == "born 14 or more years apart"


def test_a_model_keeps_its_household_model_in_json_and_an_older_one_has_none(tmp_path):
    model = engine.default_model()
    assert model.household is not None
    path = tmp_path / "model.json"
    model.save(path)
    loaded = MatchModel.load(path)
    assert np.allclose(loaded.household.weight_table(), model.household.weight_table())
    assert loaded.household.rate == pytest.approx(model.household.rate, abs=1e-6)
    older = model.to_dict()
    del older["household"]
    assert MatchModel.from_dict(older).household is None
