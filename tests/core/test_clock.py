"""The one clock (mace.core.clock) and the stamps that read it."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
from django.utils import timezone

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock
from mace.people.models import Child

LONDON = zoneinfo.ZoneInfo("Europe/London")
MOMENT = dt.datetime(2025, 3, 14, 23, 30, tzinfo=dt.UTC)


def test_the_clock_is_the_systems_time_unless_set():
    before = timezone.now()
    assert before <= clock.now() <= timezone.now()


def test_setting_the_clock_moves_now_and_today_for_the_block_only():
    with clock.set_to(dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC)):
        assert clock.now() == dt.datetime(2025, 6, 30, 23, 30, tzinfo=dt.UTC)
        # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
        assert clock.today() == dt.date(2025, 7, 1)
    assert clock.now().year >= 2026


def test_the_clock_set_in_one_thread_is_not_set_in_another():
    seen = []
    with clock.set_to(MOMENT):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
    assert seen and seen[0] != MOMENT


def test_the_clock_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"), clock.set_to(dt.datetime(2025, 1, 1)):
        pass


def test_a_local_moment_is_kept_as_utc():
    with clock.set_to(dt.datetime(2025, 7, 1, 9, 0, tzinfo=LONDON)):
        assert clock.now() == dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)
        assert clock.now().tzinfo == dt.UTC


@pytest.mark.django_db
def test_created_and_modified_stamps_and_history_rows_read_the_clock():
    with clock.set_to(MOMENT):
        child = Child.objects.create(given_name="Ellie", family_name="Marsh")
    assert child.created_at == child.modified_at == MOMENT
    assert child.history.get().history_date == MOMENT
    later = MOMENT + dt.timedelta(days=3)
    with clock.set_to(later):
        child.preferred_name = "El"
        child.save(update_fields=["preferred_name", "modified_at"])
    child.refresh_from_db()
    assert (child.created_at, child.modified_at) == (MOMENT, later)
    assert child.history.latest().history_date == later


@pytest.mark.django_db
def test_bulk_created_rows_are_stamped_by_the_clock():
    with clock.set_to(MOMENT):
        Child.objects.bulk_create([Child(given_name="Kai", family_name="Osei")])
    assert Child.objects.get(given_name="Kai").created_at == MOMENT


@pytest.mark.django_db
def test_audit_events_are_dated_by_the_clock():
    with clock.set_to(MOMENT):
        event = event_record(actor=None, verb=Event.Verb.MEETINGS_SCHEDULED)
    assert Event.objects.get(pk=event.pk).at == MOMENT


def test_no_application_code_reads_djangos_clock_directly():
    """Services read mace.core.clock; only the clock itself (and Django's own session
    expiry) read timezone.now, so the demo's set clock reaches every write."""
    import pathlib
    import re

    import mace

    root = pathlib.Path(mace.__file__).parent
    allowed = {"core/clock.py", "accounts/administration/sessions.py"}
    direct = re.compile(r"timezone\.(now\b(?!`)|localdate\(\))")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and str(path.relative_to(root)) not in allowed
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if direct.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []
