"""The themes-and-trends figures on a small hand-built city, counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from mace.accounts.models import Role
from mace.contexts.models import Context
from mace.contexts.selectors.trends import (
    NOT_KNOWN_TYPE,
    NOT_KNOWN_WARD,
    may_see_trends,
    periods_between,
    trends_for,
)
from mace.contexts.services.themes import theme_tag
from mace.core.suppression import HIDDEN, SMALL
from tests.factories import UserFactory, context_made
from tests.factories.people import ChildAddressFactory, ChildFactory, WardFactory
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


def _published(trends, key):
    chart = trends.chart(key)
    return {label: (cells, total) for label, cells, total in chart.shown_rows()}, chart.published


def test_the_core_group_sees_exact_counts_and_silver_sees_under_five():
    trends_city()
    for i in range(5):
        submitted_referral(concerns=["online"], submitted_at=at(dt.date(2026, 3, 2 + i)))
    analyst = trends_for(user=UserFactory(role=Role.ANALYST), start=START, end=END)
    silver = trends_for(user=UserFactory(role=Role.SILVER), start=START, end=END)
    a, _ = _published(analyst, "referral_types")
    s, _ = _published(silver, "referral_types")
    assert a["Online exploitation"] == (["0", "0", "5"], "5")
    assert s["Online exploitation"] == (["0", "0", "5"], "")  # types overlap: no totals
    assert a["Child criminal exploitation"] == (["1", "1", "0"], "2")
    assert s["Child criminal exploitation"] == (["<5", "<5", "0"], "")
    themes, table = _published(analyst, "themes")
    assert themes == {"Taxi use": (["2", "2", "0"], "4"), "Snapchat": (["1", "1", "1"], "3")}
    assert (table.column_totals, table.total) == (["3", "3", "1"], "7")
    # Outside the core group nothing from 1 to 4 is shown, and there are no totals.
    themes, table = _published(silver, "themes")
    assert themes == {"Taxi use": (["<5", "<5", "0"], ""), "Snapchat": (["<5", "<5", "<5"], "")}
    assert (table.column_totals, table.total) == (["", "", ""], "")
    assert themes["Taxi use"][0][0] == SMALL


def test_silver_sees_no_total_that_would_give_a_small_count_away():
    # Hotels: 10 records tagged in January, 2 in February, 10 in March. A row total of 22
    # beside the tens would give February away: Silver sees no totals, the analyst does.
    analyst = UserFactory(role=Role.ANALYST)
    hotels = context_made(Context.Kind.THEME, "Hotels", actor=analyst)
    for month, n in ((1, 10), (2, 2), (3, 10)):
        for i in range(n):
            day = dt.date(2026, month, 1 + i)
            referral = submitted_referral(submitted_at=at(day))
            theme_tag(actor=analyst, theme=hotels, target=referral, occurred_on=day)
    silver = trends_for(user=UserFactory(role=Role.SILVER), start=START, end=END)
    rows, table = _published(silver, "themes")
    assert rows["Hotels"] == (["10", SMALL, "10"], "")
    assert table.total == "" and HIDDEN not in table.column_totals
    exact = trends_for(user=analyst, start=START, end=END)
    assert _published(exact, "themes")[0]["Hotels"] == (["10", "2", "10"], "22")


def test_silver_and_gold_see_the_charts_a_record_may_count_in_twice_by_month():
    # The ward charts put each record in one row: beside the theme and type charts they
    # could bound a "<5", so they stay with the core group. Months even over two years.
    trends_city()
    start = dt.date(2023, 1, 1)
    for role in (Role.SILVER, Role.GOLD):
        trends = trends_for(user=UserFactory(role=role), start=start, end=END)
        assert [c.key for c in trends.charts] == ["themes", "theme_types", "referral_types"]
        assert trends.unit == "month" and not any(c.totals for c in trends.charts)
    analyst = trends_for(user=UserFactory(role=Role.ANALYST), start=start, end=END)
    assert analyst.unit == "quarter" and len(analyst.charts) == 5


def test_a_referral_and_a_place_with_the_same_id_are_two_records():
    analyst = UserFactory(role=Role.ANALYST)
    armley, burmantofts = WardFactory(name="Armley"), WardFactory(name="Burmantofts")
    taxi = context_made(Context.Kind.THEME, "Taxi use", actor=analyst)
    place = context_made(Context.Kind.PLACE, "Chicken Shack", actor=analyst, ward=burmantofts)
    child = ChildFactory()
    ChildAddressFactory(child=child, ward=armley)
    referral = submitted_referral(pk=place.pk, child=child, submitted_at=at(dt.date(2026, 1, 5)))
    theme_tag(actor=analyst, theme=taxi, target=referral, occurred_on=dt.date(2026, 1, 5))
    theme_tag(actor=analyst, theme=taxi, target=place, occurred_on=dt.date(2026, 1, 6))
    trends = trends_for(user=analyst, start=START, end=END)
    assert _rows(trends, "themes") == {"Taxi use": [2, 0, 0]}
    assert _rows(trends, "theme_wards") == {"Armley": [1, 0, 0], "Burmantofts": [1, 0, 0]}


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
