"""Published tables: 1 to 4 is "<5", and nothing shown gives a "<5" away.

The property test re-derives each "<5" cell's range with its own linear programme, built
here from the published strings alone (cells as the variables, totals as constraints on
their sums), not from the module's grid."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from mace.core.suppression import HIDDEN, SMALL, Published, publish, publish_linked


def _ranges(published: Published) -> dict[tuple[int, int], tuple[float, float]]:
    """Each "<5" cell's (min, max) given everything the reader sees."""
    n_rows = len(published.cells)
    n_cols = len(published.cells[0])
    n = n_rows * n_cols

    def var(r, c):
        return r * n_cols + c

    bounds = []
    for r in range(n_rows):
        for c in range(n_cols):
            text = published.cells[r][c]
            if text == SMALL:
                bounds.append((1, 4))
            elif text == HIDDEN:
                bounds.append((0, None))
            else:
                bounds.append((int(text), int(text)))
    a_eq, b_eq, a_ub, b_ub = [], [], [], []

    def constrain(members, text):
        row = np.zeros(n)
        for r, c in members:
            row[var(r, c)] = 1
        if text == SMALL:  # 1 <= sum <= 4
            a_ub.extend([row, -row])
            b_ub.extend([4, -1])
        elif text not in (HIDDEN, ""):
            a_eq.append(row)
            b_eq.append(int(text))

    for r in range(n_rows):
        constrain([(r, c) for c in range(n_cols)], published.row_totals[r])
    for c in range(n_cols):
        constrain([(r, c) for r in range(n_rows)], published.column_totals[c])
    constrain([(r, c) for r in range(n_rows) for c in range(n_cols)], published.total)
    kwargs = {
        "A_eq": np.array(a_eq) if a_eq else None,
        "b_eq": np.array(b_eq) if b_eq else None,
        "A_ub": np.array(a_ub) if a_ub else None,
        "b_ub": np.array(b_ub) if b_ub else None,
        "bounds": bounds,
        "method": "highs",
    }
    found = {}
    for r in range(n_rows):
        for c in range(n_cols):
            if published.cells[r][c] != SMALL:
                continue
            objective = np.zeros(n)
            objective[var(r, c)] = 1
            low = linprog(objective, **kwargs)
            high = linprog(-objective, **kwargs)
            assert low.status == 0 and high.status == 0
            found[r, c] = (low.fun, -high.fun)
    return found


def _assert_protected(published: Published) -> None:
    for cell, (low, high) in _ranges(published).items():
        assert low == pytest.approx(1, abs=1e-6), (cell, low, published)
        assert high == pytest.approx(4, abs=1e-6), (cell, high, published)


def _assert_true(published: Published, counts: list[list[int]]) -> None:
    """Every number shown is the real one; every "<5" hides a real 1 to 4."""
    pairs = [
        (published.cells[r][c], counts[r][c])
        for r in range(len(counts))
        for c in range(len(counts[0]))
    ]
    pairs += [(text, sum(row)) for text, row in zip(published.row_totals, counts, strict=True)]
    pairs += [
        (text, sum(column))
        for text, column in zip(published.column_totals, zip(*counts, strict=True), strict=True)
    ]
    pairs.append((published.total, sum(map(sum, counts))))
    for text, value in pairs:
        if text == SMALL:
            assert 1 <= value <= 4
        elif text != HIDDEN:
            assert int(text) == value


def test_one_small_cell_withholds_a_second_cell_in_its_row_and_closes_the_loop():
    counts = [[2, 6, 9], [7, 8, 10]]
    published = publish(counts, exact=False)
    # Row 0's total (17) less 6 and 9 would give the 2 away. Withholding the 6 alone would
    # not do: column 1's total less the 8 gives the 6 back. The cheapest rectangle is
    # 6, 7 and 8 (21; 9, 7 and 10 would be 26), and the totals stay.
    assert published == Published(
        cells=[["<5", "[c]", "9"], ["[c]", "[c]", "10"]],
        row_totals=["17", "25"],
        column_totals=["9", "14", "19"],
        total="42",
    )
    _assert_protected(published)


def test_a_single_row_withholds_a_cell_and_its_column_total():
    # With one row each column total is its cell; the 5 is the smallest to withhold.
    published = publish([[2, 7, 5]], exact=False)
    assert published.cells == [["<5", "7", "[c]"]]
    assert published.column_totals == ["<5", "7", "[c]"]
    assert (published.row_totals, published.total) == (["14"], "14")
    _assert_protected(published)


def test_two_small_cells_summing_to_two_are_protected():
    counts = [[1, 1, 10], [8, 9, 10], [6, 6, 6]]
    # Unprotected, 12 - 10 = 2 would make both cells exactly 1.
    published = publish(counts, exact=False)
    assert published.cells == [["<5", "<5", "[c]"], ["8", "9", "10"], ["[c]", "[c]", "[c]"]]
    assert published.row_totals == ["12", "27", "18"]
    assert published.column_totals == ["15", "16", "26"]
    assert published.total == "57"
    _assert_protected(published)


def test_exact_shows_every_number_and_the_sums():
    published = publish([[2, 0, 7], [1, 4, 30]], exact=True)
    assert published == Published(
        cells=[["2", "0", "7"], ["1", "4", "30"]],
        row_totals=["9", "35"],
        column_totals=["3", "4", "37"],
        total="44",
    )


def test_zeros_are_shown_and_never_withheld():
    published = publish([[0, 3], [0, 12]], exact=False)
    # The 3's row total is 3 ("<5"); withholding the 12 and its row's total leaves the 3
    # anywhere from 1 to 4 without touching a zero.
    assert published == Published(
        cells=[["0", "<5"], ["0", "[c]"]],
        row_totals=["<5", "[c]"],
        column_totals=["0", "15"],
        total="15",
    )
    _assert_protected(published)


def test_without_totals_only_primary_suppression_applies():
    published = publish([[2, 7], [0, 3]], exact=False, totals=False)
    assert published == Published(
        cells=[["<5", "7"], ["0", "<5"]], row_totals=["", ""], column_totals=["", ""], total=""
    )


def test_a_table_with_no_small_cell_is_shown_whole():
    published = publish([[5, 0], [12, 9]], exact=False)
    assert published.cells == [["5", "0"], ["12", "9"]]
    assert (published.row_totals, published.column_totals, published.total) == (
        ["5", "21"],
        ["17", "9"],
        "26",
    )


def test_bad_tables_are_refused():
    with pytest.raises(ValueError):
        publish([[1, 2], [3]], exact=False)
    with pytest.raises(ValueError):
        publish([[1, -2]], exact=False)


_count = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.integers(7, 60))
_tables = st.integers(1, 6).flatmap(
    lambda n_cols: st.lists(
        st.lists(_count, min_size=n_cols, max_size=n_cols), min_size=1, max_size=6
    )
)


@settings(max_examples=150, deadline=None)
@given(_tables)
def test_no_small_cell_can_be_worked_out_and_everything_shown_is_true(counts):
    published = publish(counts, exact=False)
    _assert_true(published, counts)
    for r, row in enumerate(counts):
        for c, value in enumerate(row):
            if 1 <= value <= 4:
                assert published.cells[r][c] == SMALL  # primary
    _assert_protected(published)
    assert publish(counts, exact=False) == published  # deterministic


# Linked tables: the same children split two or more ways, so the column totals are shared.


def _joint_ranges(publisheds: list[Published], covers: list[Published] = ()) -> dict:
    """Each "<5" cell's (min, max) given every table at once: each table's cells are its own
    variables, each column total and the grand total one variable shared by all, and each
    cover's column sums to at least its shared total."""
    covers = list(covers)
    n_cols = len(publisheds[0].column_totals)
    names: dict = {}

    def var(name):
        return names.setdefault(name, len(names))

    for t, p in enumerate(publisheds):
        for r, _row in enumerate(p.cells):
            for c in range(n_cols):
                var((t, r, c))
    for c in range(n_cols):
        var(("T", c))
    var(("G",))
    n = len(names)
    bounds = [(0, None)] * n
    a_eq, b_eq, a_ub, b_ub = [], [], [], []

    def pin(name, text):
        i = names[name]
        if text == SMALL:
            bounds[i] = (1, 4)
        elif text not in (HIDDEN, ""):
            bounds[i] = (int(text), int(text))

    def equal(plus, minus):
        row = np.zeros(n)
        for name in plus:
            row[names[name]] += 1
        for name in minus:
            row[names[name]] -= 1
        a_eq.append(row)
        b_eq.append(0)

    pin(("G",), publisheds[0].total)
    for c in range(n_cols):
        pin(("T", c), publisheds[0].column_totals[c])
    equal([("T", c) for c in range(n_cols)], [("G",)])
    for t, p in enumerate(publisheds):
        for r, row in enumerate(p.cells):
            for c, text in enumerate(row):
                pin((t, r, c), text)
            total = p.row_totals[r]
            cells = [(t, r, c) for c in range(n_cols)]
            if total == SMALL:
                vector = np.zeros(n)
                for name in cells:
                    vector[names[name]] = 1
                a_ub.extend([vector, -vector])
                b_ub.extend([4, -1])
            elif total != HIDDEN:
                vector = np.zeros(n)
                for name in cells:
                    vector[names[name]] = 1
                a_eq.append(vector)
                b_eq.append(int(total))
        for c in range(n_cols):
            equal([(t, r, c) for r in range(len(p.cells))], [("T", c)])
    for u, p in enumerate(covers, start=len(publisheds)):
        for r, row in enumerate(p.cells):
            for c, _text in enumerate(row):
                var((u, r, c))
    n = len(names)
    bounds += [(0, None)] * (n - len(bounds))
    a_eq = [np.concatenate([row, np.zeros(n - len(row))]) for row in a_eq]
    a_ub = [np.concatenate([row, np.zeros(n - len(row))]) for row in a_ub]
    for u, p in enumerate(covers, start=len(publisheds)):
        for r, row in enumerate(p.cells):
            for c, text in enumerate(row):
                pin((u, r, c), text)
        for c in range(n_cols):
            vector = np.zeros(n)  # T[c] - the cover's column <= 0
            vector[names[("T", c)]] = 1
            for r in range(len(p.cells)):
                vector[names[(u, r, c)]] -= 1
            a_ub.append(vector)
            b_ub.append(0)
    kwargs = {
        "A_eq": np.array(a_eq),
        "b_eq": np.array(b_eq),
        "A_ub": np.array(a_ub) if a_ub else None,
        "b_ub": np.array(b_ub) if b_ub else None,
        "bounds": bounds,
        "method": "highs",
    }
    found = {}
    for t, p in enumerate([*publisheds, *covers]):
        for r, row in enumerate(p.cells):
            for c, text in enumerate(row):
                if text != SMALL:
                    continue
                objective = np.zeros(n)
                objective[names[(t, r, c)]] = 1
                low, high = linprog(objective, **kwargs), linprog(-objective, **kwargs)
                assert low.status == 0 and high.status == 0
                found[t, r, c] = (low.fun, -high.fun)
    return found


def test_linked_tables_the_helpers_example_gives_nothing_away():
    # Alone, each passes; read together, the first quarter's total was 37 - 15 - 5 - 15.
    level = [[0, 1, 1, 5], [1, 7, 0, 5], [0, 3, 4, 5], [1, 4, 0, 0]]
    sex = [[1, 6, 4, 10], [1, 9, 1, 5]]
    alone = [publish(level, exact=False), publish(sex, exact=False)]
    assert any(low > 1 + 1e-6 or high < 4 - 1e-6 for low, high in _joint_ranges(alone).values())
    linked, _ = publish_linked([level, sex])
    for low, high in _joint_ranges(linked).values():
        assert low == pytest.approx(1, abs=1e-6) and high == pytest.approx(4, abs=1e-6)
    for published, counts in zip(linked, [level, sex], strict=True):
        _assert_true(published, counts)
        _assert_protected(published)


def _split(column_totals: list[int], n_rows: int, random) -> list[list[int]]:
    rows = [[0] * len(column_totals) for _ in range(n_rows)]
    for c, total in enumerate(column_totals):
        for _ in range(total):
            rows[random.randrange(n_rows)][c] += 1
    return rows


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.integers(0, 8), st.integers(0, 30)), min_size=1, max_size=5),
    st.lists(st.integers(1, 5), min_size=2, max_size=3),
    st.randoms(use_true_random=False),
)
def test_linked_tables_protect_every_small_cell_read_together(totals, heights, random):
    tables = [_split(totals, n_rows, random) for n_rows in heights]
    linked, _ = publish_linked(tables)
    for published, counts in zip(linked, tables, strict=True):
        _assert_true(published, counts)
        assert published.column_totals == linked[0].column_totals
        assert published.total == linked[0].total
    for cell, (low, high) in _joint_ranges(linked).items():
        assert low == pytest.approx(1, abs=1e-6), (cell, linked)
        assert high == pytest.approx(4, abs=1e-6), (cell, linked)


def _cover(column_totals: list[int], n_rows: int, random) -> list[list[int]]:
    """Each child in one row or more (as a child may be at risk of more than one type)."""
    rows = _split(column_totals, n_rows, random)
    for c, total in enumerate(column_totals):
        for _ in range(random.randrange(total + 1) // 3):
            rows[random.randrange(n_rows)][c] += 1
    return rows


def test_a_cover_beside_a_table_the_helpers_example_gives_nothing_away():
    # 18 children in the quarter; by type 15 and a "<5" whose cover pins it to 3 or 4.
    level = [[10, 8], [8, 10]]
    types = [[15, 15], [3, 3]]
    alone = [publish(level, exact=False)]
    cover_alone = [publish(types, exact=False, totals=False)]
    assert any(
        low > 1 + 1e-6 or high < 4 - 1e-6
        for low, high in _joint_ranges(alone, cover_alone).values()
    )
    linked, covers = publish_linked([level], [types])
    for low, high in _joint_ranges(linked, covers).values():
        assert low == pytest.approx(1, abs=1e-6) and high == pytest.approx(4, abs=1e-6)
    assert covers[0].row_totals == ["", ""] and covers[0].total == ""


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(st.integers(0, 8), st.integers(0, 30)), min_size=1, max_size=4),
    st.lists(st.integers(1, 4), min_size=1, max_size=2),
    st.lists(st.integers(1, 4), min_size=1, max_size=2),
    st.randoms(use_true_random=False),
)
def test_tables_and_covers_protect_every_small_cell_read_together(
    totals, heights, cover_heights, random
):
    tables = [_split(totals, n_rows, random) for n_rows in heights]
    covers = [_cover(totals, n_rows, random) for n_rows in cover_heights]
    linked, published_covers = publish_linked(tables, covers)
    for published, counts in zip([*linked, *published_covers], [*tables, *covers], strict=True):
        for r, row in enumerate(counts):
            for c, value in enumerate(row):
                text = published.cells[r][c]
                assert text in (SMALL, HIDDEN) if 1 <= value <= 4 else text in (str(value), HIDDEN)
    for cell, (low, high) in _joint_ranges(linked, published_covers).items():
        assert low == pytest.approx(1, abs=1e-6), (cell, linked, published_covers)
        assert high == pytest.approx(4, abs=1e-6), (cell, linked, published_covers)
