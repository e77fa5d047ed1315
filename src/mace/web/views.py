"""The landing page of each role, the health check and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from mace.accounts.models import Role
from mace.web import selectors

HOME_TEMPLATES = {
    Role.COORDINATOR: "web/home/coordinator.html",
    Role.CHAIR: "web/home/chair.html",
    Role.MEMBER: "web/home/member.html",
    Role.ANALYST: "web/home/analyst.html",
    Role.SILVER: "web/home/strategic.html",
    Role.GOLD: "web/home/strategic.html",
    Role.AUDITOR: "web/home/auditor.html",
    Role.ADMIN: "web/home/admin.html",
}


def home(request):
    """Each role lands on a page of its own work."""
    user = request.user
    if user.role == Role.REFERRER:
        return redirect("referrals:list")
    context = selectors.home_context(user=user)
    return render(request, HOME_TEMPLATES[user.role], context)


@login_not_required
@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def error_500(request):
    return render(request, "500.html", status=500)


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
