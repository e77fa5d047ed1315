"""The seeding writer binds exactly what Django would: its fast conversions agree with the
fields' own get_db_prep_save, and a written row reads back as the values it was given."""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone

from mace.demo.rows import TableWriter, _converter
from mace.people.models import Child
from mace.risk.models import Assessment, Catalogue, MissingEpisode
from tests.factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SAMPLES = {
    "UUIDField": [uuid.uuid4(), uuid.UUID(int=0, version=4), str(uuid.uuid4())],
    "DateField": [dt.date(2026, 11, 1), dt.date(1999, 2, 28), dt.datetime(2026, 3, 29, 1, 30)],
    "DateTimeField": [
        dt.datetime(2026, 11, 1, 18, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=dt.UTC),
        dt.datetime(2026, 7, 1, 9, 30, tzinfo=LONDON),  # not UTC: Django's own way
        timezone.now(),
    ],
    "JSONField": [
        {"engagement.disengaged": "low", "missing.episodes": "not_present"},
        [{"code": "under_13", "text": "The child is under 13 — refer"}],
        {},
        [],
        "a string",
    ],
}


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (Assessment, "id"),
        (Assessment, "child"),
        (Assessment, "assessor"),
        (Assessment, "assessed_on"),
        (Assessment, "completed_at"),
        (Assessment, "grades"),
        (Assessment, "prompts"),
        (MissingEpisode, "started_at"),
        (Child, "school"),  # a foreign key to an integer key: Django's way
    ],
)
def test_fast_conversions_agree_with_django(model, name):
    field = model._meta.get_field(name)
    convert = _converter(field, connection)
    kind = field.get_internal_type()
    if kind == "ForeignKey":
        kind = field.target_field.get_internal_type()
    for value in SAMPLES.get(kind, [1, 2]):
        ours, django = convert(value), field.get_db_prep_save(value, connection)
        # psycopg's Jsonb wrapper compares by identity: compare what it wraps.
        ours, django = getattr(ours, "obj", ours), getattr(django, "obj", django)
        assert ours == django, (name, value)


def test_written_rows_read_back_as_given():
    child = ChildFactory()
    user = UserFactory()
    catalogue = Catalogue.objects.get(is_active=True)
    now = dt.datetime(2026, 11, 1, 18, 0, 0, 250000, tzinfo=dt.UTC)
    row = {
        "id": uuid.uuid4(),
        "child_id": child.pk,
        "catalogue_id": catalogue.pk,
        "kind": "initial",
        "status": "completed",
        "assessed_on": dt.date(2026, 10, 30),
        "assessor_id": user.pk,
        "grades": {"missing.episodes": "high"},
        "evidence": {"missing.episodes": "Found in Bradford at 2am by BTP — again"},
        "prompts": [],
        "proposed_level": "high",
        "final_level": "high",
        "completed_at": now,
        "created_at": now - dt.timedelta(hours=3),
        "created_by_id": user.pk,
        "history_date": now,
        "history_user_id": user.pk,
    }

    TableWriter(Assessment, now=timezone.now(), history=True, change_reason="test").write([row])

    saved = Assessment.objects.get(pk=row["id"])
    for name in ("assessed_on", "grades", "evidence", "prompts", "completed_at", "created_at"):
        assert getattr(saved, name) == row[name], name
    assert saved.assessor == user
    record = saved.history.get()
    assert (record.history_date, record.history_user_id) == (now, user.pk)
    assert record.grades == row["grades"]
