"""The referrer's referral (mace.referrals.services.referrals): each step saved leaves its
audit row, someone else's draft is refused, and submitting lists what is missing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.referrals.services.referrals import (
    referral_save_perpetrators,
    referral_save_step,
    referral_start,
    referral_submit,
)

pytestmark = pytest.mark.django_db


def test_submission_lists_what_is_missing(make_user):
    user = make_user(Role.REFERRER)
    referral = referral_start(actor=user)
    with pytest.raises(ValidationError) as info:
        referral_submit(actor=user, referral=referral)
    messages = " ".join(info.value.messages)
    assert "Choose at least one concern" in messages
    assert "Enter the child's name" in messages


def test_a_checked_step_saved_leaves_its_audit_row(make_user, audited):
    referrer = make_user(Role.REFERRER)
    referral = referral_start(actor=referrer)
    referral_save_step(
        actor=referrer,
        referral=referral,
        step="subject",
        cleaned={"subject": referral.Subject.CHILD},
        raw={},
    )
    event = audited(Event.Verb.REFERRAL_DRAFT_SAVED, actor=referrer, obj=referral)
    assert event.payload == {"step": "subject", "answers_checked": True}


def test_a_step_saved_as_typed_says_its_answers_were_not_checked(make_user, audited):
    referrer = make_user(Role.REFERRER)
    referral = referral_start(actor=referrer)
    referral_save_step(
        actor=referrer, referral=referral, step="child", cleaned=None, raw={"child_given_name": "J"}
    )
    event = audited(Event.Verb.REFERRAL_DRAFT_SAVED, actor=referrer, obj=referral)
    assert event.payload == {"step": "child", "answers_checked": False}
    assert "J" not in str(event.payload)  # the answers themselves stay out of the log


def test_saving_the_people_of_concern_leaves_its_audit_row(make_user, audited):
    referrer = make_user(Role.REFERRER)
    referral = referral_start(actor=referrer)
    referral_save_perpetrators(
        actor=referrer, referral=referral, rows=[{"name": "Known as Tig"}, {"name": ""}]
    )
    event = audited(Event.Verb.REFERRAL_DRAFT_SAVED, actor=referrer, obj=referral)
    assert event.payload == {"step": "perpetrators", "people": 1}


def test_someone_elses_draft_is_refused_and_leaves_no_row(make_user, audited):
    referral = referral_start(actor=make_user(Role.REFERRER))
    with pytest.raises(PermissionDenied, match="not your referral"):
        referral_save_step(
            actor=make_user(Role.REFERRER), referral=referral, step="subject", cleaned={}, raw={}
        )
    audited(Event.Verb.REFERRAL_DRAFT_SAVED, count=0)
