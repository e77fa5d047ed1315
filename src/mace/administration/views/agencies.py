"""Agencies: the list, adding one, changing one."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mace.accounts import administration as services
from mace.administration import selectors
from mace.administration.forms import AgencyChangeForm, AgencyForm
from mace.administration.views.common import paginate
from mace.web.forms import attach_errors


def agency_list(request):
    page, query_string = paginate(request, selectors.agencies_for_administration(user=request.user))
    return render(
        request,
        "administration/agency_list.html",
        {"page": page, "query_string": query_string},
    )


@require_http_methods(["GET", "POST"])
def agency_add(request):
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{agency.name} is added.")
            return redirect("administration:agency_list")
    return render(request, "administration/agency_form.html", {"form": form, "agency": None})


@require_http_methods(["GET", "POST"])
def agency_change(request, agency_id: uuid.UUID):
    agency = selectors.agency_for_administration(user=request.user, agency_id=agency_id)
    initial = {"name": agency.name, "kind": agency.kind, "is_active": agency.is_active}
    form = AgencyChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{agency.name} is changed.")
            return redirect("administration:agency_list")
    return render(request, "administration/agency_form.html", {"form": form, "agency": agency})
