"""The synthetic lists the bundled model is learnt from, and the model itself."""

from __future__ import annotations

import json

from mace.linkage import engine, synthetic
from mace.linkage.synthetic import synthetic_lists, synthetic_people


def _names() -> tuple[set[str], set[str]]:
    data = json.loads(synthetic.DATA_PATH.read_text(encoding="utf-8"))
    given, family = set(), set()
    for pool in data["backgrounds"].values():
        given.update(pool["male"] + pool["female"])
        family.update(form for name in pool["family"] for form in name.split("|"))
    return given, family


def test_synthetic_children_are_made_from_the_packages_own_names_and_streets():
    given, family = _names()
    streets = {street for street, _, _ in synthetic._data().streets}
    for person in synthetic_people(count=500, seed=1):
        assert person.given_name in given
        # A few are double-barrelled: two of the family names, joined by a hyphen.
        parts = person.family_name.split("-")
        assert person.family_name in family or any(
            "-".join(parts[:n]) in family and "-".join(parts[n:]) in family
            for n in range(1, len(parts))
        ), person.family_name
        number, street_and_town = person.address.split(" ", 1)
        assert number.isdigit() and street_and_town.rsplit(", ", 1)[0] in streets


def test_synthetic_lists_are_the_same_every_time_and_say_which_pairs_are_true():
    first = synthetic_lists(count_a=60, matched=40, extra_b=20, seed=3)
    second = synthetic_lists(count_a=60, matched=40, extra_b=20, seed=3)
    assert first == second
    a, b, truth = first
    assert (len(a), len(b), len(truth)) == (60, 60, 40)
    assert {id_a for id_a, _ in truth} <= {r.id for r in a}
    assert {id_b for _, id_b in truth} <= {r.id for r in b}


def test_the_bundled_model_is_what_the_packages_data_teaches_today():
    """Edit data/synthetic_people.json or the comparisons, then run `mace link --train-default`."""
    rebuilt = json.dumps(engine.train_default_model().to_dict(), indent=1) + "\n"
    assert rebuilt == engine.DEFAULT_MODEL_PATH.read_text(encoding="utf-8")
