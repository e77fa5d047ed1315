"""One meeting's whole cycle through the services: the seam the pages are built on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from mace.accounts.models import Role
from mace.meetings.models import AgendaItem, Minutes, Outcome
from mace.meetings.selectors.actions import actions_for_owner
from mace.meetings.services import agenda, invitations, minutes, recording
from mace.people.selectors import children_visible_to
from tests.factories import ChildFactory, meeting_on

pytestmark = pytest.mark.django_db


def test_a_meeting_from_agenda_to_approved_minutes_and_owned_actions(
    make_user, django_capture_on_commit_callbacks
):
    coordinator = make_user(Role.COORDINATOR)
    chair = make_user(Role.CHAIR)
    social_worker = make_user(Role.MEMBER)
    owner = make_user(Role.MEMBER)
    day = timezone.localdate() + dt.timedelta(days=7)
    meeting = meeting_on(day, chair=chair)
    amara, kayden = ChildFactory(), ChildFactory()

    first = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=kayden)
    invitations.invitation_add(
        actor=coordinator, item=first, user=social_worker, capacity="social_worker"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = invitations.invitations_send(
            actor=coordinator, meeting=meeting, link_base="https://mace.test"
        )
    assert sent == 1
    assert [m.to for m in mail.outbox] == [[social_worker.email]]
    assert mail.outbox[0].attachments[0][0] == "invitation.ics"
    assert set(children_visible_to(social_worker)) == {amara}

    for item in (first, second):
        recording.discussion_save(
            actor=coordinator,
            item=item,
            risk_analysis="Going missing overnight, returning with new clothes",
            risk_level="high",
            outcome=Outcome.CONTINUE,
            next_review_date=day + dt.timedelta(days=28),
        )
    recording.action_add(
        actor=coordinator,
        meeting=meeting,
        item=second,
        description="Return home interview within 72 hours",
        owner_agency=owner.agency,
        owner=owner,
        due_date=day + dt.timedelta(days=3),
    )
    recording.meeting_close(actor=coordinator, meeting=meeting)
    draft = minutes.minutes_draft(actor=coordinator, meeting=meeting)
    assert draft.entries.count() == 2
    assert amara.full_name in draft.entries.get(item=first).text
    minutes.minutes_approve(actor=chair, minutes=draft)
    assert Minutes.objects.get(pk=draft.pk).is_locked
    assert [a.description for a in actions_for_owner(user=owner)] == [
        "Return home interview within 72 hours"
    ]
    assert kayden in children_visible_to(owner)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2
