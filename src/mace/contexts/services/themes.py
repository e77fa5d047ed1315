"""Tagging referrals, discussions, findings and contexts with themes."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from mace.audit.models import Event
from mace.audit.services import event_record
from mace.contexts.models import Context, ThemeTag
from mace.contexts.services.common import require_recorder
from mace.core import clock


def _occurred_on(target) -> dt.date:
    """When what is tagged happened: a referral's submission, a meeting's date (for a
    discussion or finding), a context's opening."""
    submitted = getattr(target, "submitted_at", None)
    if submitted:
        return submitted.date()
    meeting = getattr(target, "meeting", None) or getattr(
        getattr(target, "item", None), "meeting", None
    )
    if meeting is not None:
        return meeting.date
    opened = getattr(target, "opened_on", None)
    return opened or clock.today()


def theme_tag(*, actor, theme: Context, target, occurred_on: dt.date | None = None) -> ThemeTag:
    """Tag a record with a theme (once: tagging it again returns the tag it has)."""
    if actor is not None:
        require_recorder(actor)
    if theme.kind != Context.Kind.THEME:
        raise ValidationError({"theme": "Choose a theme"})
    if target == theme:
        raise ValidationError({"theme": "A theme cannot be tagged with itself"})
    target_type = ContentType.objects.get_for_model(target)
    existing = ThemeTag.objects.filter(theme=theme, target_type=target_type, target_id=target.pk)
    tag = existing.first()
    if tag is not None:
        return tag
    with transaction.atomic():
        tag = ThemeTag.objects.create(
            theme=theme,
            target_type=target_type,
            target_id=target.pk,
            occurred_on=occurred_on or _occurred_on(target),
            tagged_by=actor,
        )
        event_record(
            actor=actor,
            verb=Event.Verb.THEME_TAGGED,
            obj=theme,
            payload={"target": f"{target._meta.label}:{target.pk}"},
        )
    return tag
