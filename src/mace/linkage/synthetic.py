"""Synthetic lists for training the default model: made-up children, and noisy copies of them.

Names, streets and postcodes come from the demo city (``mace.demo``); the noise is what
lists of children held by different agencies show: nicknames, typing slips, a date of birth
with day and month transposed or estimated, a house move, empty cells.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import string

from mace.linkage.compare import nicknames_of
from mace.linkage.records import PersonRecord

_BACKGROUND_WEIGHTS = {
    "white_british": 62,
    "pakistani": 7,
    "polish": 3,
    "romanian": 2,
    "roma": 2,
    "irish": 1,
    "traveller": 1,
    "albanian": 1,
    "kurdish": 1,
    "arab": 2,
    "indian": 3,
    "bangladeshi": 1,
    "chinese": 1,
    "vietnamese": 1,
    "afghan": 1,
    "eritrean": 1,
    "somali": 2,
    "west_african": 4,
    "southern_african": 1,
    "caribbean": 3,
}
_ABBREVIATIONS = {"Road": "Rd", "Street": "St", "Avenue": "Ave", "Lane": "Ln", "Close": "Cl"}
_SCHOOLS = [f"{stem} Academy" for stem in ("Harehills", "Beeston", "Chapeltown", "Armley")] + [
    f"{stem} High School" for stem in ("Seacroft", "Headingley", "Middleton", "Bramley")
]


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


def _street_pool() -> list[tuple[str, str, str]]:
    from mace.demo.city import city_streets

    return [(s.name, s.town, s.postcode) for streets in city_streets().values() for s in streets]


def synthetic_people(*, count: int, seed: int) -> list[PersonRecord]:
    """``count`` made-up children of 9 to 17, with names, birth dates and addresses."""
    from mace.demo.names import name_pools
    from mace.demo.sampling import gendered

    rng = random.Random(f"mace-matching-people-{seed}")
    pools = name_pools()
    backgrounds = sorted(_BACKGROUND_WEIGHTS)
    weights = [_BACKGROUND_WEIGHTS[b] for b in backgrounds]
    streets = _street_pool()
    people = []
    for n in range(count):
        pool = pools[rng.choices(backgrounds, weights)[0]]
        female = rng.random() < 0.5
        given = (pool.female if female else pool.male).pick(rng)
        family = gendered(
            (pool.family_female if female else pool.family_male).pick(rng), female=female
        )
        if rng.random() < 0.04:
            other = gendered(pools["white_british"].family_male.pick(rng), female=female)
            family = f"{family}-{other}"
        dob = dt.date(2008, 9, 1) + dt.timedelta(days=rng.randrange(9 * 365))
        street, town, postcode = rng.choice(streets)
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
                school=rng.choice(_SCHOOLS),
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
        street, town, postcode = rng.choice(_street_pool())
        address = f"{rng.randint(1, 120)} {street}, {town}"
    elif roll < 0.23:
        postcode = postcode[:-1] + rng.choice("ABDEFGHJLNPQRSTUWXYZ")
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
            else (rng.choice(_SCHOOLS) if rng.random() < 0.1 else person.school)
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
