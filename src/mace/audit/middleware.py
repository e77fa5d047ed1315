"""Puts who-is-asking-from-where into the request context the audit services read."""

from __future__ import annotations

import ipaddress

from django.conf import settings

from mace.core import context


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _client_ip(request) -> str | None:
    """The client's address. Behind a trusted proxy, the last X-Forwarded-For entry: the one
    the proxy itself appended (entries before it are whatever the client sent, so trusting
    the first would let anyone choose their address and step round the rate limits)."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR") or "")
    if getattr(settings, "MACE_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return _valid_ip(forwarded.split(",")[-1]) or remote
    return remote


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
