"""Seeded sampling helpers shared by the demo city generator."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import uuid
from collections.abc import Iterable, Sequence

from mace.demo import data


class Weighted:
    """A weighted choice with cumulative weights computed once."""

    __slots__ = ("items", "cumulative", "total")

    def __init__(self, pairs: Iterable[tuple[object, float]]):
        pairs = [(item, weight) for item, weight in pairs if weight > 0]
        if not pairs:
            raise ValueError("A weighted choice needs at least one positive weight")
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


def ranked(names: Sequence[str]) -> list[tuple[str, float]]:
    """Weights for a list in order of popularity: roughly Zipf, flattened at the top."""
    return [(name, 1.0 / (rank + 4)) for rank, name in enumerate(names)]


def gendered(name: str, *, female: bool) -> str:
    """'Kowalski|Kowalska' -> the form for this gender; other names unchanged."""
    if "|" not in name:
        return name
    male_form, female_form = name.split("|")
    return female_form if female else male_form


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID drawn from the seeded generator, not from the OS."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def age_on(dob: dt.date, day: dt.date) -> int:
    """Completed years of age on a day."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def year_group_for(dob: dt.date) -> int:
    """England's national curriculum year in the school year that contains REFERENCE_DATE."""
    return age_on(dob, data.SCHOOL_YEAR_AGE_DATE) - 4
