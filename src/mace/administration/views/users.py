"""Users: the list, inviting, changing, switching off and on, resetting two-factor."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from mace.accounts import administration as services
from mace.administration import selectors
from mace.administration.forms import InviteForm, UserChangeForm, UserFilterForm
from mace.administration.views.common import confirm_page, paginate
from mace.web.forms import attach_errors


def _link_base(request) -> str:
    return request.build_absolute_uri(reverse("invitation:start"))


def user_list(request):
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    users = services.users_for_administration(
        actor=request.user,
        query=(filters.get("q") or "").strip(),
        role=filters.get("role") or "",
        agency=filters.get("agency"),
        active=filters.get("active") or "",
    )
    page, query_string = paginate(request, users)
    return render(
        request,
        "administration/user_list.html",
        {"form": form, "page": page, "query_string": query_string},
    )


@require_http_methods(["GET", "POST"])
def user_invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.user_invite(
                actor=request.user, link_base=_link_base(request), **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            user = invitation.user
            messages.success(
                request,
                f"{user.full_name} is invited. The link sent to {user.email} works for "
                f"{services.INVITATION_LIFETIME.days} days.",
            )
            return redirect("administration:user_detail", user.pk)
    return render(request, "administration/user_invite.html", {"form": form})


def user_detail(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    invitation = services.invitation_latest(user=person)
    return render(
        request,
        "administration/user_detail.html",
        {
            "person": person,
            "invitation": invitation,
            "invitation_pending": invitation is not None and invitation.is_pending(),
            "has_password": person.has_usable_password(),
            "two_factor_enrolled": services.has_confirmed_authenticator(person),
            "is_self": person.pk == request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def user_change(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    form = UserChangeForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_change(actor=request.user, user=person, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, f"{person.full_name}'s details are changed.")
            return redirect("administration:user_detail", person.pk)
    return render(request, "administration/user_change.html", {"form": form, "person": person})


def _confirm(request, person, *, action, template_context, done):
    """A change to one user, asked on a page that goes back to the user's details."""
    return confirm_page(
        request,
        action=action,
        done=done,
        next_url=reverse("administration:user_detail", args=[person.pk]),
        page={"person": person, **template_context},
    )


@require_http_methods(["GET", "POST"])
def user_switch_off(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    return _confirm(
        request,
        person,
        action=lambda: services.user_switch_off(actor=request.user, user=person),
        template_context={
            "title": f"Switch off {person.full_name}",
            "body": [
                "They cannot sign in by any route from now on, and every session they have "
                "open ends at once.",
                "Their records, referrals and the audit log are kept. You can switch them "
                "back on later.",
            ],
            "button": "Switch off",
            "warning": True,
        },
        done=lambda ended: (
            f"{person.full_name} is switched off. "
            f"{ended} open session{'' if ended == 1 else 's'} ended."
        ),
    )


@require_http_methods(["GET", "POST"])
def user_switch_on(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    return _confirm(
        request,
        person,
        action=lambda: services.user_switch_on(actor=request.user, user=person),
        template_context={
            "title": f"Switch {person.full_name} back on",
            "body": [
                "They sign in with their password and two-factor authentication as before. "
                "If they never chose a password, send them a new invitation.",
            ],
            "button": "Switch back on",
            "warning": False,
        },
        done=lambda _: f"{person.full_name} is switched back on.",
    )


@require_http_methods(["GET", "POST"])
def user_two_factor_reset(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    return _confirm(
        request,
        person,
        action=lambda: services.two_factor_reset(actor=request.user, user=person),
        template_context={
            "title": f"Reset two-factor authentication for {person.full_name}",
            "body": [
                "Their authenticator app stops working for this service and their open "
                "sessions end.",
                "The next time they sign in with their password they set up an authenticator "
                "app again. Check who is asking before you do this.",
            ],
            "button": "Reset two-factor authentication",
            "warning": True,
        },
        done=lambda _: (
            f"{person.full_name}'s two-factor authentication is reset. They set "
            "it up again at their next sign-in."
        ),
    )


@require_http_methods(["GET", "POST"])
def user_reinvite(request, user_id: uuid.UUID):
    person = selectors.user_for_administration(user=request.user, user_id=user_id)
    return _confirm(
        request,
        person,
        action=lambda: services.user_reinvite(
            actor=request.user, user=person, link_base=_link_base(request)
        ),
        template_context={
            "title": f"Send {person.full_name} a new invitation",
            "body": [
                f"A new link goes to {person.email}. Any link sent before stops working.",
            ],
            "button": "Send a new invitation",
            "warning": False,
        },
        done=lambda _: f"A new invitation is on its way to {person.email}.",
    )
