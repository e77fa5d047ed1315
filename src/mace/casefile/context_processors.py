"""The user's navigation on every page: it names the places of several apps, so it sits
here, above them (the rest of the layout's context is mace.web's)."""

from __future__ import annotations

from django.urls import reverse

from mace.accounts.models import Role
from mace.accounts.permissions import can_administer, can_search_cohort, can_view_audit
from mace.governance.permissions import can_see_governance, dashboards_seen
from mace.referrals.permissions import can_refer, can_triage

# Roles that go to meetings (as organisers, members or invitees).
MEETING_ROLES = (Role.COORDINATOR, Role.CHAIR, Role.ANALYST, Role.MEMBER, Role.SILVER, Role.GOLD)


def _navigation(user) -> list[tuple[str, str]]:
    if not user.is_authenticated:
        return []
    items = [("Home", reverse("web:home"))]
    if can_triage(user):
        items.append(("Triage", reverse("triage:queue")))
    if can_refer(user):
        items.append(("Referrals", reverse("referrals:list")))
    if can_search_cohort(user):
        items.append(("Children", reverse("people:child_list")))
        items.append(("Contexts", reverse("contexts:list")))
    if user.role in MEETING_ROLES:
        items.append(("Meetings", reverse("meetings:list")))
    if user.role in (Role.COORDINATOR, Role.CHAIR, Role.MEMBER):
        items.append(("Your tasks", reverse("tasks:list")))
    if can_see_governance(user):
        items.append(("Escalations", reverse("governance:escalations")))
        items.append(("Action plan", reverse("governance:plan")))
    dashboards = dashboards_seen(user)
    if dashboards:
        items.append(("Dashboards", reverse("governance:dashboard", args=[dashboards[0]])))
    if can_view_audit(user):
        items.append(("Access log", reverse("audit:log")))
        items.append(("Break-glass reviews", reverse("audit:break_glass_list")))
    if can_administer(user):
        items.append(("Administration", reverse("administration:index")))
    return items


def navigation(request) -> dict:
    """The links of the service's header, the current one marked."""
    nav = _navigation(request.user)
    path = request.path
    current = None
    for label, href in nav:
        if path == href or (href != "/" and path.startswith(href)):
            current = label
    return {"navigation": [(label, href, label == current) for label, href in nav]}
