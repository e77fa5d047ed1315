"""The Silver dashboard's figures on the hand-built city, January to March 2026."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.contexts.selectors.trends import trends_for
from mace.core.suppression import SMALL
from mace.governance.selectors.dashboards import dashboard_build
from tests.factories import UserFactory
from tests.factories.dashboards import END, MONTHS, START

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city):
    return dashboard_build(audience="silver", start=START, end=END, exact=True)


def test_the_figures_in_order(board):
    assert [f.key for f in board.figures] == [
        "themes",
        "referral_types",
        "findings",
        "escalations",
        "plan_rag",
        "assurance",
    ]


def test_themes_over_time(board):
    # Taxi use: a referral in January, a referral and a finding in February. Snapchat: a
    # referral in January, a place in March (its December tag is before the period).
    figure = board.figure("themes")
    assert figure.columns == MONTHS
    assert figure.rows == [("Taxi use", [1, 2, 0]), ("Snapchat", [1, 0, 1])]
    assert figure.chart == "line"


def test_trends_referrals_by_type(board):
    # 5 Jan CSE and missing; 20 Jan gang; 1 Feb online; 10 Feb none; 2 Mar CCE and county
    # lines; 27 Mar CCE. Largest first, "not recorded" last; no totals (a referral may
    # name two types).
    figure = board.figure("referral_types")
    assert figure.rows == [
        ("Child criminal exploitation", [0, 0, 2]),
        ("Child sexual exploitation", [1, 0, 0]),
        ("County lines", [0, 0, 1]),
        ("Gang-related", [1, 0, 0]),
        ("Going missing", [1, 0, 0]),
        ("Online exploitation", [0, 1, 0]),
        ("Type not recorded", [0, 1, 0]),
    ]
    assert figure.totals is False and figure.table.footer == []


def test_emerging_risks_and_practice_issues(board):
    # January's meeting: two emerging risks, a practice issue; February's: a theme, a
    # trend; March's: an emerging risk (its suspected perpetrator is not Silver's figure);
    # the cancelled meeting's emerging risk does not count.
    assert board.figure("findings").rows == [
        ("Emerging risks", [2, 0, 1]),
        ("Practice issues", [1, 0, 0]),
        ("Themes", [0, 1, 0]),
        ("Trends", [0, 1, 0]),
    ]


def test_what_was_escalated_to_silver(board):
    figure = board.figure("escalations")
    assert figure.title == "Escalations to Silver, by kind"
    assert dict(figure.rows) == {
        "Theme": [0, 0, 1],
        "Trend": [0, 0, 0],
        "Emerging risk": [0, 0, 0],
        "Practice issue": [1, 0, 0],
        "Resource pressure": [0, 0, 0],
        "Individual child": [0, 0, 0],
    }


def test_the_action_plan_by_rag(board):
    figure = board.figure("plan_rag")
    assert figure.columns == ["Red", "Amber", "Green", "Complete"]
    assert figure.rows == [
        ("Tackling offenders", [1, 2, 0, 0]),
        ("Reducing vulnerability", [0, 0, 1, 1]),
        ("Supporting victims and survivors", [0, 0, 0, 0]),
    ]


def test_assurance_findings(board):
    # February's audit: met, not met, not met; December's is before the period.
    assert board.figure("assurance").rows == [("Met", [1]), ("Partly met", [0]), ("Not met", [2])]


def test_the_themes_table_is_published_alike_here_and_on_the_trends_page(city):
    # Silver reads the themes table on its dashboard and on contexts' trends page. Were they
    # suppressed differently, a cell withheld on one page but shown on the other, beside
    # the first page's totals, would give a "<5" away.
    silver = UserFactory(role=Role.SILVER)
    board = dashboard_build(audience="silver", start=START, end=END, exact=False)
    trends = trends_for(user=silver, start=START, end=END).chart("themes")
    figure = board.figure("themes")
    assert [label for label, _ in figure.rows] == [label for label, _ in trends.rows]
    assert figure.published == trends.published
    assert SMALL in [cell for row in trends.published.cells for cell in row]
