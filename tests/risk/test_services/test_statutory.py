"""Recording statutory processes: dates, NRM decisions, and who may record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import ChildAccess
from mace.risk.models import StatutoryProcess
from mace.risk.services.statutory import statutory_process_record, statutory_process_update
from tests.factories import AgencyFactory, ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db
Kind = StatutoryProcess.Kind
START = dt.date(2026, 6, 1)


def _record(actor, child, **fields) -> StatutoryProcess:
    fields.setdefault("kind", Kind.CHILD_PROTECTION)
    fields.setdefault("started_on", START)
    return statutory_process_record(actor=actor, child=child, **fields)


def _nrm(actor, child, **fields) -> StatutoryProcess:
    return _record(actor, child, kind=Kind.NRM_REFERRAL, **fields)


def _messages(excinfo, field: str) -> list[str]:
    return excinfo.value.message_dict.get(field, [])


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def test_recording_a_process_stores_it_and_who_recorded_it(coordinator, audited):
    agency = AgencyFactory(name="Leeds Children's Social Work")
    child = ChildFactory()
    process = _record(
        coordinator,
        child,
        lead_professional=" Sam Okafor ",
        lead_agency=agency,
        reference="CP-771",
    )
    process.refresh_from_db()
    assert process.child == child
    assert process.lead_professional == "Sam Okafor"
    assert process.lead_agency == agency
    assert process.created_by == coordinator
    assert process.is_open
    audited(Event.Verb.STATUTORY_RECORDED, actor=coordinator, child=child, obj=process)


def test_an_end_before_the_start_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), ended_on=START - dt.timedelta(days=1))
    assert _messages(excinfo, "ended_on") == [
        "The end date must be the same as or after the start date"
    ]


def test_a_process_may_end_on_the_day_it_starts(coordinator):
    process = _record(coordinator, ChildFactory(), kind=Kind.STRATEGY_DISCUSSION, ended_on=START)
    assert process.ended_on == START


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reasonable_grounds", "positive"),
        ("reasonable_grounds_on", START),
        ("conclusive_grounds", "pending"),
        ("conclusive_grounds_on", START),
    ],
)
def test_nrm_decisions_only_for_an_nrm_referral(coordinator, field, value):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), kind=Kind.CHILD_IN_NEED, **{field: value})
    assert _messages(excinfo, field) == [
        "Only a National Referral Mechanism referral has NRM decisions"
    ]


def test_an_nrm_referral_with_both_decisions(coordinator):
    process = _nrm(
        coordinator,
        ChildFactory(),
        reasonable_grounds="positive",
        reasonable_grounds_on=START + dt.timedelta(days=5),
        conclusive_grounds="positive",
        conclusive_grounds_on=START + dt.timedelta(days=90),
    )
    assert process.conclusive_grounds == "positive"


@pytest.mark.parametrize("reasonable", ["", "pending", "negative"])
def test_a_conclusive_decision_needs_a_positive_reasonable_grounds_decision(
    coordinator, reasonable
):
    fields = {"reasonable_grounds": reasonable}
    if reasonable == "negative":
        fields["reasonable_grounds_on"] = START + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as excinfo:
        _nrm(
            coordinator,
            ChildFactory(),
            conclusive_grounds="negative",
            conclusive_grounds_on=START + dt.timedelta(days=60),
            **fields,
        )
    assert _messages(excinfo, "conclusive_grounds") == [
        "A conclusive grounds decision follows a positive reasonable grounds decision: "
        "record that first"
    ]


def test_a_decision_before_the_referral_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _nrm(
            coordinator,
            ChildFactory(),
            reasonable_grounds="positive",
            reasonable_grounds_on=START - dt.timedelta(days=1),
        )
    assert _messages(excinfo, "reasonable_grounds_on") == [
        "The reasonable grounds decision cannot be before the referral started"
    ]


def test_a_conclusive_decision_before_the_reasonable_grounds_one_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _nrm(
            coordinator,
            ChildFactory(),
            reasonable_grounds="positive",
            reasonable_grounds_on=START + dt.timedelta(days=10),
            conclusive_grounds="positive",
            conclusive_grounds_on=START + dt.timedelta(days=9),
        )
    assert "conclusive_grounds_on" in excinfo.value.message_dict


def test_a_decision_needs_its_date_and_a_date_needs_its_decision(coordinator):
    child = ChildFactory()
    with pytest.raises(ValidationError) as excinfo:
        _nrm(coordinator, child, reasonable_grounds="negative")
    assert _messages(excinfo, "reasonable_grounds_on") == [
        "Enter the date of the reasonable grounds decision"
    ]
    with pytest.raises(ValidationError) as excinfo:
        _nrm(coordinator, child, reasonable_grounds="pending", reasonable_grounds_on=START)
    assert "reasonable_grounds" in excinfo.value.message_dict
    assert _nrm(coordinator, child, reasonable_grounds="pending").reasonable_grounds == "pending"


def test_a_wrong_kind_is_refused_by_the_model(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), kind="adoption")
    assert "kind" in excinfo.value.message_dict


def test_unknown_fields_are_a_programming_error(coordinator):
    with pytest.raises(ValueError, match="Unknown"):
        _record(coordinator, ChildFactory(), child_id=ChildFactory().pk)


def test_updating_ends_a_process_and_records_who(coordinator, make_user, audited):
    process = _record(coordinator, ChildFactory(), lead_professional="Sam Okafor")
    chair = make_user(Role.CHAIR)
    statutory_process_update(actor=chair, process=process, ended_on=START + dt.timedelta(days=90))
    process.refresh_from_db()
    assert process.ended_on == START + dt.timedelta(days=90)
    assert process.lead_professional == "Sam Okafor"
    assert process.modified_by == chair
    assert process.created_by == coordinator
    assert process.history.count() == 2
    audited(Event.Verb.STATUTORY_CHANGED, actor=chair, child=process.child, obj=process)


def test_an_update_adding_a_conclusive_decision_is_checked_against_the_record(coordinator):
    process = _nrm(
        coordinator,
        ChildFactory(),
        reasonable_grounds="negative",
        reasonable_grounds_on=START + dt.timedelta(days=3),
    )
    with pytest.raises(ValidationError):
        statutory_process_update(
            actor=coordinator,
            process=process,
            conclusive_grounds="positive",
            conclusive_grounds_on=START + dt.timedelta(days=50),
        )
    process.refresh_from_db()
    assert process.conclusive_grounds == ""


def test_a_member_without_a_grant_cannot_record(make_user):
    with pytest.raises(PermissionDenied):
        _record(make_user(Role.MEMBER), ChildFactory())
    assert not StatutoryProcess.objects.exists()


def test_a_member_owning_an_action_can_record(make_user):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    ChildAccessFactory(user=member, child=child, basis=ChildAccess.Basis.ACTION)
    assert _record(member, child).created_by == member


def test_an_analyst_can_read_but_not_record(make_user, coordinator):
    from mace.people.selectors import children_visible_to

    analyst = make_user(Role.ANALYST)
    child = ChildFactory()
    assert children_visible_to(analyst).filter(pk=child.pk).exists()
    with pytest.raises(PermissionDenied):
        _record(analyst, child)
    process = _record(coordinator, child)
    with pytest.raises(PermissionDenied):
        statutory_process_update(actor=analyst, process=process, ended_on=START)
