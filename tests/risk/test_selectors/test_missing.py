"""Return interviews within 72 hours: real elapsed hours, on the model and in the database.

The expected answers are worked out by hand from the calendar: UK clocks went forward at
01:00 GMT on Sunday 29 March 2026 and back at 01:00 GMT on Sunday 25 October 2026.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mace.risk.models import MissingEpisode
from mace.risk.selectors.missing import Timeliness, return_interview_timeliness
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Status = MissingEpisode.InterviewStatus
LATER = dt.datetime(2026, 11, 20, 12, 0, tzinfo=LONDON)  # every window below has closed


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def _episode(child, *, ended_at, status=Status.NOT_YET, completed_at=None, reason=""):
    started = (ended_at or _at(2026, 1, 5, 9, 0)) - dt.timedelta(hours=20)
    return MissingEpisode.objects.create(
        child=child,
        kind=MissingEpisode.Kind.MISSING,
        started_at=started,
        ended_at=ended_at,
        interview_status=status,
        interview_completed_at=completed_at,
        interview_not_done_reason=reason,
    )


# (case, returned (London wall clock), interview completed (London wall clock), within 72h)
CASES = [
    # A weekend in between: Friday evening to Monday evening, 72 real hours either way.
    ("weekend_71h59", _at(2026, 11, 6, 18, 0), _at(2026, 11, 9, 17, 59), True),
    ("weekend_exactly_72h", _at(2026, 11, 6, 18, 0), _at(2026, 11, 9, 18, 0), True),
    ("weekend_72h01", _at(2026, 11, 6, 18, 0), _at(2026, 11, 9, 18, 1), False),
    ("saturday_return_monday_interview", _at(2026, 11, 7, 23, 30), _at(2026, 11, 9, 9, 0), True),
    # Clocks go forward: Sat 10:00 GMT -> Tue 10:00 BST is only 71 real hours.
    ("spring_same_clock_time_71h", _at(2026, 3, 28, 10, 0), _at(2026, 3, 31, 10, 0), True),
    ("spring_clock_72h", _at(2026, 3, 28, 10, 0), _at(2026, 3, 31, 11, 0), True),
    ("spring_clock_72h01", _at(2026, 3, 28, 10, 0), _at(2026, 3, 31, 11, 1), False),
    # Clocks go back: Sat 10:00 BST -> Tue 10:00 GMT is 73 real hours.
    ("autumn_same_clock_time_73h", _at(2026, 10, 24, 10, 0), _at(2026, 10, 27, 10, 0), False),
    ("autumn_clock_72h", _at(2026, 10, 24, 10, 0), _at(2026, 10, 27, 9, 0), True),
    ("autumn_clock_72h01", _at(2026, 10, 24, 10, 0), _at(2026, 10, 27, 9, 1), False),
]


def test_the_clock_change_cases_are_what_the_calendar_says():
    def real_hours(a, b):
        # Python subtracts datetimes sharing a zone by the wall clock: compare in UTC.
        return (b.astimezone(dt.UTC) - a.astimezone(dt.UTC)).total_seconds() / 3600

    assert real_hours(_at(2026, 3, 28, 10, 0), _at(2026, 3, 31, 10, 0)) == 71
    assert real_hours(_at(2026, 10, 24, 10, 0), _at(2026, 10, 27, 10, 0)) == 73
    assert _at(2026, 3, 31, 10, 0).utcoffset() == dt.timedelta(hours=1)  # BST
    assert _at(2026, 10, 27, 10, 0).utcoffset() == dt.timedelta(0)  # GMT


@pytest.mark.parametrize(("case", "returned", "completed", "within"), CASES)
def test_model_and_database_agree_on_72_hours(case, returned, completed, within):
    episode = _episode(
        ChildFactory(), ended_at=returned, status=Status.COMPLETED, completed_at=completed
    )
    episode.refresh_from_db()  # as stored (UTC), not as built
    assert episode.interview_within_72_hours is within, case
    result = return_interview_timeliness(
        episodes=MissingEpisode.objects.filter(pk=episode.pk), at=LATER
    )
    assert result == Timeliness(eligible=1, within_72h=int(within), share=float(within))


def test_all_cases_together_give_the_same_count_as_the_model():
    child = ChildFactory()
    for _case, returned, completed, _within in CASES:
        _episode(child, ended_at=returned, status=Status.COMPLETED, completed_at=completed)
    episodes = MissingEpisode.objects.filter(child=child)
    by_model = sum(1 for e in episodes if e.interview_within_72_hours)
    assert by_model == sum(1 for c in CASES if c[3]) == 6
    result = return_interview_timeliness(episodes=episodes, at=LATER)
    assert (result.eligible, result.within_72h) == (len(CASES), by_model)
    assert result.share == pytest.approx(6 / 10)
    assert result.percent == 60


def test_who_is_counted_once_the_window_has_closed_or_the_interview_is_done():
    child = ChildFactory()
    returned = _at(2026, 11, 16, 12, 0)
    now = returned + dt.timedelta(hours=48)  # this return's window is still open
    old = returned - dt.timedelta(days=10)  # an older return, its window long closed
    # Not counted: still missing; pending, refused or not done while the window is open.
    _episode(child, ended_at=None)
    _episode(child, ended_at=returned, status=Status.OFFERED)
    _episode(child, ended_at=returned, status=Status.REFUSED, reason="Declined")
    _episode(child, ended_at=returned, status=Status.NOT_DONE, reason="Moved out of area")
    # Counted, within: completed inside the open window.
    _episode(child, ended_at=returned, status=Status.COMPLETED, completed_at=now)
    # Counted, not within: the window closed with nothing done, refused or not done.
    _episode(child, ended_at=old, status=Status.NOT_YET)
    _episode(child, ended_at=old, status=Status.OFFERED)
    _episode(child, ended_at=old, status=Status.REFUSED, reason="Declined")
    _episode(child, ended_at=old, status=Status.NOT_DONE, reason="Not wanted by carer")
    # Counted, within: completed on time in an old window.
    _episode(child, ended_at=old, status=Status.COMPLETED, completed_at=old + dt.timedelta(1))

    result = return_interview_timeliness(episodes=MissingEpisode.objects.all(), at=now)
    assert result == Timeliness(eligible=6, within_72h=2, share=2 / 6)


def test_the_window_closes_exactly_72_hours_after_the_return():
    returned = _at(2026, 10, 24, 10, 0)  # BST; the clocks go back within the window
    _episode(ChildFactory(), ended_at=returned, status=Status.OFFERED)
    episodes = MissingEpisode.objects.all()
    just_before = returned.astimezone(dt.UTC) + dt.timedelta(hours=72, seconds=-1)
    assert return_interview_timeliness(episodes=episodes, at=just_before).eligible == 0
    closes = _at(2026, 10, 27, 9, 0)  # 09:00 GMT: 72 real hours, not 10:00
    assert return_interview_timeliness(episodes=episodes, at=closes).eligible == 1
    assert episodes.get().interview_due_by == closes


def test_nothing_eligible_gives_no_share():
    result = return_interview_timeliness(episodes=MissingEpisode.objects.none())
    assert result == Timeliness(eligible=0, within_72h=0, share=None)
    assert result.percent is None


def test_the_figure_takes_one_query_however_many_episodes():
    child = ChildFactory()
    returned = _at(2026, 9, 1, 12, 0)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            return_interview_timeliness(episodes=MissingEpisode.objects.filter(child=child))
        return len(ctx.captured_queries)

    _episode(child, ended_at=returned, status=Status.COMPLETED, completed_at=returned)
    few = count_queries()
    for hours in range(40):
        _episode(
            child,
            ended_at=returned,
            status=Status.COMPLETED,
            completed_at=returned + dt.timedelta(hours=hours * 3),
        )
    assert count_queries() == few == 1
