"""The household-rich synthetic lists: families with siblings, twins and namesake parents."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from mace.linkage import synthetic
from mace.linkage.compare import compare_levels, prepare
from mace.linkage.households import TWIN_NAME_PAIRS, household_lists


@pytest.fixture(scope="module")
def families():
    return household_lists(children=1500, seed=7)


def test_the_same_seed_makes_the_same_lists_and_another_seed_others():
    first = household_lists(children=300, seed=3)
    second = household_lists(children=300, seed=3)
    other = household_lists(children=300, seed=4)
    assert (first.a, first.b, first.truth) == (second.a, second.b, second.truth)
    assert first.a != other.a


def test_the_truth_links_each_child_in_both_lists_to_their_own_records(families):
    people_a = Counter(families.person_of[r.id] for r in families.a)
    people_b = Counter(families.person_of[r.id] for r in families.b)
    assert max(people_a.values()) == max(people_b.values()) == 1  # each person once a list
    both = set(people_a) & set(people_b)
    assert len(families.truth) == len(both) > 0.6 * len(families.a)
    for id_a, id_b in families.truth:
        assert families.person_of[id_a] == families.person_of[id_b]
        assert families.person(id_a).role == "child"
    # List A holds children only; list B their parents too.
    assert {families.person(r.id).role for r in families.a} == {"child"}
    roles_b = Counter(families.person(r.id).role for r in families.b)
    assert roles_b["parent"] > 0.3 * roles_b["child"]


def test_households_share_a_family_name_and_an_address_and_hold_siblings(families):
    by_household: dict[str, list] = {}
    for person in families.people.values():
        by_household.setdefault(person.household, []).append(person)
    births = [
        sorted({p.date_of_birth for p in members if p.role == "child"})
        for members in by_household.values()
    ]
    gaps = [
        (b - a).days / 365.25 for dates in births for a, b in zip(dates, dates[1:], strict=False)
    ]
    assert len(gaps) > 300
    assert min(gaps) >= 0.8
    assert max(gaps) <= 6.0
    # Household members in list B at home are recorded at one address.
    records = {r.id: r for r in families.b}
    addresses = Counter()
    for record in records.values():
        person = families.person(record.id)
        if record.address:
            addresses[(person.household, record.address.split(",")[0].lower())] += 1
    assert sum(1 for n in addresses.values() if n > 1) > 200


def test_twins_share_a_birthday_and_a_family_name_some_with_names_alike(families):
    twins = [p for p in families.people.values() if p.twin]
    assert len(twins) > 100
    alike = {frozenset((x, y)) for x, _, y, _ in TWIN_NAME_PAIRS}
    pairs = {frozenset((p.id, p.twin)) for p in twins}
    similar = 0
    for pair in pairs:
        first, second = (families.people[n] for n in pair)
        assert first.date_of_birth == second.date_of_birth
        assert first.household == second.household
        assert first.given_name != second.given_name
        similar += frozenset((first.given_name, second.given_name)) in alike
    assert 0.2 * len(pairs) < similar < 0.6 * len(pairs)
    # Both twins are in both lists for some, one in each list for others.
    in_a = {families.person_of[r.id] for r in families.a}
    in_b = {families.person_of[r.id] for r in families.b}
    both = [p for p in pairs if p <= in_a and p <= in_b]
    one_in_a = [p for p in pairs if len(p & in_a) == 1 and p & in_b]
    assert both and one_in_a


def test_some_children_carry_a_parents_or_an_older_siblings_given_name(families):
    named = [p for p in families.people.values() if p.named_after]
    after = Counter(families.people[p.named_after].role for p in named)
    assert after["parent"] > 20 and after["child"] >= 1
    for child in named:
        elder = families.people[child.named_after]
        assert child.given_name == elder.given_name and child.household == elder.household
        assert elder.date_of_birth < child.date_of_birth


def test_list_b_records_the_children_with_the_slips_another_agency_makes(families):
    a = {r.id: r for r in families.a}
    b = {r.id: r for r in families.b}
    found = Counter()
    for id_a, id_b in families.truth:
        x, y = a[id_a], b[id_b]
        levels = compare_levels(prepare(record=x), prepare(record=y))
        true = families.person(id_a)
        found["nickname"] += levels[0] == 2
        found["typo"] += levels[0] == 3
        found["no date of birth"] += y.date_of_birth is None
        found["day and month transposed"] += levels[2] == 2
        found["moved"] += bool(x.postcode and y.postcode) and levels[4] == 5
        found["part of a double-barrelled name"] += "-" in true.family_name and "-" not in (
            y.family_name
        )
    assert len(found) == 6
    for kind, count in found.items():
        assert count >= 3, (kind, found)


def test_made_only_from_the_packages_own_names_and_streets(families):
    raw = json.loads(synthetic.DATA_PATH.read_text(encoding="utf-8"))
    given = {n for pool in raw["backgrounds"].values() for n in pool["male"] + pool["female"]}
    from mace.linkage.households import ADULT_NAMES

    given |= set(ADULT_NAMES["male"]) | set(ADULT_NAMES["female"])
    given |= {n for x, _, y, _ in TWIN_NAME_PAIRS for n in (x, y)}
    stems = {street.split()[0] for street, _, _ in synthetic._data().streets}
    # A postcode may carry a slip in its last letter.
    postcodes = {postcode[:-1] for _, _, postcode in synthetic._data().streets}
    for person in families.people.values():
        assert person.given_name in given
    for record in families.a:
        if record.address:
            assert record.address.split()[1] in stems
        if record.postcode and " " in record.postcode:
            assert record.postcode[:-1] in postcodes
