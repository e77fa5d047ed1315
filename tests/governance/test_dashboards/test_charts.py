"""A figure's chart is drawn from its published table (never more than the table shows,
never its row totals), as SVG the page's CSP allows."""

from __future__ import annotations

import pytest

from mace.governance.charts import chart_series, figure_svg
from mace.governance.selectors.dashboards import dashboard_build
from tests.factories.dashboards import END, GOLD_START, QUARTERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def boards(city):
    return {
        exact: dashboard_build(audience="gold", start=GOLD_START, end=END, exact=exact)
        for exact in (True, False)
    }


def test_a_chart_draws_the_columns_not_the_row_totals(boards):
    axis, series = chart_series(boards[True].figure("scale_level"))
    assert axis == QUARTERS
    assert series[:3] == [
        ("High", ["1", "2"]),
        ("Medium", ["1", "3"]),
        ("Low / emerging", ["3", "0"]),
    ]


def test_a_suppressed_chart_draws_what_the_table_shows(boards):
    figure = boards[False].figure("scale_level")
    _, series = chart_series(figure)
    assert series == [(label, [c.text for c in cells[:2]]) for label, cells in figure.table.body]
    assert all(text in ("<5", "[c]", "0", "5") for _, texts in series for text in texts)


def test_a_figure_of_one_column_draws_a_bar_per_row(boards):
    axis, series = chart_series(boards[True].figure("vulnerable"))
    assert axis[0] == "At high risk" and axis[-1] == "Any of these"
    assert series == [("", ["2", "1", "1", "1", "1", "1", "4"])]


def test_the_svg_is_safe_for_the_csp_and_titled(boards):
    for key in ("scale_level", "disp_sex", "vulnerable"):
        svg = figure_svg(boards[False].figure(key))
        assert svg.startswith("<svg ") and 'role="img"' in svg
        assert "style=" not in svg and "<style" not in svg
        assert f'id="figure-{key}-title"' in svg
    assert figure_svg(boards[True].figure("scale_ward")) == ""  # drawn as a table only
