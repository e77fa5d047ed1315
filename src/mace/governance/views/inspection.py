"""The inspection data pack: a period chosen on a form, then the child-level list as CSV or
as a PDF (landscape A4, marked OFFICIAL-SENSITIVE). The selector decides who is in it and
logs the export of each child; this module only asks for the period and writes the file."""

from __future__ import annotations

import datetime as dt
import io

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from mace.core import clock, csvsafe
from mace.governance.permissions import can_see_governance, may_export_inspection_pack
from mace.governance.selectors.inspection import InspectionRow, inspection_rows
from mace.meetings.pdf import pdf_response, render_pdf
from mace.web.forms import PeriodForm, date_field

FORMATS = ("csv", "pdf")
MARKING = "OFFICIAL-SENSITIVE — RESTRICTED: MACE inspection data pack, do not forward"
HEADER = (
    "MACE record ID",
    "Case system ID",
    "Name",
    "Date of birth",
    "Age at end of period",
    "Ward",
    "Referred on",
    "Discussed at MACE on",
    "Risk level now",
    "Risk level at end of period",
    "VRMP",
    "Missing episodes in period",
    "Returned",
    "Return interviews within 72 hours",
    "Statutory processes open in period",
    "Outcomes of discussions",
)


class InspectionPeriodForm(PeriodForm):
    """The period of the pack, both days included, of any length, starting today or before.
    (Here, not in ``governance.forms``: the pack's one form, kept beside its one view.)"""

    longest = None

    start = date_field("From", example="1 4 2026")
    end = date_field("To", example="30 9 2026")

    def clean(self):
        start = self.cleaned_data.get("start")
        if start and start > clock.today():
            self.add_error("start", "The start of the period must be today or in the past")
            return self.cleaned_data
        return super().clean()


def _require_exporter(request) -> None:
    """The coordinator and the auditor; Silver, Gold and a chair are refused (403) as on
    the other governance pages they may read; anyone else finds no page (404)."""
    if may_export_inspection_pack(request.user):
        return
    if can_see_governance(request.user):
        raise PermissionDenied("Only the MACE coordinator or the data protection officer")
    raise Http404("No page here")


def inspection_pack(request):
    _require_exporter(request)
    today = clock.today()
    form = InspectionPeriodForm(
        request.GET or None,
        initial={"start": today - relativedelta(months=6) + dt.timedelta(days=1), "end": today},
    )
    wanted = request.GET.get("format", "")
    if form.is_bound and form.is_valid() and wanted in FORMATS:
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        rows = inspection_rows(user=request.user, start=start, end=end, file_format=wanted)
        if wanted == "csv":
            return _csv(rows, start, end)
        return _pdf(request, rows, start, end)
    return render(
        request,
        "governance/inspection.html",
        {"form": form, "show_nav": can_see_governance(request.user)},
    )


def _filename(start: dt.date, end: dt.date, extension: str) -> str:
    return f"mace-inspection-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"


def _dates(days: list[dt.date]) -> str:
    return "; ".join(day.isoformat() for day in days)


def _csv_values(row: InspectionRow) -> list:
    if row.locked:
        return ["", "", row.name] + [""] * (len(HEADER) - 3)
    return [
        str(row.child_id),
        row.case_system_id,
        row.name,
        row.date_of_birth.isoformat() if row.date_of_birth else "",
        row.age,
        row.ward,
        _dates(row.referred_on),
        _dates(row.discussed_on),
        row.risk_now,
        row.risk_at_end,
        row.vrmp,
        row.missing_episodes,
        row.missing_returned,
        row.interviews_within_72_hours,
        "; ".join(row.statutory),
        "; ".join(row.outcomes),
    ]


def _csv(rows: list[InspectionRow], start: dt.date, end: dt.date) -> HttpResponse:
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(HEADER)
    writer.writerows(_csv_values(row) for row in rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(start, end, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


def _pdf(request, rows: list[InspectionRow], start: dt.date, end: dt.date) -> HttpResponse:
    shown = [row for row in rows if not row.locked]
    context = {
        "rows": rows,
        "start": start,
        "end": end,
        "marking": MARKING,
        "printing": True,
        "children": len(shown),
        "referred": sum(1 for row in shown if row.referred_on),
        "discussed": sum(1 for row in shown if row.discussed_on),
        "restricted": len(rows) - len(shown),
    }
    pdf = render_pdf("governance/inspection_pdf.html", context, request)
    return pdf_response(pdf, _filename(start, end, "pdf"))
