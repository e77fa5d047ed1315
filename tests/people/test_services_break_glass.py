"""The audit rows of breaking glass on a restricted record and of the auditor's review,
each called directly: who, on whom, why, and nothing when the service refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.core import clock
from mace.people.models import ChildAccess
from mace.people.services import break_glass_open, break_glass_review
from tests.factories import ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db

REASON = "Strategy discussion at 2pm today; the social worker needs the missing history"
NOTE = "Justified: spoke to the team manager, the strategy meeting went ahead at 2pm"


@pytest.fixture
def restricted_child(db):
    return ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR, email="grace.mensah@leeds.gov.example")


@pytest.fixture
def auditor(make_user):
    return make_user(Role.AUDITOR, email="rhys.evans@leeds.gov.example")


# break_glass_open -----------------------------------------------------------------------


def test_opening_a_break_glass_records_who_whom_and_why(coordinator, restricted_child, audited):
    grant = break_glass_open(actor=coordinator, child_id=restricted_child.id, reason=REASON)
    assert (grant.user, grant.child, grant.basis) == (
        coordinator,
        restricted_child,
        ChildAccess.Basis.BREAK_GLASS,
    )
    event = audited(Event.Verb.BREAK_GLASS, actor=coordinator, child=restricted_child, obj=grant)
    assert event.reason == REASON
    assert event.actor_email == "grace.mensah@leeds.gov.example"
    assert event.actor_role == Role.COORDINATOR


def test_breaking_glass_with_too_short_a_reason_opens_nothing_and_leaves_no_row(
    coordinator, restricted_child, audited
):
    with pytest.raises(ValidationError, match="at least 20 characters"):
        break_glass_open(actor=coordinator, child_id=restricted_child.id, reason="  urgent  ")
    assert not restricted_child.access_grants.exists()
    audited(Event.Verb.BREAK_GLASS, count=0)


def test_breaking_glass_on_a_record_that_is_not_restricted_is_refused_without_a_row(
    coordinator, audited
):
    child = ChildFactory(restricted=False)
    with pytest.raises(PermissionDenied):
        break_glass_open(actor=coordinator, child_id=child.id, reason=REASON)
    assert not child.access_grants.exists()
    audited(Event.Verb.BREAK_GLASS, count=0)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.REFERRER, Role.ADMIN, Role.AUDITOR])
def test_a_user_who_cannot_see_the_child_cannot_break_glass_and_leaves_no_row(
    role, make_user, restricted_child, audited
):
    with pytest.raises(PermissionDenied):
        break_glass_open(actor=make_user(role), child_id=restricted_child.id, reason=REASON)
    assert not restricted_child.access_grants.exists()
    audited(Event.Verb.BREAK_GLASS, count=0)


def test_breaking_glass_again_while_the_record_is_open_is_refused_without_a_second_row(
    coordinator, restricted_child, audited
):
    first = break_glass_open(actor=coordinator, child_id=restricted_child.id, reason=REASON)
    with pytest.raises(PermissionDenied):
        break_glass_open(actor=coordinator, child_id=restricted_child.id, reason=REASON)
    assert list(restricted_child.access_grants.all()) == [first]
    audited(Event.Verb.BREAK_GLASS, actor=coordinator, child=restricted_child, obj=first)


def test_a_member_invited_to_discuss_the_child_may_break_glass_and_it_is_recorded(
    make_user, restricted_child, audited
):
    member = make_user(Role.MEMBER, email="kieran.walsh@westyorkshire.police.example")
    ChildAccessFactory(user=member, child=restricted_child, basis=ChildAccess.Basis.INVITATION)
    grant = break_glass_open(actor=member, child_id=restricted_child.id, reason=REASON)
    event = audited(Event.Verb.BREAK_GLASS, actor=member, child=restricted_child, obj=grant)
    assert event.reason == REASON


# break_glass_review ---------------------------------------------------------------------


@pytest.fixture
def broken_glass(coordinator, restricted_child):
    return break_glass_open(actor=coordinator, child_id=restricted_child.id, reason=REASON)


def test_reviewing_a_break_glass_records_the_auditor_the_child_and_the_finding(
    auditor, broken_glass, restricted_child, audited
):
    moment = clock.now() + dt.timedelta(days=1)
    with clock.set_to(moment):
        reviewed = break_glass_review(
            finding="justified", actor=auditor, grant_id=broken_glass.id, note=f"  {NOTE} "
        )
    assert (reviewed.reviewed_by, reviewed.reviewed_at, reviewed.review_note) == (
        auditor,
        moment,
        NOTE,
    )
    event = audited(
        Event.Verb.BREAK_GLASS_REVIEWED, actor=auditor, child=restricted_child, obj=broken_glass
    )
    assert event.reason == NOTE
    assert event.actor_role == Role.AUDITOR


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.AUDITOR])
def test_only_an_auditor_reviews_a_break_glass_and_a_refusal_leaves_no_row(
    role, make_user, broken_glass, audited
):
    with pytest.raises(PermissionDenied):
        break_glass_review(
            finding="justified", actor=make_user(role), grant_id=broken_glass.id, note=NOTE
        )
    broken_glass.refresh_from_db()
    assert broken_glass.reviewed_at is None
    audited(Event.Verb.BREAK_GLASS_REVIEWED, count=0)


def test_a_review_with_no_finding_is_refused_without_a_row(auditor, broken_glass, audited):
    with pytest.raises(ValidationError, match="what the review found"):
        break_glass_review(finding="justified", actor=auditor, grant_id=broken_glass.id, note="   ")
    broken_glass.refresh_from_db()
    assert broken_glass.reviewed_at is None
    audited(Event.Verb.BREAK_GLASS_REVIEWED, count=0)


def test_a_break_glass_is_reviewed_once_and_a_second_review_leaves_no_second_row(
    auditor, make_user, broken_glass, restricted_child, audited
):
    break_glass_review(finding="justified", actor=auditor, grant_id=broken_glass.id, note=NOTE)
    other_auditor = make_user(Role.AUDITOR)
    with pytest.raises(ValidationError, match="already been reviewed"):
        break_glass_review(
            finding="justified", actor=other_auditor, grant_id=broken_glass.id, note="Not justified"
        )
    broken_glass.refresh_from_db()
    assert (broken_glass.reviewed_by, broken_glass.review_note) == (auditor, NOTE)
    audited(
        Event.Verb.BREAK_GLASS_REVIEWED, actor=auditor, child=restricted_child, obj=broken_glass
    )


def test_only_a_break_glass_grant_can_be_reviewed(auditor, restricted_child, audited):
    named = ChildAccessFactory(child=restricted_child, basis=ChildAccess.Basis.NAMED)
    with pytest.raises(ChildAccess.DoesNotExist):
        break_glass_review(finding="justified", actor=auditor, grant_id=named.id, note=NOTE)
    audited(Event.Verb.BREAK_GLASS_REVIEWED, count=0)
