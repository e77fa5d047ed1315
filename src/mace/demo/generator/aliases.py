"""What else a child is called: nicknames, street names, other spellings."""

from __future__ import annotations

from mace.demo import data
from mace.demo.generator.common import AliasKind
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, new_uuid


class AliasRows:
    """A child's aliases (a part of ChildMaker)."""

    # Aliases -------------------------------------------------------------------------

    def _nickname(self, given: str, family: str, pool_key: str) -> str:
        options = list(data.NICKNAMES.get(given, ()))
        options.append(f"{given[0]}{family[0]}".upper())
        if (
            pool_key in ("white_british", "irish", "traveller", "caribbean")
            and family.isalpha()
            and len(family) <= 7
            and family[-1] not in "aeiouy"
        ):
            options.append(f"{family}y" if self.rng.random() < 0.5 else f"{family[:4]}o")
        return self.rng.choice(options)

    def _street_name(self, given: str, family: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            return rng.choice(data.STREET_NAMES)
        if r < 0.8:
            return f"{given[0].upper()}-{rng.choice(('Dog', 'Man', 'Money', 'Town', 'Trap'))}"
        short = rng.choice(data.NICKNAMES.get(given, (given,)))
        return f"{rng.choice(('Lil', 'Young', 'Big', 'Lil'))} {short}"

    def _aliases(
        self, *, child: Row, pool_key: str, given_pool, family_pool, female, older, care
    ) -> list[Row]:
        rng = self.rng
        r = rng.random()
        if r >= 0.30:
            return []
        count = 1 if r < 0.21 else (2 if r < 0.276 else 3)
        kinds = Weighted(
            (
                (AliasKind.NICKNAME, 40),
                (AliasKind.STREET_NAME, 30 if older else 5),
                (AliasKind.ALIAS, 20),
                (AliasKind.PREVIOUS_NAME, 30 if care else 12),
            )
        )
        given, family = child["given_name"], child["family_name"]
        names = [f"{given} {family}"]
        aliases = []
        for _ in range(count):
            kind = kinds.pick(rng)
            if kind == AliasKind.NICKNAME:
                name = self._nickname(given, family, pool_key)
            elif kind == AliasKind.STREET_NAME:
                name = self._street_name(given, family)
            elif kind == AliasKind.ALIAS:
                if given in data.SPELLING_VARIANTS:
                    name = f"{rng.choice(data.SPELLING_VARIANTS[given])} {family}"
                elif family in data.SPELLING_VARIANTS:
                    name = f"{given} {rng.choice(data.SPELLING_VARIANTS[family])}"
                elif rng.random() < 0.4:
                    name = f"{family} {given}"  # recorded the wrong way round
                else:  # known by a middle name
                    middle = (given_pool.female if female else given_pool.male).pick(rng)
                    name = f"{middle} {family}"
            else:
                other = (family_pool.family_female if female else family_pool.family_male).pick(rng)
                name = f"{given} {other}"
            if name in names:
                continue
            names.append(name)
            aliases.append(
                {"id": new_uuid(rng), "child_id": child["id"], "name": name, "kind": kind}
            )
        return aliases
