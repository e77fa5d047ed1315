"""Events referrals raises for the apps above it. Referrals knows none of its listeners:
meetings, for one, connects in its ``AppConfig.ready()`` (see ARCHITECTURE §3)."""

from __future__ import annotations

import logging

from django.dispatch import Signal

from mace.referrals.models import Referral

logger = logging.getLogger(__name__)

# A referral was accepted at triage, and the decision has committed. Keyword argument:
# ``referral_id``. Listeners do their own writes, in their own transactions.
referral_accepted = Signal()


def referral_accepted_send(*, referral_id) -> None:
    """Tell the listeners that a referral was accepted (called on commit of the decision).
    A listener that fails is logged and the others still run: the decision stands."""
    for receiver, result in referral_accepted.send_robust(sender=Referral, referral_id=referral_id):
        if isinstance(result, Exception):
            name = f"{receiver.__module__}.{getattr(receiver, '__qualname__', receiver)}"
            logger.error(
                "After referral %s was accepted, %s failed", referral_id, name, exc_info=result
            )
