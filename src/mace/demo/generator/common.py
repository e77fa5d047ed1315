"""Batch sizes, the children's choices, and the record tables in writing order."""

from __future__ import annotations

from collections.abc import Callable

from mace.demo.risk import TABLES
from mace.people.models import Child, ChildAddress, ChildAlias, School
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
