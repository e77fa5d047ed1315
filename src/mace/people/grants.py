"""Access that follows an owned action: opened with the first open action on a child,
closed with the last. Actions live in several apps (VRMP actions, meeting actions); each
registers how to tell whether a user still owns an open action for a child."""

from __future__ import annotations

from collections.abc import Callable

from mace.people.models import Child, ChildAccess
from mace.people.services import child_access_grant, child_access_revoke

OpenActionsCheck = Callable[[object, object], bool]  # (user_id, child_id) -> bool
_open_action_checks: dict[str, OpenActionsCheck] = {}


def register_open_actions(name: str, check: OpenActionsCheck) -> None:
    """Register a source of actions (called from an app's ready())."""
    _open_action_checks[name] = check


def owns_open_action(user_id, child_id) -> bool:
    return any(check(user_id, child_id) for check in _open_action_checks.values())


def action_grant_ensure(*, actor, owner, child: Child, reason: str) -> None:
    """Let the owner of an open action see the child (one grant, however many actions)."""
    exists = (
        ChildAccess.objects.active()
        .filter(user=owner, child=child, basis=ChildAccess.Basis.ACTION)
        .exists()
    )
    if not exists:
        child_access_grant(
            actor=actor, user=owner, child=child, basis=ChildAccess.Basis.ACTION, reason=reason
        )


def action_grant_release(*, owner_id, child: Child) -> None:
    """End the owner's action access once they own no open action for the child anywhere."""
    if owner_id is None or owns_open_action(owner_id, child.pk):
        return
    child_access_revoke(
        actor=None,
        grant_ids=ChildAccess.objects.active()
        .filter(user_id=owner_id, child=child, basis=ChildAccess.Basis.ACTION)
        .values("pk"),
        reason="The user owns no open action for the child any more",
    )
