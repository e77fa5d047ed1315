"""The MACE, Silver and Gold dashboards (issue 13 item 4): what each shows, as its reader
may see it.

``dashboard_build`` counts every figure for a period with no user (a report or the CLI
calls it; it logs nothing) and publishes each table: exact for the MACE core group,
otherwise through ``core.suppression.publish`` (a count of 1 to 4 is "<5", and
whatever would give one away is withheld). ``dashboard_for`` is a reader's page: it checks
the reader may see that audience's dashboard, logs the view and each child it names (Gold's
most vulnerable children escalated to Gold). ``figure_children`` is the drill-down from a
cell to the children behind it: only for a reader who may see every one of them (404
otherwise), each child logged. The figures themselves are counted in
``selectors.dashboard_figures``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.http import Http404

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.contexts.permissions import is_core_group
from mace.core import clock, csvsafe
from mace.core.suppression import HIDDEN, Published, publish, publish_linked
from mace.governance.permissions import DASHBOARD_AUDIENCES, may_see_dashboard
from mace.governance.selectors.dashboard_figures import (
    MONTH,
    QUARTER,
    Figure,
    NamedChild,
    Window,
    gold_figures,
    mace_figures,
    period_start,
    periods_of,
    silver_figures,
)
from mace.people.models import Child
from mace.people.selectors import children_visible_to, rows_shown

__all__ = [
    "AUDIENCES",
    "Cell",
    "Dashboard",
    "Figure",
    "NamedChild",
    "Table",
    "dashboard_build",
    "dashboard_for",
    "default_period",
    "figure_cells_open",
    "figure_children",
    "figure_csv",
    "figure_table",
]

AUDIENCES = DASHBOARD_AUDIENCES
TITLES = {"mace": "MACE dashboard", "silver": "Silver dashboard", "gold": "Gold dashboard"}
UNITS = {"mace": MONTH, "silver": MONTH, "gold": QUARTER}
DEFAULT_QUARTERS = 8


@dataclass
class Dashboard:
    """One audience's figures for a period. ``exact``: published as counted (the MACE
    core group); otherwise every figure counting children is suppressed. Gold's most
    vulnerable children are ``named_children`` where escalated to Gold, and otherwise
    counted in ``counted``."""

    audience: str
    start: dt.date
    end: dt.date
    exact: bool
    figures: list[Figure]
    unit: str = MONTH
    named_children: list[NamedChild] = field(default_factory=list)
    counted: list[Figure] = field(default_factory=list)

    @property
    def title(self) -> str:
        return TITLES[self.audience]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in [*self.figures, *self.counted] if f.key == key), None)


def default_period() -> tuple[dt.date, dt.date]:
    """The last eight quarters up to today (this one included)."""
    today = clock.today()
    return period_start(today, QUARTER) - relativedelta(months=3 * (DEFAULT_QUARTERS - 1)), today


# Publishing: the table a reader sees of a figure (the page, the CSV and a report alike).


@dataclass
class Cell:
    text: str
    row: str = ""
    column: str = ""
    href: str = ""  # a drill-down link, set by a page for a reader who may follow it


@dataclass
class Table:
    header: list[str]
    body: list[tuple[str, list[Cell]]]
    footer: list[str]  # [] when the figure has no totals

    def rows(self) -> list[list[str]]:
        """Every row as text: the header, the body, the totals (what the CSV writes)."""
        out = [list(self.header)]
        out += [[label, *(c.text for c in cells)] for label, cells in self.body]
        if self.footer:
            out.append(list(self.footer))
        return out


def _published(figure: Figure, exact: bool) -> Published:
    counts = [list(counts) for _, counts in figure.rows]
    return publish(counts, exact=exact or not figure.counts_children, totals=figure.totals)


def _column_sums(figure: Figure) -> list[int]:
    return [sum(column) for column in zip(*(c for _, c in figure.rows), strict=True)]


def _publish_all(figures: list[Figure], exact: bool) -> None:
    """Publish every figure. Outside the core group, the figures that split the same
    children (``Figure.splits``: Gold's scale by level, age, sex ... and by type; its
    disproportionality figures) are published together (``publish_linked``), so that read
    side by side they give no "<5" away either. The same for every reader: what a figure
    publishes never depends on who reads it, so no two readings can be set side by side."""
    linked: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        if not exact and figure.counts_children and figure.splits and figure.rows:
            linked[figure.splits].append(figure)
        else:
            figure.published = _published(figure, exact)
    for group in linked.values():
        # Linked are the tables over the same children (the same column sums as the first)
        # and the covers that count each of them at least once; any other figure of the
        # group (a child left out of one of them, say) is published alone.
        tables = [f for f in group if f.totals]
        sums = _column_sums(tables[0]) if tables else None
        tables = [f for f in tables if _column_sums(f) == sums]
        covers = [
            f
            for f in group
            if not f.totals
            and sums is not None
            and len(_column_sums(f)) == len(sums)
            and all(a >= b for a, b in zip(_column_sums(f), sums, strict=True))
        ]
        together = {id(f) for f in [*tables, *covers]}
        for figure in group:
            if id(figure) not in together:
                figure.published = _published(figure, exact)
        if not tables:
            continue
        published, covered = publish_linked(
            [[list(c) for _, c in f.rows] for f in tables],
            [[list(c) for _, c in f.rows] for f in covers],
        )
        for figure, table in zip([*tables, *covers], [*published, *covered], strict=True):
            figure.published = table


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"


def _rate_table(figure: Figure, published: Published) -> Table:
    """Children at risk, their share, the city's children, their share, the rate ratio. A
    share or ratio is worked out only from counts the reader sees (so none gives away a
    suppressed count): where the count or the total is withheld, so are they."""
    total = _number(published.column_totals[0]) if published.column_totals else None
    city_total = sum(n for n in figure.reference or [] if n)
    body = []
    rows = zip(figure.rows, published.cells, figure.reference, strict=True)
    for (label, _), cells, city in rows:
        n = _number(cells[0])
        withheld = n is None or total is None
        share = HIDDEN if withheld else _percent(n, total) if total else ""
        ratio = ""
        if city and withheld:
            ratio = HIDDEN
        elif city and total:
            ratio = f"{(n / total) / (city / city_total):.2f}"
        texts = [
            share,
            "" if city is None else str(city),
            _percent(city, city_total) if city is not None and city_total else "",
            ratio,
        ]
        body.append((label, [Cell(cells[0], label, figure.columns[0]), *map(Cell, texts)]))
    grand = published.column_totals[0] if published.column_totals else ""
    return Table(
        header=[
            figure.row_label,
            "Children at risk",
            "Share of children at risk",
            "Children in the city",
            "Share of the city's children",
            "Rate ratio",
        ],
        body=body,
        footer=["Total", grand, "100%" if total else "", str(city_total), "100%", ""],
    )


def figure_table(figure: Figure) -> Table:
    """The figure's published table with its totals: what a reader sees."""
    published = figure.published
    if figure.reference is not None:
        return _rate_table(figure, published)
    single = len(figure.columns) == 1
    row_totals = figure.totals and not single
    header = [figure.row_label, *figure.columns, *(["Total"] if row_totals else [])]
    body = []
    for i, (label, _) in enumerate(figure.rows):
        cells = [
            Cell(text, label, column)
            for text, column in zip(published.cells[i], figure.columns, strict=True)
        ]
        if row_totals:
            cells.append(Cell(published.row_totals[i]))
        body.append((label, cells))
    footer = []
    if figure.totals and figure.rows:
        footer = ["Total", *published.column_totals, *([published.total] if row_totals else [])]
    return Table(header=header, body=body, footer=footer)


def dashboard_build(*, audience: str, start: dt.date, end: dt.date, exact: bool) -> Dashboard:
    """Every figure of one audience's dashboard for the period (from the start of the month,
    or of the quarter for Gold, that holds ``start``), published exact or suppressed.
    No user, nothing logged: the caller decides who may see it."""
    if audience not in AUDIENCES:
        raise ValueError(f"No dashboard for {audience!r}")
    unit = UNITS[audience]
    start = period_start(start, unit)
    window = Window(start=start, end=end, unit=unit, periods=periods_of(start, end, unit))
    counted, named = [], []
    if audience == "mace":
        figures = mace_figures(window)
    elif audience == "silver":
        figures = silver_figures(window)
    else:
        figures, counted, named = gold_figures(window)
    _publish_all([*figures, *counted], exact)
    for figure in [*figures, *counted]:
        figure.table = figure_table(figure)
    return Dashboard(
        audience=audience,
        start=start,
        end=end,
        exact=exact,
        figures=figures,
        unit=unit,
        named_children=named,
        counted=counted,
    )


def _period_payload(dashboard: Dashboard) -> dict:
    return {
        "dashboard": dashboard.audience,
        "from": dashboard.start.isoformat(),
        "to": dashboard.end.isoformat(),
        "suppressed": not dashboard.exact,
    }


def _require(user, audience: str) -> None:
    if not may_see_dashboard(user, audience):
        raise Http404("No dashboard here")


def dashboard_for(*, user, audience: str, start: dt.date, end: dt.date) -> Dashboard:
    """One audience's dashboard as this user may see it (Http404 for one they may not): exact
    for the MACE core group, suppressed for Silver and Gold. The view is logged, and each
    child named (Gold's escalated most vulnerable children) is logged as listed; one the
    reader may not see is ``locked`` ("A child")."""
    _require(user, audience)
    dashboard = dashboard_build(audience=audience, start=start, end=end, exact=is_core_group(user))
    event_record(actor=user, verb=Event.Verb.DASHBOARD_VIEWED, payload=_period_payload(dashboard))
    if dashboard.named_children:
        dashboard.named_children = rows_shown(
            user=user,
            rows=dashboard.named_children,
            child_of=lambda row: row.child,
            payload={"dashboard": audience, "list": "most vulnerable, escalated to Gold"},
        )
    return dashboard


def figure_cells_open(*, user, dashboard: Dashboard) -> dict[str, set[tuple[str, str]]]:
    """For each drillable figure, the cells whose children this user may follow (so a page
    links them): every non-empty cell for the MACE core group (a restricted record is
    listed as such); for anyone else the cells shown as a number whose children are all
    open to them. A cell shown "<5" or withheld never opens outside the core group: its
    list would count it. Nothing is read of the children, so nothing is logged."""
    figures = [f for f in [*dashboard.figures, *dashboard.counted] if f.drillable]
    if is_core_group(user):
        return {f.key: {cell for cell, ids in f.members.items() if ids} for f in figures}
    wanted = set().union(*(ids for f in figures for ids in f.members.values()))
    visible = (
        set(children_visible_to(user).filter(pk__in=list(wanted)).values_list("pk", flat=True))
        if wanted
        else set()
    )
    return {
        f.key: {
            cell
            for cell, ids in f.members.items()
            if ids and ids <= visible and _shown_exactly(f, cell)
        }
        for f in figures
    }


def _shown_exactly(figure: Figure, cell: tuple[str, str]) -> bool:
    """Whether the published table shows this cell's number. A cell shown as "<5" or
    withheld ("[c]") never opens outside the core group: its list of children would count
    it, and the suppression assumed the reader could not."""
    rows = [label for label, _ in figure.rows]
    row, column = cell
    if row not in rows or column not in figure.columns:
        return False
    text = figure.published.cells[rows.index(row)][figure.columns.index(column)]
    return _number(text) is not None


def figure_children(
    *, user, audience: str, key: str, row: str, column: str, start: dt.date, end: dt.date
) -> tuple[Dashboard, Figure, list[Child]]:
    """The children behind one cell of a figure, for a reader who may see every one of
    them (Http404 otherwise, and for a figure or cell that is not there), each logged as
    listed. The MACE core group reaches every child: a restricted record they may not open
    is listed as such (``locked``)."""
    _require(user, audience)
    dashboard = dashboard_build(audience=audience, start=start, end=end, exact=is_core_group(user))
    figure = dashboard.figure(key)
    if figure is None or not figure.drillable or (row, column) not in figure.members:
        raise Http404("No such figure")
    ids = figure.members[(row, column)]
    if not is_core_group(user):
        visible = set(
            children_visible_to(user).filter(pk__in=list(ids)).values_list("pk", flat=True)
        )
        if visible != ids or not _shown_exactly(figure, (row, column)):
            raise Http404("No such figure")
    children = Child.objects.filter(pk__in=list(ids)).order_by("family_name", "given_name", "pk")
    shown = rows_shown(
        user=user,
        rows=children,
        payload={
            **_period_payload(dashboard),
            "figure": key,
            "row": row,
            "column": column,
        },
    )
    return dashboard, figure, shown


def figure_csv(*, user, audience: str, key: str, start: dt.date, end: dt.date) -> tuple[str, str]:
    """One figure's table as CSV, exactly as the page shows it to this user (Http404 for a
    dashboard they may not see or a figure it has not), and its file name; the download is
    logged."""
    _require(user, audience)
    dashboard = dashboard_build(audience=audience, start=start, end=end, exact=is_core_group(user))
    figure = dashboard.figure(key)
    if figure is None:
        raise Http404("No such figure")
    out = io.StringIO()
    csvsafe.writer(out).writerows(figure.table.rows())
    event_record(
        actor=user,
        verb=Event.Verb.FIGURE_EXPORTED,
        payload={**_period_payload(dashboard), "figure": key},
    )
    name = f"mace-{audience}-{key}-{dashboard.start:%Y%m%d}-{dashboard.end:%Y%m%d}.csv"
    return name, out.getvalue()
