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

from mace.demo.generator.aliases import AliasRows
from mace.demo.generator.children import ChildMaker
from mace.demo.generator.common import (
    BATCH_SIZE,
    CASE_ID_PREFIX,
    LOOKED_AFTER,
    OPEN_STATUSES,
    RECORD_MODELS,
    SEED_CHANGE_REASON,
    SQLITE_CACHE_KIB,
    AddressKind,
    AliasKind,
    CityAlreadySeeded,
    Gender,
    LegalStatus,
    Phase,
    ProgressCallback,
    Send,
)
from mace.demo.generator.places import PlaceRows
from mace.demo.generator.seeding import generate_city

__all__ = [
    "AddressKind",
    "AliasKind",
    "AliasRows",
    "BATCH_SIZE",
    "CASE_ID_PREFIX",
    "ChildMaker",
    "CityAlreadySeeded",
    "Gender",
    "LOOKED_AFTER",
    "LegalStatus",
    "OPEN_STATUSES",
    "Phase",
    "PlaceRows",
    "ProgressCallback",
    "RECORD_MODELS",
    "SEED_CHANGE_REASON",
    "SQLITE_CACHE_KIB",
    "Send",
    "generate_city",
]
