"""Blocking: the pairs worth comparing."""

from __future__ import annotations

from mace.linkage.blocking import block_pairs
from mace.linkage.compare import prepare


def test_blocking_keeps_every_true_pair_of_the_synthetic_set(accuracy_set):
    a, b, truth = accuracy_set
    pairs = block_pairs(a=[prepare(record=r) for r in a], b=[prepare(record=r) for r in b])
    blocked = {(a[i].id, b[j].id) for i, j in zip(pairs.a.tolist(), pairs.b.tolist(), strict=True)}
    assert len(truth - blocked) <= 2
    assert len(blocked) < len(a) * len(b) / 20
