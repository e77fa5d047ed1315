"""Auditor pages: the access log, its CSV export, break-glass review, change history."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from mace.audit import selectors
from mace.audit.forms import LogFilterForm
from mace.core import csvsafe

CSV_COLUMNS = [
    "at",
    "actor_email",
    "actor_role",
    "verb",
    "child_id",
    "object_type",
    "object_id",
    "path",
    "method",
    "ip_address",
    "user_agent",
    "reason",
]


def _filters(form: LogFilterForm) -> selectors.LogFilter:
    if not form.is_valid():
        return selectors.LogFilter()
    return selectors.LogFilter(**form.cleaned_data)


def access_log(request):
    form = LogFilterForm(request.GET or None)
    filters = _filters(form)
    page = selectors.events_page(
        user=request.user, filters=filters, page_number=request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/access_log.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


class _Echo:
    def write(self, value):
        return value


def access_log_export(request):
    form = LogFilterForm(request.GET or None)
    filters = _filters(form)
    events = selectors.events_for_export(user=request.user, filters=filters)
    writer = csvsafe.writer(_Echo())

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    event.at.isoformat(),
                    event.actor_email,
                    event.actor_role,
                    event.verb,
                    event.child_id or "",
                    event.object_type,
                    event.object_id,
                    event.path,
                    event.method,
                    event.ip_address or "",
                    event.user_agent,
                    event.reason,
                ]
            )

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mace-access-log-{stamp}.csv"'
    return response
