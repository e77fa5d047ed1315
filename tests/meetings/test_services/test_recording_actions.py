"""Meeting actions: the owner sees the child while they own an open action for it (meeting or
VRMP), completing needs a note, and overdue actions are listed."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.meetings.models import Action
from mace.meetings.selectors.actions import actions_for_owner, actions_overdue
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add, action_complete
from mace.people.models import ChildAccess
from mace.people.selectors import children_visible_to
from mace.risk.services.vrmp import vrmp_action_add, vrmp_action_complete, vrmp_create
from tests.factories import AgencyFactory, ChildFactory, meeting_on

pytestmark = pytest.mark.django_db


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def world(make_user):
    coordinator = make_user(Role.COORDINATOR)
    youth_justice = AgencyFactory(name="Youth Justice Service")
    owner = make_user(Role.MEMBER, agency=youth_justice)
    meeting = meeting_on(_in(-21))
    child = ChildFactory()
    item = item_add(actor=coordinator, meeting=meeting, child=child)

    def add(description="Weekly sessions with a YOT worker", due=7, **fields):
        fields.setdefault("item", item)
        fields.setdefault("owner", owner)
        return action_add(
            actor=coordinator,
            meeting=fields.pop("meeting", meeting),
            description=description,
            owner_agency=fields.pop("owner_agency", youth_justice),
            due_date=_in(due),
            **fields,
        )

    return SimpleNamespace(**locals())


def test_the_owner_sees_the_child_while_the_action_is_open(world, audited):
    assert world.child not in children_visible_to(world.owner)
    action = world.add()
    audited(Event.Verb.ACTION_ADDED, actor=world.coordinator, child=world.child, obj=action)
    assert (action.child, action.status) == (world.child, Action.Status.OPEN)
    assert set(children_visible_to(world.owner)) == {world.child}
    assert list(actions_for_owner(user=world.owner)) == [action]
    grant = ChildAccess.objects.get(user=world.owner)
    assert grant.basis == ChildAccess.Basis.ACTION
    assert grant.expires_at is None
    # However many actions, one grant.
    world.add(description="Disruption visit")
    assert ChildAccess.objects.filter(user=world.owner).count() == 1


def test_completing_needs_a_note(world, audited):
    action = world.add()
    for note in ("", "   ", None):
        with pytest.raises(ValidationError) as error:
            action_complete(actor=world.owner, action_id=action.pk, note=note)
        assert "note" in error.value.message_dict
    assert Action.objects.get(pk=action.pk).status == Action.Status.OPEN
    done = action_complete(actor=world.owner, action_id=action.pk, note="Sessions started 3 Nov")
    assert done.status == Action.Status.DONE
    assert done.completion_note == "Sessions started 3 Nov"
    assert done.completed_at is not None
    audited(Event.Verb.ACTION_COMPLETED, actor=world.owner, child=world.child, obj=action)
    with pytest.raises(ValidationError):
        action_complete(actor=world.owner, action_id=action.pk, note="Again")
    audited(Event.Verb.ACTION_COMPLETED, count=1)


def test_access_ends_with_the_owners_last_open_action_for_the_child_and_not_before(world):
    first = world.add()
    second = world.add(description="Disruption visit", due=14)
    action_complete(actor=world.owner, action_id=first.pk, note="Sessions started")
    assert world.child in children_visible_to(world.owner)
    assert list(actions_for_owner(user=world.owner)) == [second]
    action_complete(actor=world.owner, action_id=second.pk, note="Visited with police")
    assert world.child not in children_visible_to(world.owner)
    assert list(actions_for_owner(user=world.owner)) == []


def _vrmp_action(world):
    plan = vrmp_create(
        actor=world.coordinator,
        child=world.child,
        vulnerabilities="Excluded from school",
        next_review_date=_in(84),
    ).vrmp
    return vrmp_action_add(
        actor=world.coordinator,
        vrmp=plan,
        description="Education, training and employment referral",
        owner_agency=world.youth_justice,
        owner=world.owner,
        due_date=_in(14),
    )


@pytest.mark.parametrize("meeting_action_first", [True, False])
def test_access_lasts_until_the_last_open_action_of_either_kind(world, meeting_action_first):
    vrmp_action = _vrmp_action(world)
    meeting_action = world.add()
    steps = [
        lambda: action_complete(
            actor=world.owner, action_id=meeting_action.pk, note="Sessions started"
        ),
        lambda: vrmp_action_complete(
            actor=world.owner, action_id=vrmp_action.pk, note="Referral made"
        ),
    ]
    first, last = steps if meeting_action_first else steps[::-1]
    first()
    assert world.child in children_visible_to(world.owner)
    last()
    assert world.child not in children_visible_to(world.owner)


def test_an_action_for_another_child_does_not_keep_this_one_open(world):
    other_child = ChildFactory()
    other_item = item_add(actor=world.coordinator, meeting=world.meeting, child=other_child)
    mine = world.add()
    world.add(item=other_item)
    action_complete(actor=world.owner, action_id=mine.pk, note="Sessions started")
    assert set(children_visible_to(world.owner)) == {other_child}


def test_only_the_owner_or_a_manager_completes(world, make_user):
    action = world.add()
    colleague = make_user(Role.MEMBER, agency=world.youth_justice)
    for actor in (colleague, make_user(Role.ANALYST)):
        with pytest.raises(PermissionDenied):
            action_complete(actor=actor, action_id=action.pk, note="Done")
    action_complete(actor=world.coordinator, action_id=action.pk, note="Confirmed at MACE")
    assert world.child not in children_visible_to(world.owner)


def test_the_owner_must_belong_to_the_owning_agency(world, make_user):
    police = AgencyFactory(name="West Yorkshire Police")
    with pytest.raises(ValidationError) as error:
        world.add(owner_agency=police)
    assert "owner" in error.value.message_dict
    assert not Action.objects.exists()
    assert world.child not in children_visible_to(world.owner)
    officer = make_user(Role.MEMBER, agency=police)
    assert world.add(owner_agency=police, owner=officer).owner == officer


def test_an_action_needs_a_description_and_a_due_date_on_or_after_the_meeting(world):
    for fields in ({"description": " "}, {"due": -22}):
        with pytest.raises(ValidationError):
            world.add(**fields)
    with pytest.raises(ValidationError):
        action_add(
            actor=world.coordinator,
            meeting=world.meeting,
            description="No date",
            owner_agency=world.youth_justice,
            due_date=None,
        )
    with pytest.raises(PermissionDenied):
        action_add(
            actor=world.owner,
            meeting=world.meeting,
            description="Self-assigned",
            owner_agency=world.youth_justice,
            due_date=_in(7),
        )


def test_an_action_is_for_an_item_on_the_meetings_own_agenda(world):
    elsewhere = meeting_on(_in(-7))
    with pytest.raises(ValidationError) as error:
        world.add(meeting=elsewhere)
    assert "item" in error.value.message_dict
    assert not Action.objects.exists()


def test_an_action_owned_by_an_agency_opens_no_child(world):
    action = world.add(owner=None)
    assert action.owner is None
    assert not ChildAccess.objects.exists()


def test_overdue_actions_are_listed(world, make_user):
    overdue = world.add(due=-3)
    older = world.add(description="Strategy discussion", due=-10, owner=None)
    world.add(description="Due today", due=0)
    world.add(description="Due later", due=5)
    done = world.add(description="Done late", due=-5)
    action_complete(actor=world.owner, action_id=done.pk, note="Done")
    assert list(actions_overdue()) == [older, overdue]
    assert list(actions_overdue(on=_in(1))) == [
        older,
        overdue,
        Action.objects.get(description="Due today"),
    ]
    assert list(actions_overdue(on=_in(-5))) == [older]
