"""Household-rich synthetic lists: the families where a wrong match does most harm.

Brothers and sisters share a family name, an address and a postcode; twins share a date of
birth as well, and are sometimes given names a letter apart (Amelia and Amelie, Jayden and
Jaden); a father may have passed his own given name to a son, born a generation earlier.
A linkage that leans on family name and address links a child to their sibling or parent.

``household_lists`` makes two such lists with the truth: list A as children's social care
holds the children of the households it knows, list B as the police hold them (children
and the adults of their households, recorded by another hand: nicknames, typing slips, a
date of birth with day and month transposed, missing or estimated, a household that has
moved, a double-barrelled family name written in part). Everyone is invented, from the
names and streets in ``data/synthetic_people.json``; seeded, so the same for every run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field

from mace.linkage.records import PersonRecord
from mace.linkage.synthetic import (
    _ABBREVIATIONS,
    _POSTCODE_UNIT_LETTERS,
    _data,
    _gendered,
    _nickname,
    _typo,
)

# Children are 0 to 17 on this day.
REFERENCE_DATE = dt.date(2026, 9, 1)
# Twins: about 1 birth in 65 in England and Wales; three times that here, so that a set of
# a few thousand children holds a few hundred twins.
TWIN_BIRTHS = 0.045
# Twins given names a letter or a sound apart: about a third of the twins here.
SIMILAR_TWIN_NAMES = 0.35
TWIN_NAME_PAIRS: tuple[tuple[str, str, str, str], ...] = (
    # (name, sex, name, sex)
    ("Amelia", "female", "Amelie", "female"),
    ("Jayden", "male", "Jaden", "male"),
    ("Ella", "female", "Ellie", "female"),
    ("Eva", "female", "Ava", "female"),
    ("Mia", "female", "Maya", "female"),
    ("Leo", "male", "Leon", "male"),
    ("Harry", "male", "Harvey", "male"),
    ("Riley", "male", "Rylee", "female"),
    ("Tyler", "male", "Tyla", "female"),
    ("Jack", "male", "Jake", "male"),
    ("Hassan", "male", "Hussain", "male"),
    ("Amir", "male", "Amira", "female"),
    ("Daniel", "male", "Danielle", "female"),
    ("Louis", "male", "Louise", "female"),
    ("Aisha", "female", "Alisha", "female"),
    ("Macie", "female", "Maisie", "female"),
    ("Kai", "male", "Kian", "male"),
    ("Isaac", "male", "Isaiah", "male"),
    ("Mason", "male", "Jason", "male"),
    ("Oliver", "male", "Olivia", "female"),
    ("Lacey", "female", "Lucy", "female"),
    ("Ryan", "male", "Rhianna", "female"),
)


# Parents were born a generation before their children: in the largest background the
# fashionable names were not the children's.
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ADULT_NAMES = {
    "male": _words(
        "Lee Craig Darren Wayne Mark Paul Jason Dean Gary Stephen Richard Carl Scott Martin "
        "Andrew David Michael Christopher Matthew Daniel James John Robert Anthony Ian"
    ),
    "female": _words(
        "Kelly Michelle Joanne Lisa Donna Stacey Nicola Sarah Emma Claire Gemma Leanne Amy "
        "Rachel Laura Samantha Hayley Natalie Victoria Rebecca Louise Kirsty Zoe Jodie Dawn"
    ),
}
# How many children a household has: one to six.
CHILDREN_WEIGHTS = ((1, 30), (2, 35), (3, 20), (4, 9), (5, 4), (6, 2))


@dataclass(frozen=True, slots=True)
class Person:
    """Someone in a household as they really are, before any list records them."""

    id: str
    household: str
    role: str  # "child" or "parent"
    given_name: str
    family_name: str
    date_of_birth: dt.date
    sex: str
    twin: str = ""  # the other twin's person id
    named_after: str = ""  # the older relative whose given name this child was given


@dataclass
class HouseholdLists:
    """Two lists, the true links between them, and who each record really is."""

    a: list[PersonRecord]
    b: list[PersonRecord]
    truth: set[tuple[str, str]]
    people: dict[str, Person]  # person id -> person
    person_of: dict[str, str] = field(default_factory=dict)  # record id -> person id

    def person(self, record_id: str) -> Person:
        """The person a record describes."""
        return self.people[self.person_of[record_id]]


def _weighted(rng: random.Random, pairs):
    total = sum(weight for _, weight in pairs)
    roll = rng.random() * total
    for item, weight in pairs:
        roll -= weight
        if roll < 0:
            return item
    return pairs[-1][0]


def _days(years: float) -> int:
    return round(years * 365.25)


def _place(rng: random.Random) -> tuple[str, str]:
    street, town, postcode = rng.choice(_data().streets)
    return postcode, f"{rng.randint(1, 160)} {street}, {town}"


def _family_form(stems: tuple[str, ...], sex: str) -> str:
    """A family name for this sex ('Kowalski|Kowalska' -> 'Kowalska' for a woman); two stems
    make a double-barrelled name."""
    return "-".join(_gendered(stem, female=sex == "female") for stem in stems)


def _household(rng: random.Random, key: str) -> list[Person]:
    """One household: a mother, often a father, and children born a few years apart."""
    data = _data()
    background = data.backgrounds.pick(rng)
    pool = data.pools[background]
    people: list[Person] = []

    def given(sex: str, *, adult: bool) -> str:
        """A given name nobody in the household has yet: parents do not give two of their
        children one name by chance (they may on purpose: see the namesakes below)."""
        taken = {p.given_name for p in people}
        for _ in range(50):
            if adult and background == "white_british":
                name = rng.choice(ADULT_NAMES[sex])
            else:
                name = (pool.female if sex == "female" else pool.male).pick(rng)
            if name not in taken:
                break
        return name

    father_stem = pool.family.pick(rng)
    lone_mother = rng.random() < 0.3
    mother_stem = father_stem if rng.random() < 0.75 else pool.family.pick(rng)
    if lone_mother:
        children_stems: tuple[str, ...] = (mother_stem,)
    elif mother_stem != father_stem and rng.random() < 0.3:
        children_stems = (father_stem, mother_stem)
    else:
        children_stems = (father_stem,)

    def add(role: str, sex: str, stems: tuple[str, ...], dob: dt.date, name: str = "") -> Person:
        person = Person(
            id=f"{key}-{len(people)}",
            household=key,
            role=role,
            given_name=name or given(sex, adult=role == "parent"),
            family_name=_family_form(stems, sex),
            date_of_birth=dob,
            sex=sex,
        )
        people.append(person)
        return person

    oldest = REFERENCE_DATE - dt.timedelta(days=rng.randrange(30, _days(17.9)))
    mother_dob = oldest - dt.timedelta(days=rng.randrange(_days(18), _days(40)))
    add("parent", "female", (mother_stem,), mother_dob)
    if not lone_mother:
        father_dob = mother_dob - dt.timedelta(days=rng.randrange(-_days(3), _days(9)))
        add("parent", "male", (father_stem,), father_dob)
    wanted = _weighted(rng, CHILDREN_WEIGHTS)
    born, children = oldest, 0
    while children < wanted and born <= REFERENCE_DATE - dt.timedelta(days=14):
        if rng.random() < TWIN_BIRTHS:
            if rng.random() < SIMILAR_TWIN_NAMES:
                name_1, sex_1, name_2, sex_2 = rng.choice(TWIN_NAME_PAIRS)
            else:
                sex_1, sex_2 = rng.choice(("female", "male")), rng.choice(("female", "male"))
                name_1 = given(sex_1, adult=False)
                name_2 = name_1
                while name_2 == name_1:
                    name_2 = given(sex_2, adult=False)
            first = add("child", sex_1, children_stems, born, name_1)
            second = add("child", sex_2, children_stems, born, name_2)
            people[-2] = dataclasses.replace(first, twin=second.id)
            people[-1] = dataclasses.replace(second, twin=first.id)
            children += 2
        else:
            add("child", rng.choice(("female", "male")), children_stems, born)
            children += 1
        born += dt.timedelta(days=rng.randrange(300, _days(6)))
    # Named after a parent (a son after his father: "Junior"), or after an older brother or
    # sister (a half-sibling, or a name given to every son).
    for n, child in enumerate(people):
        if child.role != "child" or child.twin:
            continue
        elders = [
            p
            for p in people[:n]
            if p.sex == child.sex and not p.named_after and p.given_name != child.given_name
        ]
        parents = [p for p in elders if p.role == "parent"]
        siblings = [p for p in elders if p.role == "child"]
        roll = rng.random()
        chance = 0.08 if child.sex == "male" else 0.02
        if parents and roll < chance and not any(p.named_after == parents[0].id for p in people):
            chosen = parents[0]
        elif siblings and roll > 0.97:
            chosen = siblings[0]
        else:
            continue
        people[n] = dataclasses.replace(child, given_name=chosen.given_name, named_after=chosen.id)
    return people


# --- Recording: another hand, another day ---------------------------------------------


def _noisy_dob(rng: random.Random, dob: dt.date, rate: float) -> dt.date | None:
    roll = rng.random() / rate
    if roll < 0.04:
        return None
    if roll < 0.07 and dob.day <= 12 and dob.day != dob.month:
        return dob.replace(day=dob.month, month=dob.day)
    if roll < 0.08:
        year = dob.year + rng.choice((-1, 1))
        return dob.replace(year=year) if (dob.month, dob.day) != (2, 29) else dt.date(year, 3, 1)
    if roll < 0.09:
        day = rng.randint(1, 28)
        return dob.replace(day=day if day != dob.day else (day % 28) + 1)
    if roll < 0.095:
        return dob.replace(month=1, day=1)  # estimated
    return dob


def _slip(rng: random.Random, name: str) -> str:
    """A typing slip in a name, written with capitals as names are."""
    return _typo(rng, name.lower()).title()


def _double_barrel_variant(rng: random.Random, family: str) -> str:
    parts = family.split("-")
    return rng.choice((parts[0], parts[-1], " ".join(parts), "".join(parts)))


def record_of(
    person: Person,
    *,
    rng: random.Random,
    record_id: str,
    rate: float,
    place: tuple[str, str],
) -> PersonRecord:
    """A person as one agency's list records them; ``rate`` scales how sloppily."""
    given = person.given_name
    roll = rng.random() / rate
    if roll < 0.10:
        given = _nickname(rng, given)
    elif roll < 0.15:
        given = _slip(rng, given)
    elif roll < 0.16:
        given = ""
    family = person.family_name
    roll = rng.random() / rate
    if "-" in family and roll < 0.5:
        family = _double_barrel_variant(rng, family)
    elif roll < 0.04:
        family = _slip(rng, family)
    elif roll < 0.05:
        family = ""
    postcode, address = place
    roll = rng.random() / rate
    if roll < 0.02:
        postcode = postcode[:-1] + rng.choice(_POSTCODE_UNIT_LETTERS)
    elif roll < 0.07:
        postcode = ""
    elif roll < 0.12:
        address = ""
    if address and rng.random() < 0.3 * rate:
        for long, short in _ABBREVIATIONS.items():
            address = address.replace(long, short)
    if address and rng.random() < 0.2 * rate:
        address = address.rsplit(",", 1)[0]
    if postcode and rng.random() < 0.2 * rate:
        postcode = postcode.replace(" ", "").lower()
    return PersonRecord(
        id=record_id,
        given_name=given,
        family_name=family,
        date_of_birth=_noisy_dob(rng, person.date_of_birth, rate),
        sex="" if rng.random() < 0.3 * rate else person.sex,
        postcode=postcode,
        address=address,
    )


def household_lists(*, children: int, seed: int) -> HouseholdLists:
    """Households until there are ``children`` children, recorded in two lists.

    List A (children's social care) knows most households (85 %) and holds most of their
    children (92 %), each recorded with a third of list B's slips. List B (the police)
    holds 70 % of the children of every household, known to A or not, and 45 % of the
    adults, at the household's new address where it has moved (15 %), and a child in
    care (5 %) at a placement of their own. The truth links each child's two records.
    """
    rng = random.Random(f"mace-linkage-households-{seed}")
    people: dict[str, Person] = {}
    in_a: list[Person] = []
    in_b: list[tuple[Person, tuple[str, str]]] = []
    homes: dict[str, tuple[str, str]] = {}
    made = 0
    households = 0
    while made < children:
        key = f"h{seed}-{households}"
        households += 1
        members = _household(rng, key)
        people.update((p.id, p) for p in members)
        made += sum(p.role == "child" for p in members)
        home = homes[key] = _place(rng)
        known_to_a = rng.random() < 0.85
        moved = rng.random() < 0.12
        b_home = _place(rng) if moved else home
        for person in members:
            if person.role == "child" and known_to_a and rng.random() < 0.92:
                in_a.append(person)
            if rng.random() < (0.70 if person.role == "child" else 0.45):
                placed = person.role == "child" and rng.random() < 0.04
                in_b.append((person, _place(rng) if placed else b_home))
    a_records, b_records, person_of = [], [], {}
    for n, person in enumerate(in_a):
        record = record_of(
            person, rng=rng, record_id=f"cs{seed}-{n}", rate=0.3, place=homes[person.household]
        )
        a_records.append(record)
        person_of[record.id] = person.id
    for n, (person, place) in enumerate(in_b):
        record = record_of(person, rng=rng, record_id=f"po{seed}-{n}", rate=1.0, place=place)
        b_records.append(record)
        person_of[record.id] = person.id
    rng.shuffle(a_records)
    rng.shuffle(b_records)
    b_of = {person_of[r.id]: r.id for r in b_records}
    truth = {(r.id, b_of[person_of[r.id]]) for r in a_records if person_of[r.id] in b_of}
    return HouseholdLists(a=a_records, b=b_records, truth=truth, people=people, person_of=person_of)
