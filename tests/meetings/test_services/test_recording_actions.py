"""Meeting actions (mace.meetings.services.recording): the owner sees the child while they
own an open action for it (meeting or VRMP), and completing needs a note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Action
from mace.meetings.selectors.actions import actions_for_owner
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, action_complete
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from mace.risk.services.vrmp import vrmp_action_add, vrmp_action_complete, vrmp_create
from tests.factories import AgencyFactory, ChildFactory, meeting_on

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_the_owner_sees_the_child_while_the_action_is_open(actions_world, audited):
    assert actions_world.child not in children_visible_to(actions_world.owner)
    action = actions_world.add()
    audited(
        Event.Verb.ACTION_ADDED,
        actor=actions_world.coordinator,
        child=actions_world.child,
        obj=action,
    )
    assert (action.child, action.status) == (actions_world.child, Action.Status.OPEN)
    assert set(children_visible_to(actions_world.owner)) == {actions_world.child}
    assert list(actions_for_owner(user=actions_world.owner)) == [action]
    grant = ChildAccess.objects.get(user=actions_world.owner)
    assert grant.basis == ChildAccess.Basis.ACTION
    assert grant.expires_at is None
    # However many actions, one grant.
    actions_world.add(description="Disruption visit")
    assert ChildAccess.objects.filter(user=actions_world.owner).count() == 1


def test_completing_needs_a_note(actions_world, audited):
    action = actions_world.add()
    for note in ("", "   ", None):
        with pytest.raises(ValidationError) as error:
            action_complete(actor=actions_world.owner, action_id=action.pk, note=note)
        assert "note" in error.value.message_dict
    assert Action.objects.get(pk=action.pk).status == Action.Status.OPEN
    done = action_complete(
        actor=actions_world.owner, action_id=action.pk, note="Sessions started 3 Nov"
    )
    assert done.status == Action.Status.DONE
    assert done.completion_note == "Sessions started 3 Nov"
    assert done.completed_at is not None
    audited(
        Event.Verb.ACTION_COMPLETED,
        actor=actions_world.owner,
        child=actions_world.child,
        obj=action,
    )
    with pytest.raises(ValidationError):
        action_complete(actor=actions_world.owner, action_id=action.pk, note="Again")
    audited(Event.Verb.ACTION_COMPLETED, count=1)


def test_access_ends_with_the_owners_last_open_action_for_the_child_and_not_before(actions_world):
    first = actions_world.add()
    second = actions_world.add(description="Disruption visit", due=14)
    action_complete(actor=actions_world.owner, action_id=first.pk, note="Sessions started")
    assert actions_world.child in children_visible_to(actions_world.owner)
    assert list(actions_for_owner(user=actions_world.owner)) == [second]
    action_complete(actor=actions_world.owner, action_id=second.pk, note="Visited with police")
    assert actions_world.child not in children_visible_to(actions_world.owner)
    assert list(actions_for_owner(user=actions_world.owner)) == []


def _vrmp_action(actions_world):
    plan = vrmp_create(
        actor=actions_world.coordinator,
        child=actions_world.child,
        vulnerabilities="Excluded from school",
        next_review_date=_in(84),
    ).vrmp
    return vrmp_action_add(
        actor=actions_world.coordinator,
        vrmp=plan,
        description="Education, training and employment referral",
        owner_agency=actions_world.youth_justice,
        owner=actions_world.owner,
        due_date=_in(14),
    )


@pytest.mark.parametrize("meeting_action_first", [True, False])
def test_access_lasts_until_the_last_open_action_of_either_kind(
    actions_world, meeting_action_first
):
    vrmp_action = _vrmp_action(actions_world)
    meeting_action = actions_world.add()
    steps = [
        lambda: action_complete(
            actor=actions_world.owner, action_id=meeting_action.pk, note="Sessions started"
        ),
        lambda: vrmp_action_complete(
            actor=actions_world.owner, action_id=vrmp_action.pk, note="Referral made"
        ),
    ]
    first, last = steps if meeting_action_first else steps[::-1]
    first()
    assert actions_world.child in children_visible_to(actions_world.owner)
    last()
    assert actions_world.child not in children_visible_to(actions_world.owner)


def test_an_action_for_another_child_does_not_keep_this_one_open(actions_world):
    other_child = ChildFactory()
    other_item = item_add(
        actor=actions_world.coordinator, meeting=actions_world.meeting, child=other_child
    )
    mine = actions_world.add()
    actions_world.add(item=other_item)
    action_complete(actor=actions_world.owner, action_id=mine.pk, note="Sessions started")
    assert set(children_visible_to(actions_world.owner)) == {other_child}


def test_only_the_owner_or_a_manager_completes(actions_world, make_user):
    action = actions_world.add()
    colleague = make_user(Role.MEMBER, agency=actions_world.youth_justice)
    for actor in (colleague, make_user(Role.ANALYST)):
        with pytest.raises(PermissionDenied):
            action_complete(actor=actor, action_id=action.pk, note="Done")
    action_complete(actor=actions_world.coordinator, action_id=action.pk, note="Confirmed at MACE")
    assert actions_world.child not in children_visible_to(actions_world.owner)


def test_the_owner_must_belong_to_the_owning_agency(actions_world, make_user):
    police = AgencyFactory(name="West Yorkshire Police")
    with pytest.raises(ValidationError) as error:
        actions_world.add(owner_agency=police)
    assert "owner" in error.value.message_dict
    assert not Action.objects.exists()
    assert actions_world.child not in children_visible_to(actions_world.owner)
    officer = make_user(Role.MEMBER, agency=police)
    assert actions_world.add(owner_agency=police, owner=officer).owner == officer


def test_an_action_needs_a_description_and_a_due_date_on_or_after_the_meeting(actions_world):
    for fields in ({"description": " "}, {"due": -22}):
        with pytest.raises(ValidationError):
            actions_world.add(**fields)
    with pytest.raises(ValidationError):
        action_add(
            actor=actions_world.coordinator,
            meeting=actions_world.meeting,
            description="No date",
            owner_agency=actions_world.youth_justice,
            due_date=None,
        )
    with pytest.raises(PermissionDenied):
        action_add(
            actor=actions_world.owner,
            meeting=actions_world.meeting,
            description="Self-assigned",
            owner_agency=actions_world.youth_justice,
            due_date=_in(7),
        )


def test_an_action_is_for_an_item_on_the_meetings_own_agenda(actions_world):
    elsewhere = meeting_on(_in(-7))
    with pytest.raises(ValidationError) as error:
        actions_world.add(meeting=elsewhere)
    assert "item" in error.value.message_dict
    assert not Action.objects.exists()


def test_an_action_owned_by_an_agency_opens_no_child(actions_world):
    action = actions_world.add(owner=None)
    assert action.owner is None
    assert not ChildAccess.objects.exists()
