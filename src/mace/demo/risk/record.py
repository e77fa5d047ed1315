"""One child's record as rows, and the phrase banks as they read for the child."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from mace.demo import risk_data as rd
from mace.demo.risk.common import TABLES
from mace.demo.rows import Row

# One child's record --------------------------------------------------------------------


class Texts:
    """The phrase banks as they read for one kind of child (``risk_data.render``)."""

    def __init__(self, *, female: bool, looked_after: bool, domains: Sequence[str]):
        for name, bank in rd.TEXT_BANKS.items():
            setattr(self, name, rd.render(bank, female=female, looked_after=looked_after))
        # The catalogue's domains that have protective factors to choose from.
        self.protective_domains = [d for d in domains if self.protective_factors.get(d)]


@dataclass
class _Assessed:
    """A completed assessment as the rest of the record needs it."""

    day: dt.date
    rank: int  # the agreed (final) level's rank
    row: Row


@dataclass
class Record:
    """The rows of one child's record, by table."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, table: str, row: Row) -> Row:
        self.rows[table].append(row)
        return row
