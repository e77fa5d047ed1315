"""Allowed referrer email domains: the list, adding one, removing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mace.administration import selectors
from mace.administration.forms import DomainForm
from mace.administration.views.common import confirm_page, paginate
from mace.referrals.services import domains as services
from mace.web.forms import attach_errors


def domain_list(request):
    page, query_string = paginate(request, selectors.domains_for_administration(user=request.user))
    return render(
        request,
        "administration/domain_list.html",
        {"page": page, "query_string": query_string},
    )


@require_http_methods(["GET", "POST"])
def domain_add(request):
    form = DomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain = services.domain_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"Referrers with {domain.pattern} addresses are allowed.")
            return redirect("administration:domain_list")
    return render(request, "administration/domain_add.html", {"form": form})


@require_http_methods(["GET", "POST"])
def domain_remove(request, domain_id: int):
    domain = selectors.domain_for_administration(user=request.user, domain_id=domain_id)
    return confirm_page(
        request,
        action=lambda: services.domain_remove(actor=request.user, domain=domain),
        done=lambda _: f"{domain.pattern} is no longer allowed.",
        next_url=reverse("administration:domain_list"),
        page={
            "title": f"Remove {domain.pattern}",
            "body": [
                f"Referrers with {domain.pattern} addresses will no longer be sent sign-in "
                "links, unless another allowed domain covers them.",
            ],
            "button": "Remove the domain",
            "warning": True,
        },
    )
