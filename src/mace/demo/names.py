"""Name pools: given and family names, first languages and nationalities by background."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from faker.providers.person.en_GB import Provider as EnGbPersonProvider

from mace.demo import data
from mace.demo.sampling import Weighted, gendered, ranked


@dataclass
class NamePool:
    """Names, languages and nationalities for one background, ready to sample."""

    male: Weighted
    female: Weighted
    family_male: Weighted
    family_female: Weighted
    languages: Weighted
    nationalities: Weighted
    languages_abroad: Weighted  # for children who arrived recently: not English
    nationalities_abroad: Weighted  # and not British
    languages_by_nationality: dict[str, tuple[Weighted, Weighted]]  # (any, not English)

    def language_and_nationality(self, rng: random.Random, *, abroad: bool) -> tuple[str, str]:
        """A first language and nationality that go together (Slovak Roma speak Slovak...)."""
        nationality = (self.nationalities_abroad if abroad else self.nationalities).pick(rng)
        by_nationality = self.languages_by_nationality.get(nationality)
        if by_nationality is not None:
            return by_nationality[abroad].pick(rng), nationality
        return (self.languages_abroad if abroad else self.languages).pick(rng), nationality


def _without(pairs, unwanted: str) -> Weighted:
    kept = [(item, weight) for item, weight in pairs if item != unwanted]
    return Weighted(kept or pairs)


def _pool(spec: dict, family: list[tuple[str, float]]) -> NamePool:
    return NamePool(
        male=Weighted(ranked(spec["male"])),
        female=Weighted(ranked(spec["female"])),
        family_male=Weighted((gendered(n, female=False), w) for n, w in family),
        family_female=Weighted((gendered(n, female=True), w) for n, w in family),
        languages=Weighted(spec["languages"]),
        nationalities=Weighted(spec["nationalities"]),
        languages_abroad=_without(spec["languages"], "English"),
        nationalities_abroad=_without(spec["nationalities"], "British"),
        languages_by_nationality={
            nationality: (Weighted(pairs), _without(pairs, "English"))
            for nationality, pairs in spec.get("languages_by_nationality", {}).items()
        },
    )


@functools.cache
def name_pools() -> dict[str, NamePool]:
    """Name pools by key; white British surnames come from Faker's en_GB frequency table."""
    faker_surnames = list(EnGbPersonProvider.last_names.items())
    faker_total = sum(weight for _, weight in faker_surnames)
    yorkshire = ranked(data.YORKSHIRE_SURNAMES)
    scale = 0.3 * faker_total / sum(weight for _, weight in yorkshire)
    british_family = faker_surnames + [(name, weight * scale) for name, weight in yorkshire]
    pools = {}
    for key, spec in data.NAME_POOLS.items():
        family = british_family if key == "white_british" else ranked(spec["family"])
        pools[key] = _pool(spec, family)
    return pools
