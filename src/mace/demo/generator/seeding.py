"""``generate_city``: children and their records written in batches."""

from __future__ import annotations

import gc
import random
from contextlib import contextmanager

from django.db import connection, transaction

from mace.accounts.models import Agency, User
from mace.core import clock
from mace.demo import data
from mace.demo.city import reference_data_ensure, school_specs
from mace.demo.generator.children import ChildMaker
from mace.demo.generator.common import (
    BATCH_SIZE,
    RECORD_MODELS,
    SEED_CHANGE_REASON,
    SQLITE_CACHE_KIB,
    CityAlreadySeeded,
    ProgressCallback,
)
from mace.demo.risk import (
    MEMBER_ACTION_CHILDREN,
    TABLES,
    RiskMaker,
    active_catalogue,
    staff_resolve,
)
from mace.demo.rows import Row, TableWriter
from mace.people.models import Child, ChildAccess, ChildAddress, ChildAlias, School, Ward
from mace.people.services import child_access_grant
from mace.risk.models import VrmpAction


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
    now = clock.now()
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
