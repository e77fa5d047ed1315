"""Who to invite for a child's discussion: the people already involved, from the record."""

from __future__ import annotations

from collections import defaultdict

from mace.meetings.models import Action, Invitation
from mace.risk.models import Vrmp, VrmpAction


def suggested_invitees(*, items, invited) -> list[tuple]:
    """(item, user, capacity, why) for people involved with each child and not yet invited
    to that item: the referrer (if they have an account), the VRMP's lead professional, and
    owners of open actions. A fixed number of queries for the whole agenda."""
    child_ids = [item.child_id for item in items]
    already = {(inv.item_id, inv.user_id) for inv in invited}
    already |= {(item.pk, inv.user_id) for inv in invited if inv.item_id is None for item in items}
    people = defaultdict(list)
    for plan in Vrmp.objects.filter(
        child_id__in=child_ids, status=Vrmp.Status.ACTIVE, lead_professional__isnull=False
    ).select_related("lead_professional__agency"):
        people[plan.child_id].append((plan.lead_professional, "VRMP lead professional"))
    for action in VrmpAction.objects.filter(
        vrmp__child_id__in=child_ids, status=VrmpAction.Status.OPEN, owner__isnull=False
    ).select_related("owner__agency", "vrmp"):
        people[action.vrmp.child_id].append((action.owner, "owns a VRMP action"))
    for action in Action.objects.filter(
        child_id__in=child_ids, status=Action.Status.OPEN, owner__isnull=False
    ).select_related("owner__agency"):
        people[action.child_id].append((action.owner, "owns a MACE action"))
    suggestions = []
    for item in items:
        candidates = []
        if item.referral_id and item.referral.referrer_id:
            candidates.append((item.referral.referrer, "made the referral"))
        candidates += people[item.child_id]
        seen = set()
        for user, why in candidates:
            if not user.is_active or (item.pk, user.pk) in already or user.pk in seen:
                continue
            seen.add(user.pk)
            capacity = (
                Invitation.Capacity.REFERRER
                if why == "made the referral"
                else Invitation.Capacity.PRACTITIONER
            )
            suggestions.append((item, user, capacity, why))
    return suggestions
