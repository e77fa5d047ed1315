"""The MACE, Silver and Gold dashboards: the page (a period chosen by GET; each figure a
chart, its table and a CSV link), a figure's CSV, and the drill-down from a cell to the
children behind it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from mace.governance.charts import figure_svg
from mace.governance.forms import DashboardPeriodForm
from mace.governance.permissions import can_see_governance, dashboards_seen, may_see_dashboard
from mace.governance.selectors.dashboards import (
    TITLES,
    Dashboard,
    Figure,
    dashboard_for,
    default_period,
    figure_cells_open,
    figure_children,
    figure_csv,
)


@dataclass
class FigureShown:
    """What the partial ``_figure.html`` draws: the figure (its published table), its
    chart and, on a page, its CSV link."""

    figure: Figure
    svg: str
    csv_url: str = ""


def _require(request, audience: str) -> None:
    if not may_see_dashboard(request.user, audience):
        raise Http404("No dashboard here")


def _period(request):
    """The period asked for, or the default (the last eight quarters) when none is asked
    or what was typed is not a period; the form carries the errors."""
    start, end = default_period()
    asked = any(key.startswith(("start", "end")) for key in request.GET)
    form = DashboardPeriodForm(request.GET if asked else None, initial={"start": start, "end": end})
    if asked and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return start, end, form


def _query(dashboard: Dashboard, **extra) -> str:
    return urlencode(
        {"start": dashboard.start.isoformat(), "end": dashboard.end.isoformat(), **extra}
    )


def _shown(request, dashboard: Dashboard, figure: Figure, open_cells: dict) -> FigureShown:
    audience = dashboard.audience
    cells = open_cells.get(figure.key, set())
    if cells:
        base = reverse("governance:dashboard_children", args=[audience, figure.key])
        for _, row_cells in figure.table.body:
            for cell in row_cells:
                if (cell.row, cell.column) in cells:
                    cell.href = f"{base}?{_query(dashboard, row=cell.row, col=cell.column)}"
    csv_url = reverse("governance:dashboard_csv", args=[audience, figure.key])
    return FigureShown(
        figure=figure, svg=figure_svg(figure), csv_url=f"{csv_url}?{_query(dashboard)}"
    )


def dashboard(request, audience: str):
    _require(request, audience)
    start, end, form = _period(request)
    board = dashboard_for(user=request.user, audience=audience, start=start, end=end)
    open_cells = figure_cells_open(user=request.user, dashboard=board)
    return render(
        request,
        "governance/dashboards/dashboard.html",
        {
            "dashboard": board,
            "form": form,
            "figures": [_shown(request, board, f, open_cells) for f in board.figures],
            "counted": [_shown(request, board, f, open_cells) for f in board.counted],
            "others": [(a, TITLES[a]) for a in dashboards_seen(request.user) if a != audience],
            "show_nav": can_see_governance(request.user),
        },
    )


def dashboard_csv(request, audience: str, key: str):
    _require(request, audience)
    start, end, _ = _period(request)
    name, text = figure_csv(user=request.user, audience=audience, key=key, start=start, end=end)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def dashboard_children(request, audience: str, key: str):
    _require(request, audience)
    start, end, _ = _period(request)
    row, column = request.GET.get("row", ""), request.GET.get("col", "")
    board, figure, children = figure_children(
        user=request.user,
        audience=audience,
        key=key,
        row=row,
        column=column,
        start=start,
        end=end,
    )
    return render(
        request,
        "governance/dashboards/children.html",
        {
            "dashboard": board,
            "figure": figure,
            "row": row,
            "column": column,
            "children": children,
            "back_url": reverse("governance:dashboard", args=[audience])
            + f"?{_query(board)}#{figure.key}",
        },
    )
