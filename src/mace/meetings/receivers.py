"""What meetings does when referrals, below it, says something: connected in
``MeetingsConfig.ready()``. Referrals never imports meetings."""

from __future__ import annotations

from mace.meetings.selectors.agenda import meeting_for_referral
from mace.meetings.services.agenda import referral_place
from mace.referrals.models import Referral


def place_accepted_referral(sender, *, referral_id, **kwargs) -> None:
    """``referral_accepted``: put the referral on the next meeting with room, as the system
    (it runs after the decision has committed, in a transaction of its own)."""
    referral_place(referral_id=referral_id, actor=None)


def placement_line(user, referral) -> str:
    """For the coordinator's page: which meeting's agenda an accepted referral is on, or
    that none has room yet."""
    meeting = meeting_for_referral(user=user, referral=referral)
    if meeting is not None:
        return f"It is on the agenda of {meeting}."
    if referral.status == Referral.Status.ACCEPTED:
        return "No coming meeting has room yet: it will be placed when one does."
    return ""
