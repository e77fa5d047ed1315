"""The Gold dashboard's figures on the hand-built city: October 2025 to March 2026 by
quarter (children at risk = discussed at MACE in the quarter), disproportionality against
the test city's 1,000 children, and the most vulnerable children."""

from __future__ import annotations

import pytest

from mace.governance.models import PopulationReference
from mace.governance.selectors.dashboards import dashboard_build
from tests.factories.dashboards import END, GOLD_START, QUARTERS

pytestmark = pytest.mark.django_db

WHITE_BRITISH = "White: English, Welsh, Scottish, Northern Irish or British"
WHITE_OTHER = "White: any other White background"
MIXED_WBC = "Mixed: White and Black Caribbean"
PAKISTANI = "Asian or Asian British: Pakistani"
AFRICAN = "Black, Black British, Caribbean or African: African"


@pytest.fixture
def board(city):
    return dashboard_build(audience="gold", start=GOLD_START, end=END, exact=True)


def rows(board, key):
    return board.figure(key).rows


def test_by_quarter(board):
    assert board.unit == "quarter"
    assert board.figure("scale_level").columns == QUARTERS


def test_children_at_risk_by_the_highest_level_agreed(board):
    # Oct–Dec: Amber medium, Bryn high (twice), Dylan, Felix and Cara low. Jan–Mar: Amber
    # high (twice), Bryn high, Cara, Esme and Dylan medium (the cancelled meeting's "high"
    # for Dylan does not count).
    assert rows(board, "scale_level") == [
        ("High", [1, 2]),
        ("Medium", [1, 3]),
        ("Low / emerging", [3, 0]),
        ("No apparent risk", [0, 0]),
        ("No level agreed", [0, 0]),
    ]
    assert board.figure("scale_level").table.footer == ["Total", "5", "5", "10"]


def test_by_type_of_exploitation_named_by_the_quarter_end(board):
    # Oct–Dec: Amber CSE (her online referral is February's), Bryn CCE and county lines,
    # Dylan CCE, Cara and Felix none. Jan–Mar: Amber CSE and online, Esme CSE and missing.
    assert rows(board, "scale_type") == [
        ("Child sexual exploitation", [1, 2]),
        ("Child criminal exploitation", [2, 2]),
        ("County lines", [1, 1]),
        ("Online exploitation", [0, 1]),
        ("Going missing", [0, 1]),
        ("Type not recorded", [2, 1]),
    ]
    assert board.figure("scale_type").table.footer == []


def test_by_age_on_the_quarter_end(board):
    # 31 Dec: Cara 13, Amber 14, Felix 15, Bryn 16, Dylan 17. 31 Mar: Cara 13, Amber 14,
    # Bryn 17, Dylan 18, Esme not known.
    assert rows(board, "scale_age") == [
        ("Under 10", [0, 0]),
        ("10 to 13", [1, 1]),
        ("14 to 15", [2, 1]),
        ("16 to 17", [2, 1]),
        ("18 or over", [0, 1]),
        ("Not known", [0, 1]),
    ]


def test_by_sex_ethnicity_ward_and_looked_after_status(board):
    assert rows(board, "scale_sex") == [
        ("Female", [2, 3]),
        ("Male", [3, 2]),
        ("Other", [0, 0]),
        ("Not known", [0, 0]),
    ]
    assert rows(board, "scale_ethnicity") == [
        (WHITE_BRITISH, [2, 2]),
        (WHITE_OTHER, [1, 0]),
        (MIXED_WBC, [0, 1]),
        (PAKISTANI, [1, 1]),
        (AFRICAN, [1, 1]),
    ]
    assert rows(board, "scale_ward") == [
        ("Armley", [2, 2]),
        ("Gipton & Harehills", [2, 2]),
        ("Ward not known", [1, 1]),
    ]
    assert rows(board, "scale_looked_after") == [
        ("Looked after", [1, 1]),
        ("Care leaver", [1, 1]),
        ("Not looked after", [3, 3]),
    ]


def test_the_cells_keep_their_children(board, city):
    c = city.children
    figure = board.figure("scale_level")
    assert figure.members[("Medium", "Jan–Mar 2026")] == {
        c["cara"].pk,
        c["esme"].pk,
        c["dylan"].pk,
    }


def test_disproportionality_by_ethnicity(board):
    # Six children at risk in the period; the city has 1,000.
    assert board.figure("disp_ethnicity").table.rows() == [
        [
            "Ethnicity",
            "Children at risk",
            "Share of children at risk",
            "Children in the city",
            "Share of the city's children",
            "Rate ratio",
        ],
        [WHITE_BRITISH, "2", "33.3%", "600", "60.0%", "0.56"],
        [WHITE_OTHER, "1", "16.7%", "100", "10.0%", "1.67"],
        [MIXED_WBC, "1", "16.7%", "100", "10.0%", "1.67"],
        [PAKISTANI, "1", "16.7%", "100", "10.0%", "1.67"],
        [AFRICAN, "1", "16.7%", "100", "10.0%", "1.67"],
        ["Total", "6", "100%", "1000", "100%", ""],
    ]


def test_disproportionality_by_sex_age_and_ward(board):
    assert board.figure("disp_sex").table.rows()[1:] == [
        ["Female", "3", "50.0%", "480", "48.0%", "1.04"],
        ["Male", "3", "50.0%", "520", "52.0%", "0.96"],
        ["Total", "6", "100%", "1000", "100%", ""],
    ]
    # Ages on 31 March; the city's children are 0 to 17, so "18 or over" and "not known"
    # have no city figure.
    assert board.figure("disp_age").table.rows()[1:] == [
        ["Under 10", "0", "0.0%", "500", "50.0%", "0.00"],
        ["10 to 13", "1", "16.7%", "200", "20.0%", "0.83"],
        ["14 to 15", "2", "33.3%", "150", "15.0%", "2.22"],
        ["16 to 17", "1", "16.7%", "150", "15.0%", "1.11"],
        ["18 or over", "1", "16.7%", "", "", ""],
        ["Not known", "1", "16.7%", "", "", ""],
        ["Total", "6", "100%", "1000", "100%", ""],
    ]
    assert board.figure("disp_ward").table.rows()[1:] == [
        ["Armley", "3", "50.0%", "600", "60.0%", "0.83"],
        ["Gipton & Harehills", "2", "33.3%", "400", "40.0%", "0.83"],
        ["Ward not known", "1", "16.7%", "", "", ""],
        ["Total", "6", "100%", "1000", "100%", ""],
    ]


def test_no_disproportionality_without_a_reference_table(city):
    PopulationReference.objects.filter(dimension="ward").delete()
    board = dashboard_build(audience="gold", start=GOLD_START, end=END, exact=True)
    keys = [f.key for f in board.figures]
    assert "disp_sex" in keys and "disp_ward" not in keys


def test_the_most_vulnerable_children_counted(board):
    # Open at 31 March: Amber and Bryn high; Cara rising (low, then medium) with a VRMP not
    # working (Amber's was working again by March, Felix's stopped only in April); Bryn
    # missing three times since 1 January; Felix not discussed since November; Bryn
    # escalated to Gold (Dylan's escalation closed on 15 March).
    [figure] = board.counted
    assert figure.key == "vulnerable"
    assert figure.rows == [
        ("At high risk", [2]),
        ("Risk rising since the previous discussion", [1]),
        ("VRMP not having the desired effect", [1]),
        ("Missing 3 or more times in 90 days", [1]),
        ("Not discussed at MACE for over 12 weeks", [1]),
        ("Escalated to Gold", [1]),
        ("Any of these", [4]),
    ]


def test_named_only_where_escalated_to_gold(board, city):
    assert [(row.child, row.reasons) for row in board.named_children] == [
        (
            city.children["bryn"],
            ["At high risk", "Missing 3 or more times in 90 days", "Escalated to Gold"],
        )
    ]


def test_what_was_escalated_to_gold(board):
    figure = board.figure("escalations")
    assert figure.title == "Escalations to Gold, by kind"
    assert dict(figure.rows)["Individual child"] == [0, 2]
