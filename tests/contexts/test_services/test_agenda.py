"""Putting contexts on a contextual agenda: once per meeting, only contextual meetings,
closing the alert; findings of child-focused meetings become theme items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Alert, Context, ThemeTag
from mace.contexts.services.agenda import context_agenda_add, finding_agenda_add
from mace.core import clock
from mace.meetings.models import AgendaItem, Kind
from mace.meetings.services.recording import finding_add
from tests.factories import ChildFactory, context_made, linked, meeting_on

pytestmark = pytest.mark.django_db


def _contextual(days=10):
    return meeting_on(clock.today() + dt.timedelta(days=days), kind=Kind.CONTEXT)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.CHAIR, Role.ANALYST])
def test_a_context_is_listed_once_with_its_kind_as_subject(role, make_user, audited):
    user, meeting, person = make_user(role), _contextual(), context_made(Context.Kind.PERSON)
    item = context_agenda_add(actor=user, meeting=meeting, context=person)
    assert (item.subject, item.subject_object) == (AgendaItem.Subject.PERSON, person)
    audited(Event.Verb.AGENDA_ITEM_ADDED, actor=user, obj=item)
    with pytest.raises(ValidationError) as error:
        context_agenda_add(actor=user, meeting=meeting, context=person)
    assert "already on the agenda" in error.value.messages[0]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SILVER, Role.GOLD, Role.REFERRER, Role.ADMIN])
def test_others_may_not(role, make_user):
    with pytest.raises(PermissionDenied):
        context_agenda_add(actor=make_user(role), meeting=_contextual(), context=context_made())


def test_only_a_coming_contextual_meeting(make_user):
    user = make_user(Role.COORDINATOR)
    child_focused = meeting_on(clock.today() + dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        context_agenda_add(actor=user, meeting=child_focused, context=context_made())


def test_adding_from_an_alert_closes_it(make_user):
    user, meeting, place = make_user(Role.COORDINATOR), _contextual(), context_made()
    for child in ChildFactory.create_batch(3):
        linked(child, place)
    alert = Alert.objects.get()
    context_agenda_add(actor=user, meeting=meeting, context=place, alert=alert)
    alert.refresh_from_db()
    assert alert.status == Alert.Status.ON_AGENDA and alert.closed_by == user


def test_a_finding_becomes_a_theme_item_and_is_tagged(make_user):
    user = make_user(Role.COORDINATOR)
    past = meeting_on(clock.today() - dt.timedelta(days=5))
    finding = finding_add(
        actor=user, meeting=past, kind="theme", description="Girls picked up by taxis at night"
    )
    meeting = _contextual()
    item = finding_agenda_add(actor=user, meeting=meeting, finding=finding, name="Taxi use")
    theme = item.subject_object
    assert theme.kind == Context.Kind.THEME and theme.name == "Taxi use"
    assert ThemeTag.objects.filter(theme=theme, target_id=finding.pk).exists()
    # the same name again finds the open theme, not a second one
    other = finding_add(actor=user, meeting=past, kind="trend", description="More taxis")
    with pytest.raises(ValidationError):  # already on this agenda
        finding_agenda_add(actor=user, meeting=meeting, finding=other, name="taxi use")
    assert Context.objects.filter(kind="theme").count() == 1
