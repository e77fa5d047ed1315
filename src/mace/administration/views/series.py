"""Meeting series and their core members. Dates only: never an agenda or a child."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mace.administration import selectors
from mace.administration.forms import MemberForm, SeriesChangeForm, SeriesCreateForm
from mace.administration.views.common import confirm_page, paginate
from mace.core import clock
from mace.meetings.services import series as services
from mace.web.forms import attach_errors


def series_list(request):
    page, query_string = paginate(request, selectors.series_for_administration(user=request.user))
    return render(
        request,
        "administration/series_list.html",
        {"page": page, "query_string": query_string},
    )


@require_http_methods(["GET", "POST"])
def series_create(request):
    form = SeriesCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            count = series.meetings.count()
            messages.success(request, f"The series is set up: {count} meetings scheduled.")
            return redirect("administration:series_detail", series.pk)
    return render(request, "administration/series_form.html", {"form": form, "series": None})


@require_http_methods(["GET", "POST"])
def series_detail(request, series_id: uuid.UUID):
    series = selectors.one_series_for_administration(user=request.user, series_id=series_id)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_member_add(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['agency']} has a seat on the series.")
            return redirect("administration:series_detail", series.pk)
    return render(
        request,
        "administration/series_detail.html",
        {
            "series": series,
            "members": selectors.series_members(user=request.user, series=series),
            "meetings": selectors.series_meeting_dates(
                user=request.user, series=series, since=clock.today()
            ),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def series_change(request, series_id: uuid.UUID):
    series = selectors.one_series_for_administration(user=request.user, series_id=series_id)
    form = SeriesChangeForm(request.POST or None, series=series)
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(actor=request.user, series=series, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{series.name} is changed.")
            return redirect("administration:series_detail", series.pk)
    return render(request, "administration/series_form.html", {"form": form, "series": series})


@require_http_methods(["GET", "POST"])
def series_member_remove(request, series_id: uuid.UUID, member_id: int):
    series = selectors.one_series_for_administration(user=request.user, series_id=series_id)
    member = get_object_or_404(
        selectors.series_members(user=request.user, series=series), pk=member_id
    )
    return confirm_page(
        request,
        action=lambda: services.series_member_remove(actor=request.user, member=member),
        done=lambda _: f"{member.agency.name} no longer has a seat.",
        next_url=reverse("administration:series_detail", args=[series.pk]),
        page={
            "title": f"Remove {member.agency.name} from {series.name}",
            "body": [
                f"{member.representative.full_name}"
                + (f" and {member.deputy.full_name}" if member.deputy_id else "")
                + " will no longer be invited to this series' meetings as core members.",
                "Invitations already sent stay as they are.",
            ],
            "button": "Remove the seat",
            "warning": True,
        },
    )
