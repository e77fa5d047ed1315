"""What contexts does when a lower app says something: connected in ContextsConfig.ready()."""

from __future__ import annotations


def propose_from_referral(sender, *, referral_id, **kwargs) -> None:
    """``referral_accepted``: the persons the referral names are matched or opened, and the
    links it implies proposed, as the system (after the decision has committed, in a
    transaction of its own; see ADR 31)."""
    from mace.contexts.services.persons import referral_accepted_propose

    referral_accepted_propose(referral_id=referral_id)


def connect() -> None:
    from mace.contexts import sources  # noqa: F401  (tasks, the live meeting's panel)
    from mace.referrals.signals import referral_accepted

    referral_accepted.connect(propose_from_referral, dispatch_uid="contexts.propose_from_referral")
