"""The context page's disruption part reads its rows here, so that the page's view needs
no change to show it (contexts/_disruption.html)."""

from __future__ import annotations

from django import template

from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.disruption import disruptions_of, expiry_of
from mace.contexts.services.disruption import AGAINST

register = template.Library()


@register.simple_tag(takes_context=True)
def context_disruption(context, record) -> dict:
    user = context["request"].user
    rows = [(d, expiry_of(d)) for d in disruptions_of(user=user, context=record)]
    return {
        "rows": rows,
        "can_add": can_record_contexts(user)
        and any(record.kind in kinds for kinds in AGAINST.values()),
    }
