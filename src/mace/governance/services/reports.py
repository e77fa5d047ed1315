"""Period reports for MACE, Silver and Gold (issue 13 item 5): the audience's dashboard for
a period as one document, HTML, PDF (WeasyPrint, from the same HTML) or CSV.

A report is written for its audience, whoever asks for it: a MACE report stays in the MACE
core group and is exact; a Silver or Gold report leaves it, so every count of children is
published as the dashboards publish it outside the core group ("<5", and "[c]" for what
would give one away). Gold's report names only the most vulnerable children escalated to
Gold; asked for from the site, a child its reader may not see is "A child". Each report is
logged with its parameters, and each child it names as exported (ARCHITECTURE §4).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.core import clock, csvsafe
from mace.governance.charts import figure_svg
from mace.governance.permissions import DASHBOARD_AUDIENCES, may_see_dashboard
from mace.governance.selectors.dashboards import TITLES, Dashboard, dashboard_build
from mace.meetings.pdf import html_pdf
from mace.people.selectors import rows_shown

FORMATS = ("html", "pdf", "csv")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_STYLESHEETS = ("meetings/print.css", "governance/report.css")


@dataclass
class Report:
    audience: str
    start: dt.date
    end: dt.date
    format: str
    content: bytes
    named: int  # children named in it

    @property
    def filename(self) -> str:
        return f"mace-{self.audience}-report-{self.start:%Y%m%d}-{self.end:%Y%m%d}.{self.format}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


def _check(*, audience: str, start: dt.date, end: dt.date, fmt: str) -> None:
    errors = {}
    if audience not in DASHBOARD_AUDIENCES:
        errors["audience"] = "Choose MACE, Silver or Gold"
    if fmt not in FORMATS:
        errors["format"] = "Choose HTML, PDF or CSV"
    if start > end:
        errors["end"] = "The end of the period must be on or after its start"
    if errors:
        raise ValidationError(errors)


def _stylesheet_url() -> str:
    """The print stylesheets as one data: URL: a report file opens anywhere, with no site
    behind it."""
    texts = []
    for name in _STYLESHEETS:
        path = finders.find(name)
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    encoded = base64.b64encode("\n".join(texts).encode("utf-8")).decode("ascii")
    return f"data:text/css;base64,{encoded}"


def _csv(dashboard: Dashboard) -> bytes:
    """Every figure's published table, one after another under its title."""
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow([f"{dashboard.title}, {dashboard.start:%d/%m/%Y} to {dashboard.end:%d/%m/%Y}"])
    for figure in [*dashboard.figures, *dashboard.counted]:
        writer.writerow([])
        writer.writerow([figure.title])
        writer.writerows(figure.table.rows())
    if dashboard.named_children:
        writer.writerow([])
        writer.writerow(["The most vulnerable children escalated to Gold"])
        writer.writerow(["Child", "Why among the most vulnerable"])
        for row in dashboard.named_children:
            name = "A child" if row.locked else row.child.full_name
            writer.writerow([name, "; ".join(row.reasons)])
    return out.getvalue().encode("utf-8")


def _named(*, actor, dashboard: Dashboard, payload: dict) -> int:
    """Log each child the report names as exported; from the site, only those its reader
    may see are named (the rest are "A child")."""
    rows = dashboard.named_children
    if not rows:
        return 0
    if actor is not None:
        dashboard.named_children = rows_shown(
            user=actor,
            rows=rows,
            child_of=lambda row: row.child,
            verb=Event.Verb.CHILD_EXPORTED,
            payload=payload,
        )
        return sum(1 for row in dashboard.named_children if not row.locked)
    for row in rows:
        event_record(actor=None, verb=Event.Verb.CHILD_EXPORTED, child=row.child, payload=payload)
    return len(rows)


def report_generate(
    *,
    audience: str,
    start: dt.date,
    end: dt.date,
    fmt: str,
    actor=None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """One audience's report for a period (ValidationError, by field, for a bad request;
    PermissionError for a reader who may not see that audience's dashboard). ``actor`` is
    the reader asking from the site, None for the command line."""
    _check(audience=audience, start=start, end=end, fmt=fmt)
    if actor is not None and not may_see_dashboard(actor, audience):
        raise PermissionError("This report is not for you")
    step = progress or (lambda _text: None)
    step("Counting the figures")
    dashboard = dashboard_build(audience=audience, start=start, end=end, exact=audience == "mace")
    payload = {
        "report": audience,
        "from": dashboard.start.isoformat(),
        "to": dashboard.end.isoformat(),
        "format": fmt,
        "suppressed": not dashboard.exact,
    }
    named = _named(actor=actor, dashboard=dashboard, payload=payload)
    if fmt == "csv":
        step("Writing the tables")
        content = _csv(dashboard)
    else:
        step("Drawing the charts")
        figures = [(f, figure_svg(f)) for f in dashboard.figures]
        counted = [(f, figure_svg(f)) for f in dashboard.counted]
        step("Writing the report")
        html = render_to_string(
            "governance/report.html",
            {
                "dashboard": dashboard,
                "title": TITLES[audience].replace("dashboard", "report"),
                "figures": figures,
                "counted": counted,
                "stylesheet_url": _stylesheet_url(),
                "generated_at": clock.now(),
                "generated_by": actor,
            },
        )
        if fmt == "pdf":
            step("Making the PDF")
            content = html_pdf(html)
        else:
            content = html.encode("utf-8")
    event_record(
        actor=actor,
        verb=Event.Verb.REPORT_GENERATED,
        payload={
            **payload,
            "figures": len(dashboard.figures) + len(dashboard.counted),
            "children_named": named,
        },
    )
    step("Done")
    return Report(
        audience=audience,
        start=dashboard.start,
        end=dashboard.end,
        format=fmt,
        content=content,
        named=named,
    )
