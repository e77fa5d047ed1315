"""Synthetic lists for training the default model: made-up children, and noisy copies of them.

Names, streets, postcodes and schools come from ``data/synthetic_people.json`` beside this
file, which the linkage package owns (the demo city's name lists are its own business: a
change there never changes the bundled model). The noise is what lists of children held by
different agencies show: nicknames, typing slips, a date of birth with day and month
transposed or estimated, a house move, empty cells.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import json
import random
import string
from dataclasses import dataclass
from pathlib import Path

from mace.linkage.compare import nicknames_of
from mace.linkage.records import PersonRecord

DATA_PATH = Path(__file__).with_name("data") / "synthetic_people.json"
_ABBREVIATIONS = {"Road": "Rd", "Street": "St", "Avenue": "Ave", "Lane": "Ln", "Close": "Cl"}
_POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Given names follow fashion: a few are very common. Family names have a long tail that a
# short list cannot hold, so their weights are flatter (Smith is about 1 in 80 in England,
# not 1 in 15); otherwise agreeing on a family name would say too little.
GIVEN_FLATTEN = 4
FAMILY_FLATTEN = 25


class _Weighted:
    """A weighted choice with cumulative weights computed once."""

    def __init__(self, pairs):
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random):
        index = bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])
        return self.items[min(index, len(self.items) - 1)]


def _ranked(names: list[str], *, flatten: int) -> _Weighted:
    """Names listed most common first: weights roughly Zipf, flattened at the top."""
    return _Weighted([(name, 1.0 / (rank + flatten)) for rank, name in enumerate(names)])


def _gendered(name: str, *, female: bool) -> str:
    """'Kowalski|Kowalska' -> the form for this sex; other names unchanged."""
    if "|" not in name:
        return name
    male_form, female_form = name.split("|")
    return female_form if female else male_form


@dataclass(frozen=True)
class _Pool:
    male: _Weighted
    female: _Weighted
    family: _Weighted


@dataclass(frozen=True)
class _Data:
    backgrounds: _Weighted  # of pool keys
    pools: dict[str, _Pool]
    streets: tuple[tuple[str, str, str], ...]  # (street, town, postcode)
    schools: tuple[str, ...]


@functools.cache
def _data() -> _Data:
    raw = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    backgrounds = raw["backgrounds"]
    pools = {
        key: _Pool(
            male=_ranked(spec["male"], flatten=GIVEN_FLATTEN),
            female=_ranked(spec["female"], flatten=GIVEN_FLATTEN),
            family=_ranked(spec["family"], flatten=FAMILY_FLATTEN),
        )
        for key, spec in backgrounds.items()
    }
    return _Data(
        backgrounds=_Weighted(sorted((key, spec["weight"]) for key, spec in backgrounds.items())),
        pools=pools,
        streets=_streets(raw["streets"]),
        schools=tuple(raw["schools"]),
    )


def _streets(spec: dict) -> tuple[tuple[str, str, str], ...]:
    """A few dozen streets in each postcode district, each with a postcode: seeded, so the
    same for every run."""
    rng = random.Random("mace-linkage-streets")
    suffixes = _Weighted(spec["suffixes"])
    streets = []
    for district, town in spec["districts"].items():
        names: list[str] = []
        while len(names) < spec["per_district"]:
            name = f"{rng.choice(spec['stems'])} {suffixes.pick(rng)}"
            if name not in names:
                names.append(name)
        for name in names:
            unit = "".join(rng.choice(_POSTCODE_UNIT_LETTERS) for _ in range(2))
            streets.append((name, town, f"{district} {rng.randint(1, 9)}{unit}"))
    return tuple(streets)


def _typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard: a letter dropped, doubled, changed or swapped."""
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]


def _nickname(rng: random.Random, name: str) -> str:
    options = sorted(nicknames_of(name.lower()))
    return rng.choice(options).title() if options else name


def synthetic_people(*, count: int, seed: int) -> list[PersonRecord]:
    """``count`` made-up children of 9 to 17, with names, birth dates and addresses."""
    rng = random.Random(f"mace-matching-people-{seed}")
    data = _data()
    people = []
    for n in range(count):
        pool = data.pools[data.backgrounds.pick(rng)]
        female = rng.random() < 0.5
        given = (pool.female if female else pool.male).pick(rng)
        family = _gendered(pool.family.pick(rng), female=female)
        if rng.random() < 0.04:
            other = _gendered(data.pools["white_british"].family.pick(rng), female=female)
            family = f"{family}-{other}"
        dob = dt.date(2008, 9, 1) + dt.timedelta(days=rng.randrange(9 * 365))
        street, town, postcode = rng.choice(data.streets)
        aliases = (_nickname(rng, given),) if rng.random() < 0.2 else ()
        people.append(
            PersonRecord(
                id=f"p{seed}-{n}",
                given_name=given,
                family_name=family,
                date_of_birth=dob,
                sex="female" if female else "male",
                postcode=postcode,
                address=f"{rng.randint(1, 120)} {street}, {town}",
                aliases=tuple(a for a in aliases if a != given),
                school=rng.choice(data.schools),
            )
        )
    return people


def _noisy_dob(rng: random.Random, dob: dt.date) -> dt.date | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.12 and dob.day <= 12 and dob.day != dob.month:
        return dob.replace(day=dob.month, month=dob.day)
    if roll < 0.16:
        year = dob.year + rng.choice((-1, 1))
        return dob.replace(year=year) if (dob.month, dob.day) != (2, 29) else dt.date(year, 3, 1)
    if roll < 0.19:
        day = rng.randint(1, 28)
        return dob.replace(day=day) if day != dob.day else dob.replace(day=(day % 28) + 1)
    if roll < 0.21:
        return dob.replace(month=1, day=1)
    return dob


def noisy_copy(*, person: PersonRecord, rng: random.Random, new_id: str) -> PersonRecord:
    """The same child as another agency's list might record them."""
    given = person.given_name
    roll = rng.random()
    if roll < 0.10:
        given = _nickname(rng, given)
    elif roll < 0.18:
        given = _typo(rng, given)
    elif roll < 0.20:
        given = ""
    family = person.family_name
    roll = rng.random()
    if roll < 0.08:
        family = _typo(rng, family)
    elif roll < 0.11 and "-" in family:
        family = rng.choice(family.split("-"))
    elif roll < 0.13:
        family = ""
    elif roll < 0.15:
        family = _typo(rng, _typo(rng, family))
    if given and family and rng.random() < 0.02:
        given, family = family, given
    postcode, address = person.postcode, person.address
    roll = rng.random()
    if roll < 0.20:
        street, town, postcode = rng.choice(_data().streets)
        address = f"{rng.randint(1, 120)} {street}, {town}"
    elif roll < 0.23:
        postcode = postcode[:-1] + rng.choice(_POSTCODE_UNIT_LETTERS)
    elif roll < 0.35:
        postcode = address = ""
    if address and rng.random() < 0.3:
        for long, short in _ABBREVIATIONS.items():
            address = address.replace(long, short)
    if address and rng.random() < 0.2:
        address = address.rsplit(",", 1)[0]
    if postcode and rng.random() < 0.2:
        postcode = postcode.replace(" ", "").lower()
    return dataclasses.replace(
        person,
        id=new_id,
        given_name=given,
        family_name=family,
        date_of_birth=_noisy_dob(rng, person.date_of_birth),
        sex="" if rng.random() < 0.4 else person.sex,
        postcode=postcode,
        address=address,
        aliases=(),
        school=(
            ""
            if rng.random() < 0.5
            else (rng.choice(_data().schools) if rng.random() < 0.1 else person.school)
        ),
    )


def synthetic_lists(
    *, count_a: int, matched: int, extra_b: int, seed: int
) -> tuple[list[PersonRecord], list[PersonRecord], set[tuple[str, str]]]:
    """List A, list B (noisy copies of ``matched`` of A's children and ``extra_b`` others),
    and the true links between them."""
    people = synthetic_people(count=count_a + extra_b, seed=seed)
    a, others = people[:count_a], people[count_a:]
    rng = random.Random(f"mace-matching-noise-{seed}")
    chosen = rng.sample(range(count_a), matched)
    b = [noisy_copy(person=a[i], rng=rng, new_id=f"b{seed}-{n}") for n, i in enumerate(chosen)]
    b.extend(dataclasses.replace(p, id=f"b{seed}-x{n}") for n, p in enumerate(others))
    rng.shuffle(b)
    truth = {(a[i].id, f"b{seed}-{n}") for n, i in enumerate(chosen)}
    return a, b, truth
