"""Shared fixtures of the linkage tests: a hand-made model and a small noisy synthetic set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import numpy as np
import pytest

from mace.linkage.model import FIELD_INDEX, MAX_LEVELS, N_FIELDS, MatchModel
from mace.linkage.records import PersonRecord


@pytest.fixture
def hand_model() -> MatchModel:
    """A model where only given name and date of birth carry weight."""
    m = np.ones((N_FIELDS, MAX_LEVELS))
    u = np.ones((N_FIELDS, MAX_LEVELS))
    g, d = FIELD_INDEX["given_name"], FIELD_INDEX["date_of_birth"]
    m[g, 1:9] = [0.8, 0.05, 0.05, 0.02, 0.01, 0.02, 0.02, 0.03]
    u[g, 1:9] = [0.01, 0.002, 0.003, 0.001, 0.001, 0.003, 0.01, 0.97]
    m[d, 1:6] = [0.9, 0.04, 0.03, 0.01, 0.02]
    u[d, 1:6] = [0.001, 0.0005, 0.02, 0.02, 0.9585]
    return MatchModel(m=m, u=u, match_rate=0.5)


# --- A small noisy synthetic set, written independently of linkage.synthetic ----------


def _words(text: str) -> list[str]:
    return text.split()


GIVEN = _words(
    "William James Oliver Harry Thomas Joseph Daniel Samuel Charlie George Jack Michael "
    "Matthew Benjamin Alexander Robert Edward Christopher Anthony Richard Mohammed Ibrahim "
    "Amir Kacper Jakub Olivia Amelia Isla Emily Sophie Charlotte Elizabeth Katherine Jessica "
    "Rebecca Victoria Margaret Abigail Hannah Rosie Poppy Zara Aisha Maryam Oliwia Zuzanna "
    "Chloe Ella Grace Lily Megan Ruby Holly Jade Leah Keira Courtney Shannon Tia Demi"
)
FAMILY = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Hussain Ahmed Ali Begum "
    "Kowalski Nowak Wisniewski Murphy Kelly Doyle Campbell Stewart Anderson Scott Morrison "
    "Reid Henderson Ross Marshall Harrison Lee Young Allen King Baker Harris Lewis Martin "
    "Cooper Ward Morris Turner Hill Moore Clark Mitchell Phillips Hughes Edwards Barker "
    "Fletcher Sutcliffe Ackroyd Holroyd Haigh Oldroyd Greenwood Brook Crowther Firth Mellor"
)
SHORT = {
    "William": "Bill",
    "James": "Jim",
    "Thomas": "Tom",
    "Robert": "Bob",
    "Daniel": "Dan",
    "Samuel": "Sam",
    "Katherine": "Kate",
    "Elizabeth": "Beth",
    "Margaret": "Maggie",
    "Rebecca": "Becky",
    "Victoria": "Vicky",
    "Abigail": "Abby",
    "Christopher": "Chris",
    "Michael": "Mike",
    "Richard": "Dick",
    "Edward": "Ted",
    "Alexander": "Alex",
}


def _typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(1, len(text) - 1)
    return (
        text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if rng.random() < 0.5
        else (text[:i] + text[i + 1 :])
    )


@pytest.fixture
def accuracy_set() -> tuple[list[PersonRecord], list[PersonRecord], set[tuple[str, str]]]:
    """200 children in A; B holds noisy copies of 150 of them and 50 others."""
    rng = random.Random(20260401)
    people = []
    for n in range(250):
        people.append(
            PersonRecord(
                id=f"a{n}",
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                date_of_birth=dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(3300)),
                postcode=f"LS{rng.randint(1, 29)} {rng.randint(1, 9)}{rng.choice('ABDEHJLNPQ')}"
                f"{rng.choice('RSTUWXYZ')}",
            )
        )
    a, others = people[:200], people[200:]
    b, truth = [], set()
    for n, person in enumerate(a[:150]):
        copy = dataclasses.replace(person, id=f"b{n}")
        roll = rng.random()
        if roll < 0.15:
            copy = dataclasses.replace(copy, given_name=SHORT.get(copy.given_name, copy.given_name))
        elif roll < 0.3:
            copy = dataclasses.replace(copy, family_name=_typo(rng, copy.family_name))
        dob = copy.date_of_birth
        roll = rng.random()
        if roll < 0.1 and dob.day <= 12:
            copy = dataclasses.replace(
                copy, date_of_birth=dob.replace(day=dob.month, month=dob.day)
            )
        elif roll < 0.15:
            copy = dataclasses.replace(copy, date_of_birth=None)
        roll = rng.random()
        if roll < 0.2:
            copy = dataclasses.replace(copy, postcode="")
        elif roll < 0.3:
            copy = dataclasses.replace(copy, postcode=others[n % 50].postcode)
        b.append(copy)
        truth.add((person.id, copy.id))
    b += [dataclasses.replace(p, id=f"x{n}") for n, p in enumerate(others)]
    random.Random(3).shuffle(b)
    return a, b, truth
