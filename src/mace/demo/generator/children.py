"""``ChildMaker``: unsaved children with their aliases and addresses."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from mace.demo import data
from mace.demo import risk_data as rd
from mace.demo.city import city_streets
from mace.demo.generator.aliases import AliasRows
from mace.demo.generator.common import (
    CASE_ID_PREFIX,
    LOOKED_AFTER,
    OPEN_STATUSES,
    Gender,
    LegalStatus,
    Send,
)
from mace.demo.generator.places import PlaceRows
from mace.demo.names import NamePool, name_pools
from mace.demo.network import texts as network_texts
from mace.demo.rows import Row
from mace.demo.sampling import Weighted, new_uuid
from mace.demo.users import MEETING_SEATS, PRACTITIONER, STRATEGIC_SEATS
from mace.people.models import Child


def _adult_names() -> frozenset[str]:
    """The full names the demo gives adults: its users, the meetings' people, the lead
    practitioners of statutory processes and the persons of concern with their aliases."""
    names = {name for _, name, _, _ in data.DEMO_USERS}
    for _, _, *people in MEETING_SEATS:
        names.update(person[0] for person in people if person)
    names.update(person[2] for people in STRATEGIC_SEATS.values() for person in people)
    names.add(PRACTITIONER[1])
    names.update(rd.PRACTITIONERS)
    for person in network_texts.PERSONS:
        names.add(person.name)
        names.update(alias for alias, _ in person.names)
    return frozenset(names)


# No child shares a full name with an adult of the demo's: a page that names a lead
# practitioner, or a person of concern, never seems to name a child (or the reverse).
ADULT_NAMES = _adult_names()


class ChildMaker(PlaceRows, AliasRows):
    """Makes unsaved children with their aliases and addresses from one seeded generator."""

    def __init__(
        self,
        *,
        rng: random.Random,
        ward_ids: dict[str, int],
        schools: Sequence[tuple[int, str, str]],
        case_ids_taken: set[str],
    ):
        self.rng = rng
        self.ward_ids = ward_ids
        self.case_ids = case_ids_taken
        self.streets = city_streets()
        self.wards = Weighted((w, w.weight) for w in data.WARDS if w.code in ward_ids)
        self.ethnicity_by_profile = {
            profile: Weighted(
                (eth, weight * factors[eth]) for eth, weight in data.ETHNICITY_WEIGHTS.items()
            )
            for profile, factors in data.ETHNICITY_PROFILE_FACTORS.items()
        }
        self.pool_by_ethnicity = {
            eth: Weighted(pairs) for eth, pairs in data.ETHNICITY_POOLS.items()
        }
        self.pools = name_pools()
        self.mixed = {
            key: (Weighted(spec["given"]), Weighted(spec["family"]))
            for key, spec in data.MIXED_POOLS.items()
        }
        self.ages = Weighted(data.AGE_WEIGHTS)
        self.uasc_ages = Weighted(data.UASC_AGE_WEIGHTS)
        self.genders = Weighted(data.GENDER_WEIGHTS)
        self.sends = Weighted(data.SEND_WEIGHTS)
        self.legal_statuses = Weighted(data.LEGAL_STATUS_WEIGHTS)
        # schools: (pk, phase, ward code), in URN order.
        self.schools_by_phase: dict[str, list[tuple[int, str]]] = {}
        for pk, phase, ward_code in schools:
            self.schools_by_phase.setdefault(phase, []).append((pk, ward_code))
        self._school_pickers: dict[tuple[str, str], Weighted | None] = {}

    # Identity ------------------------------------------------------------------------

    def _names(self, pool_key: str, *, female: bool) -> tuple[str, str, NamePool, NamePool]:
        rng = self.rng
        if pool_key in self.mixed:
            given_from, family_from = self.mixed[pool_key]
            given_pool = self.pools[given_from.pick(rng)]
            family_pool = self.pools[family_from.pick(rng)]
        else:
            given_pool = family_pool = self.pools[pool_key]
        given = (given_pool.female if female else given_pool.male).pick(rng)
        families = family_pool.family_female if female else family_pool.family_male
        family = families.pick(rng)
        while f"{given} {family}" in ADULT_NAMES:  # rare: drawn again only then
            family = families.pick(rng)
        return given, family, given_pool, family_pool

    def _date_of_birth(self, age: int, *, estimated: bool) -> dt.date:
        ref = data.REFERENCE_DATE
        if estimated and self.rng.random() < 0.6:
            # Age assessments often settle on 1 January of the assessed year of birth.
            return dt.date(ref.year - age, 1, 1)
        latest = ref.replace(year=ref.year - age)
        earliest = ref.replace(year=ref.year - age - 1) + dt.timedelta(days=1)
        return earliest + dt.timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def _case_id(self) -> str:
        while True:
            case_id = f"{CASE_ID_PREFIX}{self.rng.randrange(10**7):07d}"
            if case_id not in self.case_ids:
                self.case_ids.add(case_id)
                return case_id

    # One child -----------------------------------------------------------------------

    def make(self, *, restricted: bool) -> tuple[Row, list[Row], list[Row]]:
        """One child's row, with their aliases' and addresses' (the last address is current)."""
        rng = self.rng
        child_id = new_uuid(rng)
        home_ward = self.wards.pick(rng)
        ethnicity = self.ethnicity_by_profile[home_ward.profile].pick(rng)
        pool_key = self.pool_by_ethnicity[ethnicity].pick(rng)
        gender = self.genders.pick(rng)
        uasc = pool_key in data.UASC_POOLS and rng.random() < data.UASC_SHARE
        if uasc:
            age = self.uasc_ages.pick(rng)
            gender = Gender.MALE if rng.random() < 0.92 else Gender.FEMALE
        else:
            age = self.ages.pick(rng)
        female = gender == Gender.FEMALE or (
            gender in (Gender.OTHER, Gender.NOT_KNOWN) and rng.random() < 0.5
        )
        estimated = uasc or rng.random() < 0.01
        dob = self._date_of_birth(age, estimated=uasc)
        given, family, given_pool, family_pool = self._names(pool_key, female=female)
        name_pool = self.pools.get(pool_key)
        if name_pool is None:  # a mixed background
            language, nationality = "English", "British"
        else:
            language, nationality = name_pool.language_and_nationality(rng, abroad=uasc)
        if ethnicity == Child.Ethnicity.NOT_KNOWN and rng.random() < 0.5:
            language = nationality = ""

        send = self.sends.pick(rng)
        learning_disability = rng.random() < {Send.EHCP: 0.30, Send.SEN_SUPPORT: 0.06}.get(
            send, 0.0
        )
        notes = ""
        if send in (Send.EHCP, Send.SEN_SUPPORT) and rng.random() < 0.6:
            notes = rng.choice(data.DISABILITY_NOTES)

        if uasc:
            legal = LegalStatus.CARE_LEAVER if age >= 18 else LegalStatus.LOOKED_AFTER_S20
        elif age >= 17 and rng.random() < data.CARE_LEAVER_SHARE_AT_17_PLUS:
            legal = LegalStatus.CARE_LEAVER
        else:
            legal = self.legal_statuses.pick(rng)
        if legal in OPEN_STATUSES:
            open_to_social_work = True
        elif legal == LegalStatus.CARE_LEAVER:
            open_to_social_work = rng.random() < 0.9
        else:
            open_to_social_work = rng.random() < 0.08
        has_case_id = open_to_social_work or rng.random() < 0.12  # past involvement
        case_system_id = self._case_id() if has_case_id else ""

        addresses, current_ward_code = self._addresses(
            child_id=child_id, dob=dob, legal=legal, uasc=uasc, home_ward=home_ward
        )
        school_id, year_group = self._school(
            dob=dob,
            send=send,
            vulnerable=legal != LegalStatus.NONE,
            uasc=uasc,
            ward_code=current_ward_code,
        )
        preferred = ""
        if given in data.NICKNAMES and rng.random() < 0.15:
            preferred = rng.choice(data.NICKNAMES[given])
        child = {
            "id": child_id,
            "given_name": given,
            "family_name": family,
            "preferred_name": preferred,
            "date_of_birth": dob,
            "date_of_birth_is_estimated": estimated,
            "gender": gender,
            "ethnicity": ethnicity,
            "first_language": language,
            "nationality": nationality,
            "send": send,
            "learning_disability": learning_disability,
            "disability_notes": notes,
            "school_id": school_id,
            "year_group": year_group,
            "legal_status": legal,
            "open_to_social_work": open_to_social_work,
            "case_system_id": case_system_id,
            "restricted": restricted,
            "restriction_reason": rng.choice(data.RESTRICTION_REASONS) if restricted else "",
        }
        aliases = self._aliases(
            child=child,
            pool_key=pool_key,
            given_pool=given_pool,
            family_pool=family_pool,
            female=female,
            older=age >= 12,
            care=legal in LOOKED_AFTER or legal == LegalStatus.CARE_LEAVER,
        )
        return child, aliases, addresses
