"""Auditor pages: the access log, its CSV export, break-glass review, change history."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from mace.audit import selectors
from mace.audit.forms import LogFilterForm, ReviewForm
from mace.core import csvsafe
from mace.people import selectors as people_selectors
from mace.people import services as people_services

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


def break_glass_list(request):
    pending = selectors.break_glass_grants(user=request.user)
    reviewed = selectors.break_glass_grants(user=request.user, reviewed=True)[:50]
    return render(
        request, "audit/break_glass_list.html", {"pending": pending, "reviewed": reviewed}
    )


def break_glass_review(request, grant_id: uuid.UUID):
    grant = selectors.break_glass_get(user=request.user, grant_id=grant_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people_services.break_glass_review(
                actor=request.user, grant_id=grant_id, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for message in exc.message_dict.get("note", exc.messages):
                form.add_error("note", message)
        else:
            return redirect("audit:break_glass_list")
    return render(request, "audit/break_glass_review.html", {"grant": grant, "form": form})


def child_history(request, child_id: uuid.UUID):
    child = people_selectors.child_get_for_audit(user=request.user, child_id=child_id)
    entries = people_selectors.child_history(child=child)
    return render(request, "audit/child_history.html", {"child": child, "entries": entries})
