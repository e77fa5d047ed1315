"""``{% record_links obj as links %}``: the links other apps add beside a record (see
``mace.web.registry.register_record_links``)."""

from __future__ import annotations

from django import template

from mace.web import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def record_links(context, obj) -> list[tuple[str, str]]:
    request = context.get("request")
    if request is None or obj is None:
        return []
    return registry.record_links(user=request.user, obj=obj)
