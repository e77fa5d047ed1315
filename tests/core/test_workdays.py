"""Working days (mace.core.workdays): weekends and bank holidays do not count."""

from __future__ import annotations

import datetime as dt

from mace.core.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2026, 12, 25))  # Christmas Day, Friday
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day substitute, Monday
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert is_working_day(dt.date(2026, 11, 26))


def test_five_working_days_over_christmas():
    # Wed 23 Dec 2026 + 5 working days: 24, 29, 30, 31 Dec, 4 Jan (1 Jan is a holiday).
    assert add_working_days(dt.date(2026, 12, 23), 5) == dt.date(2027, 1, 4)
    assert working_days_between(dt.date(2026, 12, 23), dt.date(2027, 1, 4)) == 5
    assert add_working_days(dt.date(2027, 1, 4), -5) == dt.date(2026, 12, 23)


def test_an_ordinary_week():
    assert add_working_days(dt.date(2026, 11, 20), 5) == dt.date(2026, 11, 27)
    assert working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 20)) == 0
