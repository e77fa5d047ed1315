"""The trends page's charts: matplotlib (the Agg backend, nothing on screen) drawing SVG
that is put in the page inline.

The page's Content-Security-Policy allows no inline style, so the SVG matplotlib writes is
rewritten to carry presentation attributes (``fill="#1d70b8"``) instead of ``style``, and
its ``<style>`` element and metadata are dropped. Text stays text (``svg.fonttype`` none),
so a screen reader and a search of the page find the figures. Each element's id is
prefixed with the chart's key, so that several charts on one page share no id.

The chart draws what the table beside it publishes (``Chart.published``): a count shown
as "<5" (ADR 32) is a dashed outline of a bar reaching 5 (the top of the range it stands
for), unfilled, and labelled "<5"; a count withheld as "[c]" (ADR 39) is not drawn, only
labelled "[c]"; a count shown is drawn filled and labelled with its number.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
# Names typed by users ("$5 deals") are text, never mathematics to typeset.
matplotlib.rcParams["text.parse_math"] = False

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from mace.contexts.selectors.trends import SMALLEST_SHOWN, Chart  # noqa: E402
from mace.core.suppression import HIDDEN, SMALL  # noqa: E402

# GOV.UK colours, told apart by more than hue in the table beside each chart.
COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#912b88", "#505a5f"]
MOST_SERIES = 8  # the chart draws the largest groups; the table beside it has them all

_STYLE = re.compile(r'style="([^"]*)"')
_PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "text-anchor",
    "font-size",
    "font-family",
    "font-weight",
    "font-style",
    "dominant-baseline",
}


def _font(value: str) -> dict[str, str]:
    """``font: 400 10px 'DejaVu Sans'`` as its attributes."""
    out: dict[str, str] = {}
    tokens = value.split()
    for i, token in enumerate(tokens):
        if token.endswith("px"):
            out["font-size"] = token
            family = " ".join(tokens[i + 1 :]).replace("'", "").replace('"', "")
            if family:
                out["font-family"] = f"{family}, Arial, sans-serif"
            for before in tokens[:i]:
                if before.isdigit() or before in {"bold", "normal"}:
                    out["font-weight"] = before
                elif before in {"italic", "oblique"}:
                    out["font-style"] = before
            break
    return out


def _attributes(match: re.Match) -> str:
    attrs: dict[str, str] = {}
    for part in match.group(1).split(";"):
        if ":" not in part:
            continue
        name, value = (p.strip() for p in part.split(":", 1))
        if name == "font":
            attrs.update(_font(value))
        elif name in _PRESENTATION:
            attrs[name] = value.replace('"', "'")
    return " ".join(f'{name}="{value}"' for name, value in attrs.items())


def csp_safe(svg: str, *, prefix: str, title: str) -> str:
    """matplotlib's SVG as an inline element the page's CSP allows."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = _STYLE.sub(_attributes, svg)
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = svg.replace("url(#", f"url(#{prefix}-").replace('href="#', f'href="#{prefix}-')
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;")
    svg = svg.replace(
        "<svg ",
        f'<svg width="100%" role="img" aria-labelledby="{prefix}-title" '
        'stroke-linejoin="round" stroke-linecap="butt" focusable="false" ',
        1,
    )
    return re.sub(
        r"(<svg[^>]*>)", rf'\1<title id="{prefix}-title">{safe_title}</title>', svg, count=1
    )


def chart_svg(chart: Chart) -> str:
    """A grouped bar chart of the chart's counts per period, as inline SVG."""
    periods = chart.periods
    series = chart.rows[:MOST_SERIES]
    width = max(7.5, min(16.0, 1.0 + 0.28 * len(periods) * max(1, len(series))))
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": chart.key, "font.size": 10}
    ):
        figure = Figure(figsize=(width, 4.2))
        ax = figure.subplots()
        bar = 0.8 / max(1, len(series))
        top = 1
        for s, ((_label, counts), texts) in enumerate(
            zip(series, chart.published.cells, strict=False)
        ):
            colour = COLOURS[s % len(COLOURS)]
            xs = [i - 0.4 + bar * (s + 0.5) for i in range(len(periods))]
            for x, n, text in zip(xs, counts, texts, strict=True):
                if n == 0:
                    continue
                if text == HIDDEN:
                    ax.text(x, 0, HIDDEN, ha="center", va="bottom", fontsize=8)
                elif text == SMALL:
                    ax.bar(
                        x,
                        SMALLEST_SHOWN,
                        width=bar,
                        fill=False,
                        edgecolor=colour,
                        linestyle="--",
                        linewidth=1.5,
                    )
                    ax.text(x, SMALLEST_SHOWN, SMALL, ha="center", va="bottom", fontsize=8)
                    top = max(top, SMALLEST_SHOWN)
                else:
                    ax.bar(x, n, width=bar, color=colour)
                    ax.text(x, n, str(n), ha="center", va="bottom", fontsize=8)
                    top = max(top, n)
        ax.set_ylim(0, top * 1.15 + 0.5)
        ax.set_xticks(range(len(periods)))
        ax.set_xticklabels(
            [p.label for p in periods],
            rotation=45 if len(periods) > 6 else 0,
            ha="right" if len(periods) > 6 else "center",
        )
        ax.set_xlabel("Quarter" if chart.unit == "quarter" else "Month")
        ax.set_ylabel(f"Number of {chart.counted}")
        ax.set_title(chart.title)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        if series:
            handles = [
                Patch(facecolor=COLOURS[s % len(COLOURS)], label=label)
                for s, (label, _) in enumerate(series)
            ]
            ax.legend(
                handles=handles,
                title=chart.group_label,
                loc="upper left",
                bbox_to_anchor=(1.0, 1.0),
                frameon=False,
                fontsize=8,
            )
        else:
            ax.text(
                0.5,
                0.5,
                "Nothing counted in this period",
                transform=ax.transAxes,
                ha="center",
                va="center",
            )
        figure.tight_layout()
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return csp_safe(out.getvalue(), prefix=f"chart-{chart.key}", title=chart.title)
