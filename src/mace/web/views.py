"""The health check and the error pages (each role's home page is mace.casefile's)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


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
