"""The demo city's fixed geography and partners: wards, streets, schools and agencies.

These are the same for every seed (their generator has a fixed seed of its own), so seeding
twice with different seeds adds children to one city rather than building a second.
"""

from __future__ import annotations

import functools
import random
import uuid
from dataclasses import dataclass

from django.db import transaction

from mace.accounts.models import Agency
from mace.demo import data
from mace.demo.sampling import Weighted
from mace.people.models import School, Ward

# Agencies get UUIDs derived from their names, so every demo database agrees on them.
AGENCY_NAMESPACE = uuid.UUID("6f1c1d3e-2b1a-4c5e-9d83-7a0e5d1c2b40")


@dataclass(frozen=True)
class Street:
    """A street of the demo city, with the one postcode its houses share."""

    name: str
    ward_code: str
    postcode: str
    town: str
    locality: str


@dataclass(frozen=True)
class SchoolSpec:
    """A fictional school, before it is saved."""

    urn: str
    name: str
    phase: str
    postcode: str
    ward_code: str


def _postcode(rng: random.Random, district: str) -> str:
    letters = data.POSTCODE_UNIT_LETTERS
    return f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


@functools.cache
def city_streets() -> dict[str, tuple[Street, ...]]:
    """The streets of each ward (by ward code); the same for every seed."""
    rng = random.Random("mace-demo-city-streets")
    suffixes = Weighted(data.STREET_SUFFIXES)
    streets: dict[str, tuple[Street, ...]] = {}
    for ward in data.WARDS:
        names: list[str] = []
        while len(names) < data.STREETS_PER_WARD:
            name = f"{rng.choice(data.STREET_STEMS)} {suffixes.pick(rng)}"
            if name not in names:
                names.append(name)
        ward_streets = []
        for name in names:
            district = rng.choice(ward.districts)
            ward_streets.append(
                Street(
                    name=name,
                    ward_code=ward.code,
                    postcode=_postcode(rng, district),
                    town=data.DISTRICT_TOWNS.get(district, data.CITY),
                    locality=rng.choice(ward.localities),
                )
            )
        streets[ward.code] = tuple(ward_streets)
    return streets


@functools.cache
def school_specs() -> tuple[SchoolSpec, ...]:
    """The city's fictional schools; the same for every seed."""
    rng = random.Random("mace-demo-city-schools")
    places = [
        prefix + suffix
        for prefix in data.SCHOOL_PLACE_PREFIXES
        for suffix in data.SCHOOL_PLACE_SUFFIXES
    ]
    rng.shuffle(places)
    saints = list(data.SCHOOL_SAINTS)
    rng.shuffle(saints)
    wards = Weighted((ward, ward.weight**0.5) for ward in data.WARDS)
    specs = []
    urn = data.SCHOOL_URN_BASE
    for phase, count, patterns in data.SCHOOL_PLAN:
        for index in range(count):
            pattern = patterns[index % len(patterns)]
            if "{saint}" in pattern:
                name = pattern.format(saint=saints.pop())
            else:
                name = pattern.format(place=places.pop())
            ward = wards.pick(rng)
            urn += rng.randint(3, 97)
            specs.append(
                SchoolSpec(
                    urn=str(urn),
                    name=name,
                    phase=phase,
                    postcode=_postcode(rng, rng.choice(ward.districts)),
                    ward_code=ward.code,
                )
            )
    return tuple(specs)


def agencies_ensure() -> dict[str, Agency]:
    """One agency per Agency.Kind, created if missing; existing agencies are left alone."""
    agencies = {}
    for kind, name in data.AGENCIES:
        agency, _ = Agency.objects.get_or_create(
            name=name, defaults={"kind": kind, "id": uuid.uuid5(AGENCY_NAMESPACE, name)}
        )
        agencies[kind] = agency
    return agencies


def reference_data_ensure() -> dict[str, int]:
    """Create the wards, schools and agencies that are missing, by natural key."""
    created = {"wards": 0, "schools": 0, "agencies": 0}
    with transaction.atomic():
        wards = {}
        for spec in data.WARDS:
            ward = (
                Ward.objects.filter(code=spec.code).first()
                or Ward.objects.filter(name=spec.name).first()
            )
            if ward is None:
                ward = Ward.objects.create(code=spec.code, name=spec.name)
                created["wards"] += 1
            wards[spec.code] = ward
        for spec in school_specs():
            _, new = School.objects.get_or_create(
                urn=spec.urn,
                defaults={
                    "name": spec.name,
                    "phase": spec.phase,
                    "postcode": spec.postcode,
                    "ward": wards[spec.ward_code],
                },
            )
            created["schools"] += new
        agencies_before = Agency.objects.count()
        agencies_ensure()
        created["agencies"] = Agency.objects.count() - agencies_before
    return created
