"""The Fellegi–Sunter model: weights, the prior, JSON, the bundled model, EM."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mace.linkage import engine
from mace.linkage.compare import COMPARISONS
from mace.linkage.model import (
    FIELD_INDEX,
    MAX_LEVELS,
    N_FIELDS,
    MatchModel,
    expectation_maximisation,
)


def test_weights_are_log2_of_m_over_u_and_add_up_with_the_prior(hand_model):
    model = hand_model
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


def test_a_model_survives_json_and_refuses_levels_it_does_not_know(tmp_path, hand_model):
    model = hand_model
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
