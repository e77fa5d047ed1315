"""What every page's layout needs: service name, guidance link, the user's role (the
navigation, which names every app's pages, is mace.casefile.context_processors')."""

from __future__ import annotations

from django.conf import settings

from mace.accounts.models import Role


def service(request) -> dict:
    user = request.user
    return {
        "service_name": settings.MACE_SERVICE_NAME,
        "partnership_name": settings.MACE_PARTNERSHIP_NAME,
        "guidance_url": settings.MACE_GUIDANCE_URL,
        "demo_mode": settings.DEMO,
        "two_factor_waived": settings.MACE_WAIVE_2FA,
        "role_label": Role(user.role).label if user.is_authenticated else "",
    }
