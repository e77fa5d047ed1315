"""Who sees which dashboard, exact or suppressed; the children Gold's list names; the
drill-down from a cell to its children (only for a reader who may see every one, each
logged); and a Gold cell's count traced to the children behind it."""

from __future__ import annotations

import pytest
from django.http import Http404

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core.suppression import HIDDEN, SMALL
from mace.governance.permissions import may_see_dashboard
from mace.governance.selectors.dashboards import (
    dashboard_build,
    dashboard_for,
    figure_cells_open,
    figure_children,
)
from mace.people.models import Child
from tests.factories import ChildFactory, escalated
from tests.factories.dashboards import END, GOLD_START, START, more_of_everything

pytestmark = pytest.mark.django_db

SEES = {
    Role.COORDINATOR: {"mace", "silver", "gold"},
    Role.CHAIR: {"mace", "silver", "gold"},
    Role.ANALYST: {"mace", "silver", "gold"},
    Role.SILVER: {"silver", "gold"},
    Role.GOLD: {"gold"},
    Role.MEMBER: set(),
    Role.REFERRER: set(),
    Role.AUDITOR: set(),
    Role.ADMIN: set(),
}


def test_every_role_is_in_the_table():
    assert set(SEES) == set(Role.values)


@pytest.mark.parametrize("role", Role.values)
def test_who_may_see_each_dashboard(make_user, role):
    user = make_user(role)
    assert {a for a in ("mace", "silver", "gold") if may_see_dashboard(user, a)} == SEES[role]
    assert not may_see_dashboard(user, "bronze")


def test_an_inactive_gold_member_sees_none(make_user):
    assert not may_see_dashboard(make_user(Role.GOLD, is_active=False), "gold")


def _cells(figure) -> list[str]:
    table = figure.table
    return [c.text for _, cells in table.body for c in cells] + table.footer[1:]


def test_silver_and_gold_read_suppressed_tables(city):
    exact = dashboard_for(user=city.coordinator, audience="gold", start=GOLD_START, end=END)
    for user in (city.silver, city.gold):
        board = dashboard_for(user=user, audience="gold", start=GOLD_START, end=END)
        assert board.exact is False
        figure = board.figure("scale_sex")
        # Every count is 2 or 3 (or 0): each is "<5", and nothing shown gives one away.
        assert figure.published.cells == [
            [SMALL, SMALL],
            [SMALL, SMALL],
            ["0", "0"],
            ["0", "0"],
        ]
        shown = _cells(figure)
        assert not {"1", "2", "3", "4"} & set(shown)
    assert exact.exact is True
    assert exact.figure("scale_sex").published.cells == [
        ["2", "3"],
        ["3", "2"],
        ["0", "0"],
        ["0", "0"],
    ]


def test_a_suppressed_count_withholds_its_share_and_ratio(city):
    board = dashboard_for(user=city.gold, audience="gold", start=GOLD_START, end=END)
    table = board.figure("disp_sex").table
    for _, cells in table.body:
        assert cells[0].text in (SMALL, HIDDEN)
        assert cells[1].text == HIDDEN and cells[4].text == HIDDEN
        assert cells[2].text in ("480", "520")  # the city's figures are public


def test_figures_that_count_no_children_are_exact_for_silver(city):
    board = dashboard_for(user=city.silver, audience="silver", start=START, end=END)
    assert board.figure("plan_rag").published.cells[0] == ["1", "2", "0", "0"]
    themes = board.figure("themes").published.cells
    assert themes == [[SMALL, SMALL, "0"], [SMALL, "0", SMALL]]


@pytest.mark.parametrize("audience", ["mace", "silver", "gold"])
def test_a_reader_who_may_not_see_the_dashboard_gets_404(city, make_user, audience):
    with pytest.raises(Http404):
        dashboard_for(user=make_user(Role.MEMBER), audience=audience, start=START, end=END)
    if audience != "gold":
        with pytest.raises(Http404):
            dashboard_for(user=city.gold, audience=audience, start=START, end=END)


def test_the_view_is_logged(city):
    dashboard_for(user=city.silver, audience="silver", start=START, end=END)
    event = Event.objects.get(verb=Event.Verb.DASHBOARD_VIEWED)
    assert event.actor == city.silver
    assert event.payload == {
        "dashboard": "silver",
        "from": "2026-01-01",
        "to": "2026-03-31",
        "suppressed": True,
    }


def test_building_logs_nothing(city):
    before = Event.objects.count()
    dashboard_build(audience="gold", start=GOLD_START, end=END, exact=False)
    assert Event.objects.count() == before


def test_gold_names_the_child_escalated_to_it_logged(city):
    board = dashboard_for(user=city.gold, audience="gold", start=GOLD_START, end=END)
    bryn = city.children["bryn"]
    assert [(row.child, row.locked) for row in board.named_children] == [(bryn, False)]
    listed = Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=city.gold)
    assert list(listed.values_list("child_id", flat=True)) == [bryn.pk]
    # Amber (at high risk, escalated to Silver only) is counted, never named.
    amber = city.children["amber"]
    assert amber not in [row.child for row in board.named_children]
    assert not listed.filter(child=amber).exists()


def test_silver_reads_a_child_escalated_only_to_gold_as_a_child(city):
    board = dashboard_for(user=city.silver, audience="gold", start=GOLD_START, end=END)
    assert [row.locked for row in board.named_children] == [True]
    assert not Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=city.silver).exists()


# The drill-down.


def _drill(user, key, row, column, audience="gold", start=GOLD_START):
    return figure_children(
        user=user, audience=audience, key=key, row=row, column=column, start=start, end=END
    )


def test_a_coordinator_follows_a_cell_to_its_children_each_logged(city):
    c = city.children
    _, figure, children = _drill(city.coordinator, "scale_level", "Medium", "Jan–Mar 2026")
    assert children == [c["cara"], c["dylan"], c["esme"]]  # by family name
    events = Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=city.coordinator)
    assert {e.child_id for e in events} == {c["cara"].pk, c["dylan"].pk, c["esme"].pk}
    assert events.first().payload["figure"] == "scale_level"
    assert events.first().payload["row"] == "Medium"


@pytest.mark.parametrize(
    ("key", "row", "column"),
    [
        ("scale_level", "High", "Jan–Mar 2026"),  # Amber and Bryn: Amber not Gold's
        ("vulnerable", "Risk rising since the previous discussion", "Children"),  # Cara
        ("disp_ward", "Gipton & Harehills", "Children at risk"),  # Bryn and Cara
    ],
)
def test_gold_gets_404_on_a_cell_with_a_child_not_escalated_to_it(city, key, row, column):
    with pytest.raises(Http404):
        _drill(city.gold, key, row, column)
    assert not Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED).exists()


def test_a_cell_or_figure_that_is_not_there_is_404(city):
    for key, row, column in (
        ("scale_level", "Enormous", "Jan–Mar 2026"),
        ("scale_level", "High", "Apr–Jun 2026"),
        ("plan_rag", "Tackling offenders", "Red"),  # not a figure of children
        ("nothing", "High", "Jan–Mar 2026"),
    ):
        with pytest.raises(Http404):
            _drill(city.coordinator, key, row, column)
    with pytest.raises(Http404):  # the MACE dashboard is not Gold's
        _drill(city.gold, "open_by_level", "High", "Children open", audience="mace", start=START)


def test_a_restricted_record_is_listed_as_such_to_the_core_group(city):
    cara = city.children["cara"]
    cara.restricted = True
    cara.save(update_fields=["restricted"])
    _, _, children = _drill(city.coordinator, "scale_level", "Medium", "Jan–Mar 2026")
    assert [(c.pk, c.locked) for c in children] == [
        (cara.pk, True),
        (city.children["dylan"].pk, False),
        (city.children["esme"].pk, False),
    ]
    assert Event.objects.filter(verb=Event.Verb.RESTRICTED_LISTED, child=cara).exists()


@pytest.mark.parametrize(
    ("key", "row", "column"),
    [
        ("scale_level", "Medium", "Jan–Mar 2026"),
        ("scale_type", "Child criminal exploitation", "Oct–Dec 2025"),
        ("scale_age", "14 to 15", "Oct–Dec 2025"),
        ("scale_ward", "Armley", "Jan–Mar 2026"),
        (
            "disp_ethnicity",
            "White: English, Welsh, Scottish, Northern Irish or British",
            "Children at risk",
        ),
        ("vulnerable", "Any of these", "Children"),
    ],
)
def test_a_gold_cell_counts_the_children_its_drill_down_lists(city, key, row, column):
    """Traceability: the figure's number is the number of children behind it."""
    board = dashboard_build(audience="gold", start=GOLD_START, end=END, exact=True)
    count = board.figure(key).count(row, column)
    assert count > 0
    _, _, children = _drill(city.analyst, key, row, column)
    assert len(children) == count
    assert (
        Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=city.analyst).count() == count
    )


def test_a_child_added_since_changes_no_cell_of_the_period(city):
    ChildFactory(family_name="Zephyrwood")  # never discussed
    board = dashboard_build(audience="gold", start=GOLD_START, end=END, exact=True)
    assert board.figure("scale_level").table.footer == ["Total", "5", "5", "10"]


def test_golds_scale_figures_publish_their_shared_totals_alike(city):
    # The scale figures split the same children each quarter; a quarter's total shown in
    # one and withheld in another would be shown in both, so they are published together.
    board = dashboard_for(user=city.gold, audience="gold", start=GOLD_START, end=END)
    linked = [f for f in board.figures if f.key.startswith("scale_") and f.totals and f.rows]
    assert len(linked) >= 3
    shared = {(tuple(f.published.column_totals), f.published.total) for f in linked}
    assert len(shared) == 1


def _gold_sees_more(city) -> set:
    """Six more children, each in Middleton Park and escalated to Gold: cells of five or
    more that Gold may open."""
    more_of_everything(city)
    extra = list(Child.objects.filter(addresses__ward__name="Middleton Park"))
    escalated(city.chair, to="gold", kind="child", children=extra, title="Middleton Park")
    return {c.pk for c in extra}


def test_gold_follows_a_cell_shown_as_a_number_whose_children_it_may_all_see(city):
    extra = _gold_sees_more(city)
    board = dashboard_for(user=city.gold, audience="gold", start=GOLD_START, end=END)
    cells = figure_cells_open(user=city.gold, dashboard=board)
    followed = [(key, cell) for key, open_cells in cells.items() for cell in open_cells]
    assert followed
    for key, (row, column) in followed:
        figure = board.figure(key)
        text = figure.published.cells[[r for r, _ in figure.rows].index(row)][
            figure.columns.index(column)
        ]
        assert text.isdigit() and int(text) >= 5
    key, (row, column) = followed[0]
    _, _, children = _drill(city.gold, key, row, column)
    assert {c.pk for c in children} <= extra and len(children) >= 5
    logged = Event.objects.filter(
        verb=Event.Verb.CHILDREN_LISTED, actor=city.gold, payload__figure=key
    )
    assert {e.child_id for e in logged} == {c.pk for c in children}


@pytest.mark.parametrize(
    ("who", "audience", "key", "row", "column"),
    [
        # Bryn alone, escalated to Gold: a "<5" of one child Gold may see.
        ("gold", "gold", "vulnerable", "Missing 3 or more times in 90 days", "Children"),
        # Oct–Dec medium: Amber alone, escalated to Silver.
        ("silver", "gold", "scale_level", "Medium", "Oct–Dec 2025"),
    ],
)
def test_a_cell_shown_under_five_is_not_followed_outside_the_core_group(
    city, who, audience, key, row, column
):
    # Listing its children would count it, and beside the totals give its neighbours away.
    user = getattr(city, who)
    with pytest.raises(Http404):
        _drill(user, key, row, column, audience=audience)
    board = dashboard_for(user=user, audience=audience, start=GOLD_START, end=END)
    assert (row, column) not in figure_cells_open(user=user, dashboard=board)[key]
    drilled = Event.objects.filter(verb=Event.Verb.CHILDREN_LISTED, actor=user, payload__figure=key)
    assert not drilled.exists()
    _, _, children = _drill(city.coordinator, key, row, column, audience=audience)
    assert children  # the core group follows it


def test_the_core_group_may_follow_every_cell_with_children(city):
    everything = figure_cells_open(
        user=city.coordinator,
        dashboard=dashboard_build(audience="gold", start=GOLD_START, end=END, exact=True),
    )
    assert ("High", "Jan–Mar 2026") in everything["scale_level"]
    assert ("No apparent risk", "Jan–Mar 2026") not in everything["scale_level"]  # empty


def test_a_figure_that_does_not_split_the_same_children_is_published_alone():
    # A child left out of one figure (deleted since, say) leaves its sums apart: linking
    # it would be wrong, and would stop the page. It is published alone; the others linked.
    from mace.governance.selectors.dashboard_figures import Figure
    from mace.governance.selectors.dashboards import _publish_all

    columns = ["Q1", "Q2"]

    def figure(key, rows, totals=True):
        return Figure(
            key=key,
            title=key,
            row_label="Row",
            columns=columns,
            rows=rows,
            totals=totals,
            splits="scale",
        )

    level = figure("level", [("High", [10, 8]), ("Low", [8, 10])])
    sex = figure("sex", [("Female", [9, 9]), ("Male", [9, 9])])
    short = figure("short", [("A", [9, 9]), ("B", [8, 9])])  # one child fewer in Q1
    types = figure("types", [("CCE", [15, 15]), ("CSE", [3, 3])], totals=False)
    thin = figure("thin", [("CCE", [5, 5]), ("CSE", [3, 3])], totals=False)  # below the totals
    _publish_all([level, sex, short, types, thin], exact=False)
    assert all(f.published is not None for f in (level, sex, short, types, thin))
    assert level.published.column_totals == sex.published.column_totals
    # The cover's "<5" (3 of 18, beside 15) is protected with the tables, not alone.
    assert types.published.cells[1] == [SMALL, SMALL]
    assert HIDDEN in [*types.published.cells[0], *level.published.column_totals]
