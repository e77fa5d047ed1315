"""Meeting actions open the child to their owner, as VRMP actions do (people.grants)."""

from __future__ import annotations

from mace.meetings.models import Action
from mace.people.grants import register_open_actions


def open_meeting_actions(user_id, child_id) -> bool:
    return Action.objects.filter(
        owner_id=user_id, child_id=child_id, status=Action.Status.OPEN
    ).exists()


register_open_actions("meetings", open_meeting_actions)
