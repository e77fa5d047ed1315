"""Puts who-is-asking-from-where into the request context the audit services read."""

from __future__ import annotations

from django.conf import settings

from mace.core import context


def _client_ip(request) -> str | None:
    if getattr(settings, "MACE_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.set_current(
            context.RequestContext(
                path=request.get_full_path(),
                method=request.method,
                ip_address=_client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        )
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
