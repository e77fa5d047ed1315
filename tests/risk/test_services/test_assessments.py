"""Assessments: proposed level, override needs a rationale, old versions keep their result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.risk.models import Assessment, Catalogue
from mace.risk.selectors.assessments import assessment_reasons
from mace.risk.services.assessments import assessment_complete, assessment_save_draft
from mace.risk.services.catalogue import catalogue_load
from tests.factories import ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _draft(actor, child, grades, **kwargs):
    return assessment_save_draft(
        actor=actor,
        child=child,
        kind="initial",
        assessed_on=TODAY(),
        grades=grades,
        evidence={},
        protective_factors={},
        **kwargs,
    )


def test_draft_proposes_a_level_from_the_catalogue(make_user, audited):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    draft = _draft(user, child, {"missing.episodes": "medium"})
    assert draft.proposed_level == "medium"
    assert draft.status == Assessment.Status.DRAFT
    assert draft.grades["missing.episodes"] == "medium"
    assert draft.grades["money.debt"] == "not_present"
    assert draft.created_by == user
    audited(Event.Verb.ASSESSMENT_STARTED, actor=user, child=child, obj=draft)


def test_changing_a_draft_saves_its_answers_and_is_audited(make_user, audited):
    user = make_user(Role.COORDINATOR)
    other = make_user(Role.CHAIR)
    child = ChildFactory()
    draft = _draft(user, child, {"missing.episodes": "low"})
    changed = _draft(other, child, {"missing.episodes": "high"}, assessment=draft)
    changed.refresh_from_db()
    assert changed.pk == draft.pk
    assert changed.grades["missing.episodes"] == "high"
    assert changed.proposed_level == "high"
    assert (changed.created_by, changed.modified_by) == (user, other)
    audited(Event.Verb.ASSESSMENT_CHANGED, actor=other, child=child, obj=draft)


def test_a_draft_completed_since_the_page_loaded_cannot_be_changed(make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    stale = _draft(user, child, {})
    assessment_complete(actor=user, assessment=stale, final_level="none")
    assert stale.status == Assessment.Status.DRAFT  # as the page loaded it
    with pytest.raises(ValidationError):
        _draft(user, child, {"money.debt": "high"}, assessment=stale)
    stale.refresh_from_db()
    assert stale.grades["money.debt"] == "not_present"


def test_departing_from_the_proposed_level_needs_a_written_rationale(make_user):
    user = make_user(Role.COORDINATOR)
    draft = _draft(user, ChildFactory(), {"missing.episodes": "low"})
    with pytest.raises(ValidationError) as info:
        assessment_complete(actor=user, assessment=draft, final_level="high")
    assert "override_rationale" in info.value.message_dict
    done = assessment_complete(
        actor=user,
        assessment=draft,
        final_level="high",
        override_rationale="Found with older males in a car at 2am; disclosed threats",
    )
    assert done.final_level == "high" and done.proposed_level == "low"
    assert done.is_overridden
    assert done.status == Assessment.Status.COMPLETED


def test_agreeing_with_the_proposed_level_needs_no_rationale(make_user, audited):
    user = make_user(Role.COORDINATOR)
    draft = _draft(user, ChildFactory(), {"online.grooming": "high"})
    done = assessment_complete(actor=user, assessment=draft, final_level="high")
    assert not done.is_overridden and done.override_rationale == ""
    done.refresh_from_db()
    assert (done.status, done.final_level) == (Assessment.Status.COMPLETED, "high")
    audited(Event.Verb.ASSESSMENT_COMPLETED, actor=user, child=draft.child, obj=draft)


def test_a_completed_assessment_cannot_be_changed(make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory()
    done = assessment_complete(actor=user, assessment=_draft(user, child, {}), final_level="none")
    with pytest.raises(ValidationError):
        _draft(user, child, {"money.debt": "high"}, assessment=done)
    with pytest.raises(ValidationError):
        assessment_complete(
            actor=user, assessment=done, final_level="high", override_rationale="x" * 30
        )


def test_a_new_catalogue_version_never_changes_an_old_assessment(make_user):
    user = make_user(Role.COORDINATOR)
    old = assessment_complete(
        actor=user,
        assessment=_draft(user, ChildFactory(), {"money.debt": "low"}),
        final_level="low",
    )
    old_catalogue = old.catalogue
    stricter = (
        Catalogue.objects.get(is_active=True)
        .source.replace('version: "2026.1"', 'version: "2027.1"')
        .replace(
            "  - level: low\n    description: Any indicator graded low\n",
            "  - level: high\n    description: Any indicator at all\n",
        )
    )
    catalogue_load(actor=None, text=stricter, activate=True)
    old.refresh_from_db()
    assert old.catalogue == old_catalogue
    assert (old.proposed_level, old.final_level) == ("low", "low")
    assert assessment_reasons(old) == ["Any indicator graded low"]
    new = _draft(user, ChildFactory(), {"money.debt": "low"})
    assert new.catalogue.version == "2027.1" and new.proposed_level == "high"


def test_prompts_fire_for_a_child_under_13(make_user):
    user = make_user(Role.COORDINATOR)
    child = ChildFactory(date_of_birth=TODAY() - dt.timedelta(days=12 * 365))
    draft = _draft(user, child, {})
    assert [p["code"] for p in draft.prompts] == ["under_13"]


def test_a_future_date_is_refused(make_user):
    user = make_user(Role.COORDINATOR)
    with pytest.raises(ValidationError):
        assessment_save_draft(
            actor=user,
            child=ChildFactory(),
            kind="initial",
            assessed_on=TODAY() + dt.timedelta(days=1),
            grades={},
            evidence={},
            protective_factors={},
        )


@pytest.mark.parametrize("role", [Role.ANALYST, Role.SILVER, Role.AUDITOR, Role.REFERRER])
def test_readers_and_outsiders_cannot_record(role, make_user):
    with pytest.raises(PermissionDenied):
        _draft(make_user(role), ChildFactory(), {})


def test_a_member_records_only_for_a_child_they_are_invited_to_discuss(make_user):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    with pytest.raises(PermissionDenied):
        _draft(member, child, {})
    ChildAccessFactory(user=member, child=child)
    assert _draft(member, child, {}).pk
