"""The invitee's page: choose a password from the emailed link, then sign in as usual.

Public (the invitee has no password yet). Opening the link changes nothing; choosing a
password uses it up. Neither signs anyone in.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from mace.accounts import administration as services
from mace.administration.forms import SetPasswordForm


@login_not_required
@require_GET
def start(request):
    return render(request, "administration/invitation_start.html")


def _problem(request, exc: ValidationError):
    return render(request, "administration/invitation_problem.html", {"problem": exc.messages[0]})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def accept(request, token: str):
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, password=form.cleaned_data["password"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # the link does not work (and that is logged)
                return _problem(request, exc)
            for message in exc.message_dict.get("password", []):
                form.add_error("password", message)
        else:
            messages.success(
                request,
                "Your password is set. Sign in with your email address and your new password.",
            )
            return redirect("accounts:login")
    try:
        invitation = services.invitation_check(token=token)
    except ValidationError as exc:
        return _problem(request, exc)
    return render(
        request,
        "administration/invitation_accept.html",
        {"form": form, "invitee": invitation.user},
    )
