"""What a reader outside the MACE core group may see of a table of counts (the dashboards,
period reports, and the themes and trends page; ADR 36, ADR 39).

Primary suppression: a count of 1 to 4 is published as ``"<5"``. A zero is published as
``"0"``: a zero is not disclosive here, since it tells a reader only that no child was
counted in that cell, about whom nothing can then be learnt.

Secondary suppression: with totals, a ``"<5"`` could still be worked out from what is shown
(a row total minus the other cells of its row). Every ``"<5"`` cell is therefore checked by
linear programming: its smallest and largest value given everything shown (shown cells and
totals as equalities, other ``"<5"`` entries between 1 and 4, ``"[c]"`` entries any count
from 0 up). Where that range is narrower than 1 to 4, more is withheld as ``"[c]"``, until
every ``"<5"`` cell can again be anything from 1 to 4.

Why linear programming gives exact answers: the table with its totals is a bipartite
network (each cell joins its row to its column, each row total joins its row to the
grand-total column, each column total its column to the grand-total row), so the constraint
matrix is the node-edge incidence matrix of a bipartite graph, which is totally unimodular.
With integer bounds and integer right-hand sides every vertex of the feasible region is
integral, so the LP's minimum and maximum are counts some real table could have: the bounds
are exact, not a relaxation.

What is withheld: a single withheld cell in a ``"<5"`` cell's row is usually still pinned by
its own column, so withholding one thing at a time along the row cascades into whole rows
and columns. The module instead withholds, for an unprotected ``"<5"`` cell, the cheapest
rectangle that closes the loop: one more cell in its row (or the row's total), one in its
column (or the column's total) and the cell where their column and row cross (or the
corresponding total), chosen so that moving the ``"<5"`` cell to 1 and to 4 around the
rectangle keeps every entry within what it may be. That is a proof the cell ranges 1 to 4,
and withholding more never narrows any range, so one pass over the ``"<5"`` cells suffices.
Cheapest means: the fewest totals withheld (totals are kept where possible), then the
smallest sum of the cells withheld (the smallest shown non-zero cells), then the fewest
entries; ties go to the first rectangle in row-then-column order. Zeros are never withheld.
The same table always gives the same output.

Speed (tables up to about 20 x 20): a ``"<5"`` cell already free around a rectangle of
withheld or ``"<5"`` entries needs no LP; otherwise one LP finds its minimum and one its
maximum, each leaning the other unsettled ``"<5"`` cells the same way so that the solution
(a table consistent with what is shown) settles many of them at once; such a table stays
consistent when more is withheld.

A total of 1 to 4 is a small count too and is published as ``"<5"``; the checks are made for
``"<5"`` *cells* (a ``"<5"`` total whose row has two ``"<5"`` cells is at least 2, which the
cells already say).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

SMALL = "<5"  # a count of 1 to 4 (primary suppression)
HIDDEN = "[c]"  # a cell or total withheld so that no "<5" can be worked out (secondary)

_LOW, _HIGH = 1, 4

# An entry's state in the working grid.
_SHOWN, _SMALL, _HIDDEN = 0, 1, 2


@dataclass(frozen=True)
class Published:
    cells: list[list[str]]  # per row, per column: "12", "0", "<5" or "[c]"
    row_totals: list[str]  # one per row ("" when the table has no row totals)
    column_totals: list[str]  # one per column ("" when none)
    total: str  # the grand total ("" when none)


def publish(
    counts: list[list[int]],
    *,
    exact: bool,
    totals: bool = True,
) -> Published:
    """What a reader may see of a table of counts. exact=True (the MACE core group): every
    number as it is. exact=False: 1..4 is "<5", then secondary suppression, so that for every
    "<5" cell the values consistent with everything shown (cells, row/column/grand totals,
    "<5" meaning 1..4, "[c]" meaning any count >= 0) still run from 1 to 4.

    A zero is shown as "0" (not disclosive: see the module's docstring). Without totals
    there is nothing to work a "<5" out from, so only primary suppression applies. The
    linear programmes (exact here: the constraints are totally unimodular) are solved only
    for "<5" cells, and not at all when no cell is 1 to 4."""
    table = _validated(counts)
    grid = _Grid(table, totals)
    if not exact:
        grid.suppress_primary()
        if totals:
            grid.suppress_secondary()
    return grid.published()


def _validated(counts: Sequence[Sequence[int]]) -> list[list[int]]:
    table = [[int(value) for value in row] for row in counts]
    if any(len(row) != len(table[0]) for row in table):
        raise ValueError("every row of a table needs the same number of columns")
    if any(value < 0 for row in table for value in row):
        raise ValueError("a count cannot be negative")
    return table


class _Grid:
    """The table with its totals as one (rows + 1) x (columns + 1) grid: index ``n_rows`` is
    the column-totals row, index ``n_cols`` the row-totals column, their corner the grand
    total. Every line of the grid balances: a row's cells sum to its total, and so on."""

    def __init__(self, table: list[list[int]], totals: bool):
        self.n_rows = len(table)
        self.n_cols = len(table[0]) if table else 0
        self.totals = totals
        rows, cols = self.n_rows, self.n_cols
        self.value: dict[tuple[int, int], int] = {}
        for r in range(rows):
            for c in range(cols):
                self.value[r, c] = table[r][c]
            self.value[r, cols] = sum(table[r])
        for c in range(cols):
            self.value[rows, c] = sum(table[r][c] for r in range(rows))
        self.value[rows, cols] = sum(self.value[r, cols] for r in range(rows))
        self.state = dict.fromkeys(self.value, _SHOWN)

    def is_total(self, key: tuple[int, int]) -> bool:
        return key[0] == self.n_rows or key[1] == self.n_cols

    # Primary suppression -----------------------------------------------------------------

    def suppress_primary(self) -> None:
        for key, value in self.value.items():
            if _LOW <= value <= _HIGH:
                self.state[key] = _SMALL

    # Secondary suppression ---------------------------------------------------------------

    def suppress_secondary(self) -> None:
        small_cells = [
            (r, c)
            for r in range(self.n_rows)
            for c in range(self.n_cols)
            if self.state[r, c] == _SMALL
        ]
        # Cells some table consistent with what is shown puts at 1 (at 4): the true table to
        # begin with, then every solution the LPs find. Withholding more keeps them true.
        reach_low = {cell for cell in small_cells if self.value[cell] == _LOW}
        reach_high = {cell for cell in small_cells if self.value[cell] == _HIGH}
        for cell in small_cells:
            if cell in reach_low and cell in reach_high:
                continue
            if self._cheapest_rectangle(cell, free_only=True) is not None:
                continue  # already protected by entries nobody can see
            if cell not in reach_low:
                reach_low |= self._extreme(cell, small_cells, reach_low, _LOW)
            if cell in reach_low and cell not in reach_high:
                reach_high |= self._extreme(cell, small_cells, reach_high, _HIGH)
            if cell in reach_low and cell in reach_high:
                continue
            rectangle = self._cheapest_rectangle(cell, free_only=False)
            assert rectangle is not None  # the totals' rectangle always works
            for key in rectangle:
                self.state[key] = _HIDDEN

    def _cheapest_rectangle(
        self, cell: tuple[int, int], *, free_only: bool
    ) -> list[tuple[int, int]] | None:
        """The entries to withhold so that ``cell`` can move to 1 and to 4 around a
        rectangle (an empty list: it already can), or None when no rectangle does it
        (with ``free_only``: none without withholding anything more)."""
        i, j = cell
        value = self.value[cell]
        up, down = _HIGH - value, value - _LOW
        best: tuple[tuple[int, int, int], list[tuple[int, int]]] | None = None
        for other_row in range(self.n_rows + 1):
            if other_row == i:
                continue
            for other_col in range(self.n_cols + 1):
                if other_col == j:
                    continue
                corners = ((i, other_col), (other_row, j), (other_row, other_col))
                # In the grid's balancing form a total counts negatively, so a corner on
                # one totals line moves against its rectangle sign.
                signs = (-1, -1, 1)
                to_withhold: list[tuple[int, int]] = []
                feasible = True
                for key, sign in zip(corners, signs, strict=True):
                    if (key[0] == self.n_rows) != (key[1] == self.n_cols):
                        sign = -sign
                    state = self._state_for_rectangle(key, sign, up, down, free_only)
                    if state is None:
                        feasible = False
                        break
                    if state != self.state[key]:
                        to_withhold.append(key)
                if not feasible:
                    continue
                if not to_withhold:
                    return []
                cost = (
                    sum(1 for key in to_withhold if self.is_total(key)),
                    sum(self.value[key] for key in to_withhold if not self.is_total(key)),
                    len(to_withhold),
                )
                if best is None or cost < best[0]:
                    best = (cost, to_withhold)
        return None if best is None else best[1]

    def _state_for_rectangle(
        self, key: tuple[int, int], sign: int, up: int, down: int, free_only: bool
    ) -> int | None:
        """The state ``key`` needs (its own, or withheld) to move by ``sign * up`` and by
        ``-sign * down`` while the ``"<5"`` cell moves up and down; None if it cannot."""
        value, state = self.value[key], self.state[key]
        lowest, highest = value - (down if sign > 0 else up), value + (up if sign > 0 else down)
        if state == _SMALL and lowest >= _LOW and highest <= _HIGH:
            return _SMALL
        if state == _HIDDEN:
            return _HIDDEN if lowest >= 0 else None
        if free_only or lowest < 0 or value == 0:
            return None
        if state == _SMALL and not self.is_total(key):
            return None  # a "<5" cell stays "<5"
        return _HIDDEN

    def _extreme(
        self,
        cell: tuple[int, int],
        small_cells: list[tuple[int, int]],
        reached: set[tuple[int, int]],
        bound: int,
    ) -> set[tuple[int, int]]:
        """The ``"<5"`` cells that the table taking ``cell`` to its minimum (``bound`` 1) or
        maximum (``bound`` 4) puts at ``bound``: ``cell`` is among them unless its range is
        narrower. The objective leans the other unreached cells the same way by a weight
        too small to change ``cell``'s optimum (vertices are integral), so that one
        solution settles as many of them as it can."""
        unknowns = [key for key in self.value if self.state[key] != _SHOWN]
        index = {key: n for n, key in enumerate(unknowns)}
        a_rows, b = [], []
        lines = [[(r, c) for c in range(self.n_cols + 1)] for r in range(self.n_rows + 1)]
        lines += [[(r, c) for r in range(self.n_rows + 1)] for c in range(self.n_cols + 1)]
        for line in lines:
            # A line's entries balance its total (its last entry).
            row = np.zeros(len(unknowns))
            constant = 0
            for position, key in enumerate(line):
                coefficient = -1 if position == len(line) - 1 else 1
                if key in index:
                    row[index[key]] = coefficient
                else:
                    constant += coefficient * self.value[key]
            if row.any():
                a_rows.append(row)
                b.append(-constant)
        bounds = [(_LOW, _HIGH) if self.state[key] == _SMALL else (0, None) for key in unknowns]
        direction = 1 if bound == _LOW else -1
        others = [key for key in small_cells if key != cell and key not in reached]
        objective = np.zeros(len(unknowns))
        for key in others:
            objective[index[key]] = direction / (_HIGH * len(others) + 1)
        objective[index[cell]] = direction
        result = linprog(
            objective, A_eq=np.array(a_rows), b_eq=np.array(b), bounds=bounds, method="highs"
        )
        if result.status != 0:  # the true table is always a solution
            raise RuntimeError(f"suppression LP failed: {result.message}")
        return {key for key in [cell, *others] if abs(result.x[index[key]] - bound) < 1e-6}

    # Output ------------------------------------------------------------------------------

    def _text(self, key: tuple[int, int]) -> str:
        state = self.state[key]
        if state == _SMALL:
            return SMALL
        if state == _HIDDEN:
            return HIDDEN
        return str(self.value[key])

    def published(self) -> Published:
        rows, cols = self.n_rows, self.n_cols
        cells = [[self._text((r, c)) for c in range(cols)] for r in range(rows)]
        if not self.totals:
            return Published(cells, [""] * rows, [""] * cols, "")
        return Published(
            cells,
            [self._text((r, cols)) for r in range(rows)],
            [self._text((rows, c)) for c in range(cols)],
            self._text((rows, cols)),
        )


# Linked tables -------------------------------------------------------------------------


def publish_linked(
    tables: Sequence[list[list[int]]], covers: Sequence[list[list[int]]] = ()
) -> tuple[list[Published], list[Published]]:
    """Tables over the same columns that split the same children, published together
    outside the core group: ``tables`` (with totals) put each child in one row, so share
    their column totals (children at risk each quarter by level, by sex, by age ...);
    ``covers`` (without totals) put each child in one row or more (by exploitation type),
    so each of their columns sums to at least the shared total.

    Each table is first published alone. A column total or grand total withheld in one is
    then withheld in all, since showing it in another would show it here. Last, every
    "<5" cell is checked against all of them at once, the shared totals one unknown each;
    where one is narrower than 1 to 4, more is withheld (its own row or column, then the
    shared totals, then the others' cells) until it is not. Withholding only widens
    ranges, so a cell once protected stays so."""
    grids = []
    for counts in tables:
        grid = _Grid(_validated(counts), True)
        grid.suppress_primary()
        grid.suppress_secondary()
        grids.append(grid)
    cover_grids = []
    for counts in covers:
        grid = _Grid(_validated(counts), False)
        grid.suppress_primary()
        cover_grids.append(grid)
    if len(grids) + len(cover_grids) > 1 and grids:
        _Linked(grids, cover_grids).protect()
    return [g.published() for g in grids], [g.published() for g in cover_grids]


class _Linked:
    def __init__(self, grids: list[_Grid], covers: list[_Grid]):
        self.grids = [*grids, *covers]
        self.partitions = len(grids)
        self.n_cols = grids[0].n_cols
        first = [grids[0].value[grids[0].n_rows, c] for c in range(self.n_cols + 1)]
        for grid in grids:
            if (
                grid.n_cols != self.n_cols
                or [grid.value[grid.n_rows, c] for c in range(self.n_cols + 1)] != first
            ):
                raise ValueError("linked tables share their columns and column totals")
        for grid in covers:
            if grid.n_cols != self.n_cols or any(
                grid.value[grid.n_rows, c] < first[c] for c in range(self.n_cols)
            ):
                raise ValueError("a cover's columns sum to at least the shared totals")

    def _is_cover(self, t: int) -> bool:
        return t >= self.partitions

    def _unify(self) -> None:
        """A shared total withheld anywhere is withheld everywhere."""
        partitions = self.grids[: self.partitions]
        for c in range(self.n_cols + 1):
            if any(g.state[g.n_rows, c] == _HIDDEN for g in partitions):
                for g in partitions:
                    g.state[g.n_rows, c] = _HIDDEN

    def protect(self) -> None:
        self._unify()
        small = [
            (t, (r, c))
            for t, g in enumerate(self.grids)
            for r in range(g.n_rows)
            for c in range(g.n_cols)
            if g.state[r, c] == _SMALL
        ]
        reach_low = {cell for cell in small if self._value(cell) == _LOW}
        reach_high = {cell for cell in small if self._value(cell) == _HIGH}
        for cell in small:
            while self.grids[cell[0]].state[cell[1]] == _SMALL:
                if cell not in reach_low:
                    reach_low |= self._extreme(cell, small, reach_low, _LOW)
                if cell in reach_low and cell not in reach_high:
                    reach_high |= self._extreme(cell, small, reach_high, _HIGH)
                if cell in reach_low and cell in reach_high:
                    break
                if not self._withhold_near(cell):
                    break  # nothing is left shown: every entry is "<5", "[c]" or 0

    def _value(self, cell) -> int:
        t, key = cell
        return self.grids[t].value[key]

    def _shown(self, t: int, key) -> bool:
        g = self.grids[t]
        return g.state[key] == _SHOWN and g.value[key] > 0

    def _withhold_near(self, cell) -> bool:
        """Withhold, in this order: the smallest shown cell of its column (and, in a table
        with totals, of its row) in its own table; its row total; its column's shared total,
        then the grand total; a cell of its column in another table, then the smallest cell
        or row total another shows; and last, another "<5" of its column, as "[c]" (which
        says less than "<5"). Never a zero."""
        t, (i, j) = cell
        g = self.grids[t]
        own = [(r, j) for r in range(g.n_rows)]
        if not self._is_cover(t):
            own += [(i, c) for c in range(g.n_cols)] + [(i, g.n_cols)]
        shown = [key for key in own if key != (i, j) and self._shown(t, key)]
        cells = [key for key in shown if key[1] < g.n_cols]
        if cells or shown:
            key = min(cells or shown, key=lambda k: (g.value[k], k))
            g.state[key] = _HIDDEN
            return True
        first = self.grids[0]
        for c in (j, self.n_cols):
            if self._shown(0, (first.n_rows, c)):
                first.state[first.n_rows, c] = _HIDDEN
                self._unify()
                return True
        for in_column in (True, False):
            others = [
                (other.value[key], u, key)
                for u, other in enumerate(self.grids)
                if u != t
                for key in other.value
                if self._shown(u, key)
                and key[0] < other.n_rows
                and (key[1] < other.n_cols or not self._is_cover(u))
                and (key[1] == j or not in_column)
            ]
            if others:
                _, u, key = min(others)
                self.grids[u].state[key] = _HIDDEN
                return True
        smalls = [
            (u, (r, j))
            for u, other in enumerate(self.grids)
            for r in range(other.n_rows)
            if (u, (r, j)) != cell and other.state[r, j] == _SMALL
        ] + [
            (u, (r, other.n_cols))
            for u, other in enumerate(self.grids)
            if not self._is_cover(u)
            for r in range(other.n_rows)
            if other.state[r, other.n_cols] == _SMALL
        ]
        if smalls:
            u, key = smalls[0]
            self.grids[u].state[key] = _HIDDEN
            return True
        return False

    def _extreme(self, cell, small, reached, bound: int) -> set:
        """As ``_Grid._extreme``, over every table at once: the shared column totals and the
        grand total are one unknown (or one shown number) for all of them, and each cover's
        column is at least its shared total."""
        index: dict = {}

        def var(t: int, key: tuple[int, int]):
            g = self.grids[t]
            shared = not self._is_cover(t) and key[0] == g.n_rows
            name = ("shared", key[1]) if shared else (t, key)
            if g.state[key] == _SHOWN:
                return None
            return index.setdefault(name, len(index))

        equalities = []  # lines of (t, key, sign) that balance to zero
        for t, g in enumerate(self.grids[: self.partitions]):
            for r in range(g.n_rows + 1):
                if r == g.n_rows and t > 0:
                    continue  # the shared totals' own line, once
                equalities.append(
                    [(t, (r, c), -1 if c == g.n_cols else 1) for c in range(g.n_cols + 1)]
                )
            for c in range(g.n_cols + 1):
                equalities.append(
                    [(t, (r, c), -1 if r == g.n_rows else 1) for r in range(g.n_rows + 1)]
                )
        for line in equalities:
            for t, key, _ in line:
                var(t, key)
        covers = []  # (t, column): the cover's cells in it sum to at least the shared total
        for t in range(self.partitions, len(self.grids)):
            g = self.grids[t]
            for c in range(g.n_cols):
                for r in range(g.n_rows):
                    var(t, (r, c))
                covers.append((t, c))

        def row_of(entries):
            row, constant = np.zeros(len(index)), 0
            for t, key, sign in entries:
                n = var(t, key)
                if n is None:
                    constant += sign * self.grids[t].value[key]
                else:
                    row[n] += sign
            return row, constant

        a_eq, b_eq, a_ub, b_ub = [], [], [], []
        for line in equalities:
            row, constant = row_of(line)
            if row.any():
                a_eq.append(row)
                b_eq.append(-constant)
        first = self.grids[0]
        for t, c in covers:
            g = self.grids[t]
            # shared total - sum of the cover's column <= 0
            entries = [(0, (first.n_rows, c), 1)] + [(t, (r, c), -1) for r in range(g.n_rows)]
            row, constant = row_of(entries)
            if row.any():
                a_ub.append(row)
                b_ub.append(-constant)
        bounds = [(0, None)] * len(index)
        for name, n in index.items():
            t, key = (0, (first.n_rows, name[1])) if name[0] == "shared" else name
            if self.grids[t].state[key] == _SMALL:
                bounds[n] = (_LOW, _HIGH)
        direction = 1 if bound == _LOW else -1
        others = [
            c
            for c in small
            if c != cell and c not in reached and self.grids[c[0]].state[c[1]] == _SMALL
        ]
        objective = np.zeros(len(index))
        for t, key in others:
            objective[var(t, key)] += direction / (_HIGH * len(others) + 1)
        objective[var(*cell)] = direction
        result = linprog(
            objective,
            A_eq=np.array(a_eq) if a_eq else None,
            b_eq=np.array(b_eq) if b_eq else None,
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.array(b_ub) if b_ub else None,
            bounds=bounds,
            method="highs",
        )
        if result.status != 0:  # the true tables are always a solution
            raise RuntimeError(f"linked suppression LP failed: {result.message}")
        return {c for c in [cell, *others] if abs(result.x[var(*c)] - bound) < 1e-6}
