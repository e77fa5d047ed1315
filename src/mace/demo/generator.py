"""Generate the synthetic demo city's children, with aliases, addresses and history, and
each child's record: risk assessments, VRMPs, missing episodes and statutory processes.

Everything a seed produces is a function of the seed alone: one ``random.Random`` drives the
children (names, dates, UUIDs), a second one their records (``mace.demo.risk``), a fixed one
the city's geography, and dates are relative to ``data.REFERENCE_DATE`` rather than today.
Only the time of seeding (the children's created_at and history_date) differs between runs;
records are dated when they happened in the demo world. Which users the records name
depends on who exists when seeding (see ``mace.demo.risk``). Rows are written with
``mace.demo.rows`` (executemany) rather than bulk_create, which was four times slower at
100,000 children.

``ensure_demo_users`` (the sign-ins for each role) lives in ``mace.demo.users``.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils import timezone

from mace.accounts.models import Agency, User
from mace.demo import data
from mace.demo.city import city_streets, reference_data_ensure, school_specs
from mace.demo.names import NamePool, name_pools
from mace.demo.risk import (
    MEMBER_ACTION_CHILDREN,
    TABLES,
    RiskMaker,
    active_catalogue,
    staff_resolve,
)
from mace.demo.rows import Row, TableWriter
from mace.demo.sampling import Weighted, new_uuid, year_group_for
from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias, School, Ward
from mace.people.services import child_access_grant
from mace.risk.models import (
    Assessment,
    MissingEpisode,
    StatutoryProcess,
    Vrmp,
    VrmpAction,
    VrmpReview,
    VrmpVersion,
)

# Children per transaction. Each commit rewrites the index pages its random UUIDs touched,
# most of them once a table is large: fewer, larger batches write far less (docs/benchmarks.md).
BATCH_SIZE = 5000
# SQLite's page cache while seeding, in KiB (the default is 2 MiB): the indexes stay in
# memory instead of being read back through the OS for every batch.
SQLITE_CACHE_KIB = 128 * 1024
SEED_CHANGE_REASON = "created by seed"
CASE_ID_PREFIX = "LCS"

ProgressCallback = Callable[[int, int], None]

Gender = Child.Gender
LegalStatus = Child.LegalStatus
Send = Child.Send
Phase = School.Phase
AddressKind = ChildAddress.Kind
AliasKind = ChildAlias.Kind

LOOKED_AFTER = frozenset(
    {
        LegalStatus.LOOKED_AFTER_S20,
        LegalStatus.LOOKED_AFTER_S31,
        LegalStatus.LOOKED_AFTER_S38,
    }
)
OPEN_STATUSES = frozenset({LegalStatus.CHILD_IN_NEED, LegalStatus.CHILD_PROTECTION} | LOOKED_AFTER)
# The record's tables (mace.demo.risk.TABLES), in the order they are written.
RECORD_MODELS = dict(
    zip(
        TABLES,
        (Assessment, Vrmp, VrmpVersion, VrmpReview, VrmpAction, MissingEpisode, StatutoryProcess),
        strict=True,
    )
)


class CityAlreadySeeded(Exception):
    """Children exist already and the caller did not ask to append more."""


class ChildMaker:
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
        family = (family_pool.family_female if female else family_pool.family_male).pick(rng)
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

    # School --------------------------------------------------------------------------

    def _school_picker(self, ward_code: str, phase: str) -> Weighted | None:
        key = (ward_code, phase)
        if key not in self._school_pickers:
            options = self.schools_by_phase.get(phase, [])
            self._school_pickers[key] = (
                Weighted((pk, 6 if code == ward_code else 1) for pk, code in options)
                if options
                else None
            )
        return self._school_pickers[key]

    def _phase(self, *, year: int, send: str, vulnerable: bool, uasc: bool) -> str | None:
        r = self.rng.random()
        special = send == Send.EHCP and self.rng.random() < 0.35
        if year <= 6:
            if special:
                return Phase.SPECIAL
            return Phase.PRIMARY if r < 0.985 else (Phase.ALTERNATIVE if r < 0.992 else None)
        if year <= 11:
            if special:
                return Phase.SPECIAL
            alternative = 0.10 if vulnerable else 0.035
            if r < alternative:
                return Phase.ALTERNATIVE
            if r < alternative + 0.03:
                return None  # missing education or electively home educated
            return Phase.ALL_THROUGH if r < alternative + 0.09 else Phase.SECONDARY
        if year <= 13:
            if uasc:
                return Phase.COLLEGE if r < 0.8 else None  # ESOL courses
            if special:
                return Phase.SPECIAL
            neet = 0.30 if vulnerable else 0.15
            if r < neet:
                return None  # not in education, employment or training
            if r < neet + 0.03:
                return Phase.ALTERNATIVE
            if r < neet + 0.20:
                return Phase.SECONDARY  # sixth form
            return Phase.COLLEGE
        return Phase.COLLEGE if r < 0.45 else None

    def _school(self, *, dob, send, vulnerable, uasc, ward_code) -> tuple[int | None, int | None]:
        year = year_group_for(dob)
        phase = self._phase(year=year, send=send, vulnerable=vulnerable, uasc=uasc)
        picker = self._school_picker(ward_code, phase) if phase else None
        if picker is None:
            return None, None
        return picker.pick(self.rng), (year if year <= 13 else None)

    # Addresses -----------------------------------------------------------------------

    def _address_kinds(self, *, legal: str, uasc: bool) -> list[str]:
        rng = self.rng
        if uasc:
            return [AddressKind.PLACEMENT] * rng.choice((1, 1, 2))
        if legal in LOOKED_AFTER:
            # At most three: a family home or two, then one placement or two.
            homes, placements = rng.choice(((1, 1), (1, 1), (1, 2), (2, 1)))
            return [AddressKind.HOME] * homes + [AddressKind.PLACEMENT] * placements
        if legal == LegalStatus.CARE_LEAVER:
            return [
                AddressKind.HOME,
                AddressKind.PLACEMENT,
                rng.choice((AddressKind.OTHER, AddressKind.HOME)),
            ]
        r = rng.random()
        count = 1 if r < 0.58 else (2 if r < 0.87 else 3)
        kinds = [AddressKind.HOME] * count
        if count > 1 and rng.random() < 0.08:
            kinds[0] = AddressKind.OTHER  # staying with a relative or friend
        return kinds

    def _address_starts(
        self, *, dob: dt.date, count: int, recent: bool, uasc: bool
    ) -> list[dt.date]:
        """Move-in dates, oldest first; fewer than ``count`` if there is no room for more."""
        rng = self.rng
        ref = data.REFERENCE_DATE
        last_possible = ref - dt.timedelta(days=7)
        if uasc:
            first = ref - dt.timedelta(days=rng.randint(60, 900))
        else:
            known_for = min((ref - dob).days - 30, 10 * 365)
            first = ref - dt.timedelta(days=rng.randint(30, max(known_for, 30)))
            first = max(first, dob)
        lo = max(first, ref - dt.timedelta(days=4 * 365)) if recent else first
        # Moves fall on a four-week grid with a little jitter: at least a fortnight apart.
        slots = (last_possible - lo).days // 28
        if slots <= count:
            return [first]
        moves = sorted(rng.sample(range(1, slots), count - 1))
        return [first] + [lo + dt.timedelta(days=28 * m + rng.randrange(14)) for m in moves]

    def _address(self, *, child_id, kind, ward_code, date_from, date_to) -> Row:
        rng = self.rng
        street = rng.choice(self.streets[ward_code])
        number = rng.randint(1, 140)
        line_2 = ""
        if kind == AddressKind.PLACEMENT and rng.random() < 0.35:
            line_1 = f"{rng.choice(data.BLOCK_STEMS)} {rng.choice(data.HOME_SUFFIXES)}"
            line_2 = f"{number} {street.name}"  # a children's home
        elif kind == AddressKind.OTHER or rng.random() < 0.1:
            block = f"{rng.choice(data.BLOCK_STEMS)} {rng.choice(data.BLOCK_SUFFIXES)}"
            line_1 = f"Flat {rng.randint(1, 48)}, {block}"
            line_2 = street.name
        else:
            line_1 = f"{number} {street.name}"
            if rng.random() < 0.5:
                line_2 = street.locality
        return {
            "id": new_uuid(rng),
            "child_id": child_id,
            "kind": kind,
            "line_1": line_1,
            "line_2": line_2,
            "town": street.town,
            "postcode": street.postcode,
            "ward_id": self.ward_ids[ward_code],
            "date_from": date_from,
            "date_to": date_to,
        }

    def _addresses(self, *, child_id, dob, legal, uasc, home_ward) -> tuple[list[Row], str]:
        """The child's addresses, oldest first, and the ward code of the current one."""
        rng = self.rng
        kinds = self._address_kinds(legal=legal, uasc=uasc)
        recent = uasc or legal in LOOKED_AFTER or legal == LegalStatus.CARE_LEAVER
        starts = self._address_starts(dob=dob, count=len(kinds), recent=recent, uasc=uasc)
        kinds = kinds[-len(starts) :]
        addresses = []
        for index, (kind, start) in enumerate(zip(kinds, starts, strict=True)):
            if kind == AddressKind.HOME and (index == len(kinds) - 1 or rng.random() < 0.7):
                ward_code = home_ward.code
            else:
                ward_code = self.wards.pick(rng).code
            end = starts[index + 1] if index + 1 < len(starts) else None
            addresses.append(
                self._address(
                    child_id=child_id,
                    kind=kind,
                    ward_code=ward_code,
                    date_from=start,
                    date_to=end,
                )
            )
        return addresses, ward_code

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


@contextmanager
def _bulk_generation():
    """Pause Python's cyclic garbage collector while seeding. The rows are plain dicts with
    no reference cycles (reference counting frees them), yet each batch keeps tens of
    thousands alive, which the collector would scan again and again: about 15% of the time
    at 100,000 children."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _sqlite_cache(kib: int):
    """A larger SQLite page cache on this connection while seeding; put back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _agency_ids() -> dict[str, object]:
    """The demo agencies' ids by kind (another agency of the kind if a demo one is missing)."""
    names = dict(data.AGENCIES)
    ids: dict[str, object] = {}
    for pk, kind, name in Agency.objects.order_by("name").values_list("pk", "kind", "name"):
        if name == names.get(kind) or kind not in ids:
            ids[kind] = pk
    return ids


def _risk_maker(*, seed: int, existing: int) -> RiskMaker:
    staff = staff_resolve()
    member_children = MEMBER_ACTION_CHILDREN
    if staff.member_id and VrmpAction.objects.filter(owner_id=staff.member_id).exists():
        member_children = 0  # seeded before: the member has their actions already
    return RiskMaker(
        rng=random.Random(f"{seed}/records" if not existing else f"{seed}+{existing}/records"),
        catalogue=active_catalogue(),
        agencies=_agency_ids(),
        staff=staff,
        member_children=member_children,
    )


def _member_grants(maker: RiskMaker) -> int:
    """Action grants for the children whose police actions the demo member owns."""
    if not maker.member_child_ids:
        return 0
    member = User.objects.get(pk=maker.staff.member_id)
    for child in Child.objects.filter(pk__in=maker.member_child_ids).order_by("pk"):
        child_access_grant(
            actor=None,
            user=member,
            child=child,
            basis=ChildAccess.Basis.ACTION,
            reason="Owns police actions on the child's VRMP (demo)",
        )
    return len(maker.member_child_ids)


def generate_city(
    *,
    children: int,
    seed: int,
    progress: ProgressCallback | None = None,
    append: bool = False,
    history: bool = True,
    records: bool = True,
    record_history: bool = False,
    batch_size: int = BATCH_SIZE,
) -> dict[str, int]:
    """Seed the demo city: reference data if missing, then ``children`` synthetic children,
    each with their record (risk assessments, VRMPs, missing episodes, statutory processes)
    unless ``records`` is False.

    ``history`` writes a "created by seed" history row for each child, alias and address;
    ``record_history`` one for each row of the records too (dated when the record was last
    changed, by whom). It is off by default: it doubles the records' writes, about a
    minute at 100,000 children (docs/benchmarks.md).

    Returns the number of rows created, by kind. Refuses (CityAlreadySeeded) to add children
    to a database that has some unless ``append``; appended children are drawn from a stream
    that also depends on how many children exist, so their UUIDs do not collide.
    """
    if children < 0:
        raise ValueError("children must be zero or more")
    existing = Child.objects.count()
    if existing and children and not append:
        raise CityAlreadySeeded(
            f"The database already holds {existing} children. Seeding again would mix two "
            "cities: pass append=True (mace seed --append) to add more, or start from an "
            "empty database."
        )
    counts = reference_data_ensure()
    counts.update(children=0, aliases=0, addresses=0, history=0)
    counts.update(dict.fromkeys(TABLES, 0), action_grants=0, system_user=0)
    if not children:
        return counts

    rng = random.Random(seed if not existing else f"{seed}+{existing}")
    ward_codes = [ward.code for ward in data.WARDS]
    ward_ids = dict(Ward.objects.filter(code__in=ward_codes).values_list("code", "pk"))
    schools = [
        (pk, phase, ward_code)
        for pk, phase, ward_code in School.objects.filter(urn__in=[s.urn for s in school_specs()])
        .order_by("urn")
        .values_list("pk", "phase", "ward__code")
    ]
    case_ids_taken = set(
        Child.objects.exclude(case_system_id="").values_list("case_system_id", flat=True)
    )
    maker = ChildMaker(rng=rng, ward_ids=ward_ids, schools=schools, case_ids_taken=case_ids_taken)
    risk = _risk_maker(seed=seed, existing=existing) if records else None
    if risk is not None:
        counts["system_user"] = int(risk.staff.system_user)
    restricted = set(rng.sample(range(children), round(children * data.RESTRICTED_SHARE)))
    now = timezone.now()
    models = [Child, ChildAlias, ChildAddress]
    if risk is not None:
        models += RECORD_MODELS.values()
    writers = {
        model: TableWriter(
            model,
            now=now,
            history=history and (model in (Child, ChildAlias, ChildAddress) or record_history),
            change_reason=SEED_CHANGE_REASON,
        )
        for model in models
    }

    with _sqlite_cache(SQLITE_CACHE_KIB), _bulk_generation():
        done = 0
        while done < children:
            batch = range(done, min(done + batch_size, children))
            kids, aliases, addresses = [], [], []
            record_rows: dict[str, list[Row]] = {table: [] for table in TABLES}
            for index in batch:
                child, child_aliases, child_addresses = maker.make(restricted=index in restricted)
                kids.append(child)
                aliases.extend(child_aliases)
                addresses.extend(child_addresses)
                if risk is not None:
                    for table, rows in risk.make(child, child_addresses).rows.items():
                        record_rows[table].extend(rows)
            with transaction.atomic():
                for model, rows in (
                    (Child, kids),
                    (ChildAlias, aliases),
                    (ChildAddress, addresses),
                    *((RECORD_MODELS[table], record_rows[table]) for table in TABLES),
                ):
                    if model in writers:
                        counts["history"] += writers[model].write(rows)
            counts["children"] += len(kids)
            counts["aliases"] += len(aliases)
            counts["addresses"] += len(addresses)
            for table in TABLES:
                counts[table] += len(record_rows[table])
            done = batch.stop
            if progress is not None:
                progress(done, children)
    if risk is not None:
        counts["action_grants"] = _member_grants(risk)
    return counts
