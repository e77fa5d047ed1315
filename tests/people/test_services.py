"""Access grants are opened, moved and ended by people's services, each with its history
row and an audit event that says what happened; the auditor's review of a break-glass
grant records a finding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people import services as people_services
from mace.people.grants import action_grant_release
from mace.people.models import ChildAccess
from mace.people.services import (
    child_access_expiry_move,
    child_access_grant,
    child_access_revoke,
)
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(make_user):
    coordinator = make_user(Role.COORDINATOR)
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    return child_access_grant(
        actor=coordinator,
        user=member,
        child=child,
        basis=ChildAccess.Basis.INVITATION,
        expires_at=timezone.now() + dt.timedelta(days=28),
        reason="Invited to discuss the child",
    )


def test_opening_a_grant_is_audited_with_the_child_and_the_basis(grant, audited):
    event = audited(Event.Verb.ACCESS_GRANTED, actor=grant.granted_by, child=grant.child, obj=grant)
    assert event.payload["user"] == grant.user.email
    assert event.payload["basis"] == ChildAccess.Basis.INVITATION
    assert event.reason == "Invited to discuss the child"


def test_ending_grants_ends_only_open_ones_with_history_and_an_event_each(
    grant, make_user, audited
):
    actor = make_user(Role.COORDINATOR)
    ended = child_access_revoke(actor=actor, grant_ids=[grant.pk], reason="Item removed")
    assert ended == 1
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.history.count() == 2  # created, then ended
    event = Event.objects.get(verb=Event.Verb.ACCESS_REVOKED)
    assert (event.actor_id, event.child_id, event.reason) == (
        actor.pk,
        grant.child_id,
        "Item removed",
    )
    # Already ended: nothing more happens.
    assert child_access_revoke(actor=actor, grant_ids=[grant.pk], reason="again") == 0
    assert Event.objects.filter(verb=Event.Verb.ACCESS_REVOKED).count() == 1


def test_moving_the_end_of_a_grant_is_audited_with_before_and_after(grant, make_user, audited):
    actor = make_user(Role.CHAIR)
    later = grant.expires_at + dt.timedelta(days=7)
    assert (
        child_access_expiry_move(
            actor=actor, grant_ids=[grant.pk], expires_at=later, reason="The meeting moved"
        )
        == 1
    )
    grant.refresh_from_db()
    assert grant.expires_at == later
    event = audited(Event.Verb.ACCESS_CHANGED, actor=actor, child=grant.child, obj=grant)
    assert event.payload["expires_at"] == later.isoformat()
    assert event.payload["expires_before"] == (later - dt.timedelta(days=7)).isoformat()
    # The same end again changes nothing and writes nothing.
    child_access_expiry_move(actor=actor, grant_ids=[grant.pk], expires_at=later, reason="x")
    audited(Event.Verb.ACCESS_CHANGED, count=1)


def test_an_action_grant_ends_through_the_service_when_no_action_is_left(make_user, audited):
    owner = make_user(Role.MEMBER)
    child = ChildFactory()
    grant = child_access_grant(
        actor=None, user=owner, child=child, basis=ChildAccess.Basis.ACTION, reason="An action"
    )
    action_grant_release(owner_id=owner.pk, child=child)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    audited(Event.Verb.ACCESS_REVOKED, actor=None, child=child, obj=grant)


def test_a_new_child_is_created_with_aliases_and_address_and_audited(make_user, audited):
    from mace.people.services import child_create

    coordinator = make_user(Role.COORDINATOR)
    child = child_create(
        actor=coordinator,
        given_name=" Kayden ",
        family_name="Oduya",
        age_estimate=14,
        aliases=["KD", "Kay"],
        postcode="LS9 7QT",
    )
    assert (child.given_name, child.family_name) == ("Kayden", "Oduya")
    assert child.date_of_birth_is_estimated
    assert child.age_on(timezone.localdate()) in (13, 14)
    assert sorted(child.aliases.values_list("name", flat=True)) == ["KD", "Kay"]
    assert child.addresses.get().postcode == "LS9 7QT"
    audited(Event.Verb.CHILD_CREATED, actor=coordinator, child=child, obj=child)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REFERRER, Role.SILVER, Role.ADMIN])
def test_only_those_who_see_the_cohort_add_a_child(role, make_user):
    from django.core.exceptions import PermissionDenied

    from mace.people.models import Child
    from mace.people.services import child_create

    with pytest.raises(PermissionDenied):
        child_create(actor=make_user(role), given_name="Kai", family_name="Patel")
    assert not Child.objects.exists()
    assert not Event.objects.filter(verb=Event.Verb.CHILD_CREATED).exists()


def test_only_the_auditor_reviews_break_glass(make_user):
    from django.core.exceptions import PermissionDenied

    user = make_user(Role.COORDINATOR)
    child = ChildFactory(restricted=True)
    grant = people_services.break_glass_open(
        actor=user, child_id=child.id, reason="Needed for an urgent strategy discussion"
    )
    with pytest.raises(PermissionDenied):
        people_services.break_glass_review(
            actor=user, grant_id=grant.id, finding="justified", note="fine"
        )


Finding = ChildAccess.ReviewFinding


@pytest.mark.parametrize("finding", [Finding.JUSTIFIED, Finding.REFERRED_DPO])
def test_a_finding_is_recorded_with_its_note(glass, audited, finding):
    grant = people_services.break_glass_review(
        actor=glass["auditor"], grant_id=glass["grant"].pk, finding=finding, note="Spoke to TM"
    )
    assert (grant.review_finding, grant.review_note, grant.review_follow_up) == (
        finding,
        "Spoke to TM",
        "",
    )
    event = audited(
        Event.Verb.BREAK_GLASS_REVIEWED, actor=glass["auditor"], child=glass["child"], obj=grant
    )
    assert event.payload == {"finding": finding, "follow_up": ""}


def test_not_justified_needs_what_follows(glass, audited):
    with pytest.raises(ValidationError) as refused:
        people_services.break_glass_review(
            actor=glass["auditor"],
            grant_id=glass["grant"].pk,
            finding=Finding.NOT_JUSTIFIED,
            note="No meeting that day",
        )
    assert refused.value.message_dict == {
        "follow_up": ["Enter what follows, for example raised with their line manager"]
    }
    audited(Event.Verb.BREAK_GLASS_REVIEWED, count=0)
    grant = people_services.break_glass_review(
        actor=glass["auditor"],
        grant_id=glass["grant"].pk,
        finding=Finding.NOT_JUSTIFIED,
        note="No meeting that day",
        follow_up="Raised with their line manager",
    )
    assert grant.review_follow_up == "Raised with their line manager"
    event = audited(Event.Verb.BREAK_GLASS_REVIEWED, actor=glass["auditor"], obj=grant)
    assert event.payload["finding"] == Finding.NOT_JUSTIFIED


def test_a_review_without_a_finding_is_refused(glass):
    with pytest.raises(ValidationError) as refused:
        people_services.break_glass_review(
            actor=glass["auditor"], grant_id=glass["grant"].pk, finding="", note="ok"
        )
    assert refused.value.message_dict == {"finding": ["Choose what the review found"]}
