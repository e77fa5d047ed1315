"""The dashboards a reader may open, for the governance pages' navigation."""

from __future__ import annotations

from django import template
from django.urls import reverse

from mace.governance.permissions import dashboards_seen
from mace.governance.selectors.dashboards import TITLES

register = template.Library()


@register.simple_tag
def dashboard_links(user) -> list[tuple[str, str]]:
    """(title, url) of each dashboard this user may see."""
    return [
        (TITLES[audience], reverse("governance:dashboard", args=[audience]))
        for audience in dashboards_seen(user)
    ]
