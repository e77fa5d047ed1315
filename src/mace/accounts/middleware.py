"""Deny by default: every page needs a signed-in user, and a second factor where required."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.shortcuts import redirect
from django.urls import reverse

from mace.accounts.services import SESSION_SIGNED_IN_WITH, SIGNED_IN_WITH_REFERRER_LINK


class LoginRequiredMiddleware(_LoginRequired):
    """Django's own: views opt out with @login_not_required (sign-in, health check)."""


def two_factor_not_required(view_func):
    """Mark a view a signed-in user may reach before passing two-factor authentication."""
    view_func.two_factor_not_required = True
    return view_func


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_two_factor
            and request.session.get(SESSION_SIGNED_IN_WITH) == SIGNED_IN_WITH_REFERRER_LINK
        ):
            # A referrer's link session whose account is now staff (its role changed while
            # signed in): a link never opens a staff account, so the session ends, in the
            # demo's waiver too.
            logout(request)
            messages.error(
                request, "Sign in with your email address and password to use this account."
            )
            return redirect(settings.LOGIN_URL)
        if not user.is_authenticated or settings.MACE_WAIVE_2FA:
            return None
        if not user.requires_two_factor or user.is_verified():
            return None
        if getattr(view_func, "two_factor_not_required", False):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:two_factor')}?{query}")
