"""The themes-and-trends figures on a small hand-built city, counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.contexts.selectors.trends import (
    NOT_KNOWN_TYPE,
    NOT_KNOWN_WARD,
    may_see_trends,
    periods_between,
    shown,
    trends_for,
)
from tests.factories import UserFactory
from tests.factories.referrals import submitted_referral
from tests.factories.trends import END, START, at, trends_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    trends_city()
    return trends_for(user=UserFactory(role=Role.ANALYST), start=START, end=END)


def _rows(trends, key):
    return dict(trends.chart(key).rows)


def test_the_periods_are_the_months_of_the_period(figures):
    assert [p.label for p in figures.periods] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    assert figures.unit == "month"


def test_records_tagged_with_each_theme(figures):
    # Taxi use: r1, r2 in January; the finding and the discussion in February.
    # Snapchat: r2 in January, r3 in February, the place in March.
    assert _rows(figures, "themes") == {"Taxi use": [2, 2, 0], "Snapchat": [1, 1, 1]}


def test_tagged_records_by_ward_each_counted_once(figures):
    # January r1 (Armley) and r2 (Burmantofts, tagged twice, counted once); February r3
    # (Armley), the discussion of Jordan (Burmantofts), the finding (no ward); March the
    # place in Burmantofts.
    assert _rows(figures, "theme_wards") == {
        "Armley": [1, 1, 0],
        "Burmantofts": [1, 1, 1],
        NOT_KNOWN_WARD: [0, 1, 0],
    }
    assert figures.chart("theme_wards").rows[-1][0] == NOT_KNOWN_WARD


def test_tagged_records_by_exploitation_type(figures):
    assert _rows(figures, "theme_types") == {
        "Child sexual exploitation": [1, 0, 1],
        "Child criminal exploitation": [1, 1, 0],
        "County lines": [1, 0, 0],
        NOT_KNOWN_TYPE: [0, 2, 0],
    }


def test_every_referral_by_type_and_ward_tagged_or_not(figures):
    assert _rows(figures, "referral_types") == {
        "Child sexual exploitation": [1, 0, 0],
        "Child criminal exploitation": [1, 1, 0],
        "County lines": [1, 0, 0],
        NOT_KNOWN_TYPE: [0, 0, 1],
    }
    assert _rows(figures, "referral_wards") == {
        "Armley": [1, 1, 0],
        "Burmantofts": [1, 0, 0],
        NOT_KNOWN_WARD: [0, 0, 1],
    }


def test_the_core_group_sees_exact_counts_and_silver_sees_under_five():
    trends_city()
    for i in range(5):
        submitted_referral(concerns=["online"], submitted_at=at(dt.date(2026, 3, 2 + i)))
    analyst = trends_for(user=UserFactory(role=Role.ANALYST), start=START, end=END)
    silver = trends_for(user=UserFactory(role=Role.SILVER), start=START, end=END)
    a = {label: cells for label, cells, _ in analyst.chart("referral_types").shown_rows()}
    s = {label: cells for label, cells, _ in silver.chart("referral_types").shown_rows()}
    assert a["Online exploitation"] == ["0", "0", "5"] == s["Online exploitation"]
    assert a["Child criminal exploitation"] == ["1", "1", "0"]
    assert s["Child criminal exploitation"] == ["<5", "<5", "0"]
    assert [t for _, _, t in silver.chart("themes").shown_rows()] == ["", ""]
    assert [t for _, _, t in analyst.chart("themes").shown_rows()] == ["4", "3"]


@pytest.mark.parametrize(
    "n,exact,expected",
    [(0, False, "0"), (1, False, "<5"), (4, False, "<5"), (5, False, "5"), (3, True, "3")],
)
def test_shown(n, exact, expected):
    assert shown(n, exact=exact) == expected


def test_quarters_when_the_period_is_over_two_years():
    unit, periods = periods_between(dt.date(2023, 2, 1), dt.date(2026, 3, 31))
    assert unit == "quarter"
    assert periods[0].start == dt.date(2023, 1, 1) and periods[-1].start == dt.date(2026, 1, 1)
    assert len(periods) == 13
    assert periods_between(dt.date(2024, 4, 1), dt.date(2026, 3, 31))[0] == "month"


@pytest.mark.parametrize(
    "role,sees",
    [
        (Role.ANALYST, True),
        (Role.COORDINATOR, True),
        (Role.CHAIR, True),
        (Role.SILVER, True),
        (Role.GOLD, True),
        (Role.MEMBER, False),
        (Role.REFERRER, False),
        (Role.AUDITOR, False),
        (Role.ADMIN, False),
    ],
)
def test_who_sees_trends(role, sees):
    assert may_see_trends(UserFactory(role=role)) is sees
