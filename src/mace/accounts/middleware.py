"""Deny by default: every page needs a signed-in user, and a second factor where required."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.shortcuts import redirect
from django.urls import reverse


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
