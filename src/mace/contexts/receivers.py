"""What contexts does when a lower app says something: connected in ContextsConfig.ready()."""

from __future__ import annotations


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
    """Referrals' acceptance proposes persons and links (see ADR 29); referrals, discussions
    and findings carry a "Tag with themes" link (ADR 32)."""
    from mace.web.registry import register_record_links

    register_record_links("contexts.themes", _theme_links)
