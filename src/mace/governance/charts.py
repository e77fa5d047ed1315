"""A dashboard figure's chart: matplotlib SVG, drawn from the *published* table (so a chart
never shows more than its table), made safe for the page's CSP by
``mace.contexts.charts.csp_safe``.

Bars per column (a month, a quarter, or a category such as a RAG status), a series per
row; or lines over the periods; a disproportionality figure draws each category's rate
ratio against a line at 1. A count shown as "<5" is a dashed outline up to 5, labelled
"<5"; a withheld one ("[c]") is not drawn and labelled "[c]".
"""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure as Canvas
from matplotlib.patches import Patch

# Importing it sets matplotlib up as the trends page uses it (no screen; text never maths).
from mace.contexts.charts import COLOURS, MOST_SERIES, csp_safe
from mace.core.suppression import HIDDEN, SMALL
from mace.governance.selectors.dashboard_figures import QUARTER, Figure

SMALL_TOP = 5


def _value(text: str) -> float | None:
    try:
        return float(text.rstrip("%"))
    except ValueError:
        return None


def _axis_label(figure: Figure) -> str:
    if figure.unit == QUARTER:
        return "Quarter"
    if figure.unit:
        return "Month"
    return figure.row_label if len(figure.columns) == 1 else ""


def chart_series(figure: Figure) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """What a bar or line chart draws, from the published table: the labels along the
    axis, and each series' texts at them ("12", "<5", "[c]"). A figure of one column draws
    a bar per row; any other a series per row (the largest MOST_SERIES, as the table
    orders them) over its columns, never its row totals."""
    body = figure.table.body
    if len(figure.columns) == 1:
        return [label for label, _ in body], [("", [cells[0].text for _, cells in body])]
    n = len(figure.columns)
    series = [(label, [c.text for c in cells[:n]]) for label, cells in body]
    return list(figure.columns), series[:MOST_SERIES]


def _draw_bars(ax, figure: Figure) -> bool:
    single = len(figure.columns) == 1
    xs_labels, series = chart_series(figure)
    width = 0.8 / max(1, len(series))
    drawn = False
    for s, (_, texts) in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        for i, text in enumerate(texts):
            x = i - 0.4 + width * (s + 0.5)
            if text == SMALL:
                ax.bar(x, SMALL_TOP, width=width, fill=False, edgecolor=colour, linestyle="--")
                ax.text(x, SMALL_TOP, SMALL, ha="center", va="bottom", fontsize=7)
                drawn = True
            elif text == HIDDEN:
                ax.text(x, 0, HIDDEN, ha="center", va="bottom", fontsize=7)
                drawn = True
            else:
                n = _value(text) or 0
                if n:
                    ax.bar(x, n, width=width, color=colour)
                    ax.text(x, n, text, ha="center", va="bottom", fontsize=7)
                    drawn = True
    _ticks(ax, xs_labels)
    if not single and series:
        _legend(ax, figure, [label for label, _ in series])
    return drawn


def _draw_lines(ax, figure: Figure) -> bool:
    drawn = False
    labels = []
    xs_labels, series = chart_series(figure)
    for s, (label, texts) in enumerate(series):
        colour = COLOURS[s % len(COLOURS)]
        values = [_value(t) if t not in (SMALL, HIDDEN) else None for t in texts]
        xs = list(range(len(values)))
        ax.plot(
            xs,
            [v if v is not None else float("nan") for v in values],
            color=colour,
            marker="o",
            markersize=3,
        )
        for x, text in zip(xs, texts, strict=True):
            if text == SMALL:
                ax.plot([x], [SMALL_TOP], marker="o", markersize=5, fillstyle="none", color=colour)
        drawn = drawn or any(v for v in values) or SMALL in texts
        labels.append(label)
    _ticks(ax, xs_labels)
    if labels:
        _legend(ax, figure, labels)
    return drawn


def _draw_ratios(ax, figure: Figure) -> bool:
    table = figure.table
    labels, drawn = [], False
    for i, (label, cells) in enumerate(table.body):
        labels.append(label)
        ratio = cells[4].text
        value = _value(ratio)
        if value is not None:
            ax.bar(i, value, width=0.6, color=COLOURS[0])
            ax.text(i, value, ratio, ha="center", va="bottom", fontsize=7)
            drawn = True
        elif ratio == HIDDEN:
            ax.text(i, 0, HIDDEN, ha="center", va="bottom", fontsize=7)
    ax.axhline(1.0, color="#505a5f", linestyle="--", linewidth=1)
    _ticks(ax, labels)
    ax.set_ylabel("Rate ratio (1 = in proportion)")
    return drawn


def _ticks(ax, labels: list[str]) -> None:
    long = len(labels) > 6 or any(len(label) > 14 for label in labels)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(
        [label if len(label) <= 40 else label[:38] + "…" for label in labels],
        rotation=45 if long else 0,
        ha="right" if long else "center",
        fontsize=8,
    )


def _legend(ax, figure: Figure, labels: list[str]) -> None:
    handles = [
        Patch(facecolor=COLOURS[s % len(COLOURS)], label=label) for s, label in enumerate(labels)
    ]
    ax.legend(
        handles=handles,
        title=figure.row_label,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )


def figure_svg(figure: Figure) -> str:
    """The figure's chart as inline SVG ("" for a figure drawn as a table only)."""
    if figure.chart == "none" or figure.table is None:
        return ""
    columns = len(figure.table.body) if len(figure.columns) == 1 else len(figure.columns)
    width = max(7.5, min(16.0, 2.5 + 0.45 * columns))
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": figure.key, "font.size": 9}
    ):
        canvas = Canvas(figsize=(width, 4.4))
        ax = canvas.subplots()
        if figure.reference is not None:
            drawn = _draw_ratios(ax, figure)
        elif figure.chart == "line":
            drawn = _draw_lines(ax, figure)
        else:
            drawn = _draw_bars(ax, figure)
        if figure.reference is None:
            ax.set_ylabel(f"Number of {figure.counted}")
            ax.set_ylim(bottom=0)
        ax.set_xlabel(_axis_label(figure))
        ax.set_title(figure.title, fontsize=10)
        ax.yaxis.get_major_locator().set_params(integer=figure.reference is None)
        ax.spines[["top", "right"]].set_visible(False)
        if not drawn:
            ax.text(
                0.5,
                0.5,
                "Nothing counted in this period",
                transform=ax.transAxes,
                ha="center",
                va="center",
            )
        canvas.tight_layout()
        out = io.StringIO()
        canvas.savefig(out, format="svg", metadata={"Date": None})
    return csp_safe(out.getvalue(), prefix=f"figure-{figure.key}", title=figure.title)
