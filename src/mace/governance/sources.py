"""What governance adds to the pages of the apps below it (imported by apps.ready()): the
children whose meeting decided "Escalate to Gold", on the chair's and the coordinator's
"Your tasks" until an escalation is raised from them; an "Escalate" link beside each
finding on the live meeting screen; the national objectives after migrating (ADR 35)."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_migrate, post_save
from django.urls import reverse

from mace.accounts.models import Role
from mace.governance.permissions import can_raise_escalation
from mace.governance.selectors.escalations import (
    discussions_to_escalate,
    discussions_to_escalate_count,
)
from mace.meetings.models import Finding
from mace.web.registry import TaskSection, register_record_links, register_tasks


def escalate_tasks(*, user) -> list[TaskSection]:
    rows = discussions_to_escalate(user=user)
    if not rows:
        return []
    return [
        TaskSection(15, "Children to escalate to Gold", "governance/_tasks_escalate.html", rows)
    ]


def escalate_task_count(*, user) -> int:
    return discussions_to_escalate_count(user=user)


def escalate_finding_link(*, user, obj) -> list[tuple[str, str]]:
    """ "Escalate" beside a meeting's finding, for those who may raise an escalation."""
    if not isinstance(obj, Finding) or not can_raise_escalation(user):
        return []
    return [("Escalate", reverse("governance:escalation_raise") + f"?finding={obj.pk}")]


def member_joined(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A user saved as an active Silver or Gold member (new, switched on, or given the role)
    sees the children of the open escalations to their group."""
    if update_fields is not None and not {"role", "is_active"} & set(update_fields):
        return
    if instance.role not in (Role.SILVER, Role.GOLD) or not instance.is_active:
        return
    from mace.governance.services.escalations import member_grants_ensure

    member_grants_ensure(user=instance)


def objectives_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    from mace.governance.services.plan import objectives_ensure

    if "governance_objective" not in connections[using].introspection.table_names():
        return
    objectives_ensure()


register_tasks("governance.escalate", escalate_tasks, count=escalate_task_count)
register_record_links("governance.escalate", escalate_finding_link)
post_migrate.connect(objectives_after_migrate, dispatch_uid="governance.objectives")
post_save.connect(member_joined, sender=settings.AUTH_USER_MODEL, dispatch_uid="governance.member")
