"""Theme tags: once per record, dated by what was tagged."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mace.audit.models import Event
from mace.contexts.models import Context, ThemeTag
from mace.contexts.services.themes import theme_tag
from tests.factories import analyst, context_made, submitted_referral

pytestmark = pytest.mark.django_db


def test_a_referral_is_tagged_once_dated_by_its_submission(audited):
    user = analyst()
    theme = context_made(Context.Kind.THEME, "County lines", actor=user)
    referral = submitted_referral()
    tag = theme_tag(actor=user, theme=theme, target=referral)
    assert tag.occurred_on == referral.submitted_at.date()
    assert theme_tag(actor=user, theme=theme, target=referral).pk == tag.pk
    assert ThemeTag.objects.count() == 1
    audited(Event.Verb.THEME_TAGGED, actor=user, obj=theme)


def test_only_a_theme_tags():
    with pytest.raises(ValidationError):
        theme_tag(actor=analyst(), theme=context_made(), target=context_made(name="Elsewhere"))
