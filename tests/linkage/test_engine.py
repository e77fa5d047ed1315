"""The engine: reasons, fitting, linking two lists, ranking one record against many."""

from __future__ import annotations

import datetime as dt

from mace.linkage import engine
from mace.linkage.compare import prepare
from mace.linkage.records import PersonRecord
from mace.linkage.synthetic import synthetic_lists


def test_reasons_name_the_level_and_its_weight(hand_model):
    model = hand_model
    reasons = engine.explain(
        PersonRecord(id="a", given_name="Amy", date_of_birth=dt.date(2011, 4, 3)),
        PersonRecord(id="b", given_name="Amy", date_of_birth=dt.date(2011, 3, 4)),
        model=model,
    )
    assert [str(r) for r in reasons] == [
        "given name: same (+6.3)",
        "date of birth: day and month transposed (+6.3)",
    ]


def test_fitting_is_deterministic():
    a, b, _ = synthetic_lists(count_a=80, matched=50, extra_b=30, seed=5)
    first = engine.model_fit(a=a, b=b, seed=1).to_dict()
    second = engine.model_fit(a=a, b=b, seed=1).to_dict()
    assert first == second


# --- Accuracy on a small synthetic set (conftest.accuracy_set) ----------------------------


def test_default_model_links_a_noisy_synthetic_set_with_f1_of_at_least_0_9(accuracy_set):
    a, b, truth = accuracy_set
    found = {(m.id_a, m.id_b) for m in engine.link_records(a, b)}
    true_positives = len(found & truth)
    precision, recall = true_positives / len(found), true_positives / len(truth)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, (precision, recall)


# --- One record against many ----------------------------------------------------------------


def _people() -> dict[str, PersonRecord]:
    dob = dt.date(2011, 4, 3)
    return {
        "other": PersonRecord(id="1", given_name="Priya", date_of_birth=dt.date(2012, 6, 1)),
        "same-dob": PersonRecord(id="2", given_name="Wendy", date_of_birth=dob),
        "same": PersonRecord(id="3", given_name="Amy", date_of_birth=dob),
    }


def test_first_pass_puts_the_record_most_alike_first(hand_model):
    wanted = prepare(
        record=PersonRecord(id="q", given_name="Amy", date_of_birth=dt.date(2011, 4, 3))
    )
    assert engine.first_pass(wanted, _people(), model=hand_model) == ["same", "same-dob", "other"]


def test_rank_scores_with_the_prior_keeps_the_best_and_gives_the_reasons(hand_model):
    wanted = prepare(
        record=PersonRecord(id="q", given_name="Amy", date_of_birth=dt.date(2011, 3, 4))
    )
    ranked = engine.rank(wanted, _people(), model=hand_model, population=1000, limit=2)
    assert [r.key for r in ranked] == ["same", "same-dob"]
    best = ranked[0]
    assert best.weight == hand_model.prior_weight(population=1000) + sum(
        r.weight for r in best.reasons
    )
    assert best.score == engine.probability(best.weight)
    assert [str(r) for r in best.reasons] == [
        "given name: same (+6.3)",
        "date of birth: day and month transposed (+6.3)",
    ]
