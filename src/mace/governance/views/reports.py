"""Period reports from the site: the form, then the document as a download."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from mace.governance.forms import ReportForm
from mace.governance.permissions import can_see_governance, dashboards_seen
from mace.governance.selectors.dashboards import TITLES, default_period
from mace.governance.services.reports import report_generate


def report_new(request):
    audiences = [
        (a, TITLES[a].replace("dashboard", "report")) for a in dashboards_seen(request.user)
    ]
    if not audiences:
        raise Http404("No reports here")
    start, end = default_period()
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        audiences=audiences,
        initial={"start": start, "end": end, "audience": audiences[0][0]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = report_generate(
            audience=data["audience"],
            start=data["start"],
            end=data["end"],
            fmt=data["format"],
            actor=request.user,
        )
        response = HttpResponse(report.content, content_type=report.content_type)
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "governance/report_form.html",
        {"form": form, "show_nav": can_see_governance(request.user)},
    )
