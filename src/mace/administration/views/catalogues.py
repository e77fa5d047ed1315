"""Risk tool catalogue versions: the list, loading a new one, activating one."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mace.administration import selectors
from mace.administration.forms import CatalogueUploadForm
from mace.administration.views.common import confirm_page, paginate
from mace.risk.catalogues import CatalogueError
from mace.risk.services import catalogue as services


def catalogue_list(request):
    page, query_string = paginate(
        request, selectors.catalogues_for_administration(user=request.user)
    )
    return render(
        request,
        "administration/catalogue_list.html",
        {"page": page, "query_string": query_string},
    )


@require_http_methods(["GET", "POST"])
def catalogue_upload(request):
    posted = request.method == "POST"
    form = CatalogueUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            outcome = services.catalogue_version_load(
                actor=request.user,
                text=form.cleaned_data["file"],
                activate=form.cleaned_data["activate"],
            )
        except CatalogueError as exc:
            for problem in exc.problems:
                where = f"Line {problem.line}: " if problem.line else ""
                form.add_error("file", f"{where}{problem.message}")
        except ValidationError as exc:
            # Said of the file, so the error summary links to the file input.
            for message in exc.messages:
                form.add_error("file", message)
        else:
            if outcome.created:
                messages.success(request, outcome.message)
            else:
                messages.info(request, outcome.message)
            return redirect("administration:catalogue_list")
    return render(request, "administration/catalogue_upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
def catalogue_activate(request, catalogue_id: uuid.UUID):
    catalogue = selectors.catalogue_for_administration(user=request.user, catalogue_id=catalogue_id)
    return confirm_page(
        request,
        action=lambda: services.catalogue_activate(actor=request.user, catalogue=catalogue),
        done=lambda _: f"Version {catalogue.version} is now the active version.",
        next_url=reverse("administration:catalogue_list"),
        page={
            "title": f"Make version {catalogue.version} the active version",
            "body": [
                f"New risk identification tool assessments will use {catalogue.title} "
                f"version {catalogue.version}.",
                "Assessments already made keep the version they were made with.",
            ],
            "button": "Make it active",
            "warning": False,
        },
    )
