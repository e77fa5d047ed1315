"""What contexts does when a lower app says something: connected in ContextsConfig.ready()."""

from __future__ import annotations


def propose_from_referral(sender, *, referral_id, **kwargs) -> None:
    """``referral_accepted``: the persons the referral names are matched or opened, and the
    links it implies proposed, as the system (after the decision has committed, in a
    transaction of its own; see ADR 31)."""
    from mace.contexts.services.persons import referral_accepted_propose

    referral_accepted_propose(referral_id=referral_id)


def _theme_links(*, user, obj) -> list[tuple[str, str]]:
    """ "Tag with themes" beside a referral, a discussion or a finding, for recorders."""
    from django.urls import reverse

    from mace.contexts.permissions import can_record_contexts

    kind = {
        "referrals.referral": "referral",
        "meetings.discussion": "discussion",
        "meetings.finding": "finding",
        "contexts.context": "context",
    }.get(obj._meta.label_lower)
    if kind is None or not can_record_contexts(user):
        return []
    url = reverse("contexts:theme_tag", args=[f"{kind}:{obj.pk}"])
    return [("Tag with themes", url)]


def connect() -> None:
    """Referrals' acceptance proposes persons and links (ADR 31); referrals, discussions
    and findings carry a "Tag with themes" link (ADR 32); tasks and the live meeting's
    panel are registered by ``sources``."""
    from mace.contexts import sources  # noqa: F401  (tasks, the live meeting's panel)
    from mace.referrals.signals import referral_accepted
    from mace.web.registry import register_record_links

    referral_accepted.connect(propose_from_referral, dispatch_uid="contexts.propose_from_referral")
    register_record_links("contexts.themes", _theme_links)
