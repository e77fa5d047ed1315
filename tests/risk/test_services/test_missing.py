"""Recording missing episodes and return interviews: the rules, and who may record."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.people.models import ChildAccess
from mace.risk.models import MissingEpisode
from mace.risk.services.missing import missing_episode_record, missing_episode_update
from tests.factories import ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Status = MissingEpisode.InterviewStatus


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


START = _at(2026, 3, 6, 21, 0)
RETURN = _at(2026, 3, 8, 9, 30)


def _record(actor, child, **fields) -> MissingEpisode:
    fields.setdefault("kind", MissingEpisode.Kind.MISSING_FROM_CARE)
    fields.setdefault("started_at", START)
    return missing_episode_record(actor=actor, child=child, **fields)


def _messages(excinfo, field: str) -> list[str]:
    return excinfo.value.message_dict.get(field, [])


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def test_recording_an_episode_stores_it_and_who_recorded_it(coordinator, audited):
    child = ChildFactory()
    episode = _record(
        coordinator,
        child,
        ended_at=RETURN,
        police_risk="high",
        police_reference="  PR/123 ",
        where_found="Bus station",
    )
    episode.refresh_from_db()
    assert episode.child == child
    assert episode.created_by == coordinator
    assert episode.modified_by == coordinator
    assert episode.police_reference == "PR/123"
    assert episode.ended_at == RETURN
    assert episode.interview_status == Status.NOT_YET
    audited(Event.Verb.MISSING_RECORDED, actor=coordinator, child=child, obj=episode)


def test_a_child_still_missing_has_no_return_time(coordinator):
    episode = _record(coordinator, ChildFactory())
    assert episode.ended_at is None


def test_a_return_before_the_start_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), ended_at=START - dt.timedelta(hours=1))
    assert _messages(excinfo, "ended_at") == ["The return must be after the child went missing"]
    assert not MissingEpisode.objects.exists()


def test_a_start_in_the_future_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), started_at=timezone.now() + dt.timedelta(hours=2))
    assert _messages(excinfo, "started_at") == ["The start of the episode cannot be in the future"]


def test_an_interview_completed_before_the_return_is_refused(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(
            coordinator,
            ChildFactory(),
            ended_at=RETURN,
            interview_status=Status.COMPLETED,
            interview_completed_at=RETURN - dt.timedelta(minutes=5),
        )
    assert _messages(excinfo, "interview_completed_at") == [
        "The return interview cannot be completed before the child returned"
    ]


def test_a_completed_interview_needs_its_completed_time(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), ended_at=RETURN, interview_status=Status.COMPLETED)
    assert _messages(excinfo, "interview_completed_at") == [
        "Enter when the return interview was completed"
    ]


def test_a_completed_time_needs_a_completed_interview(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(
            coordinator,
            ChildFactory(),
            ended_at=RETURN,
            interview_status=Status.OFFERED,
            interview_completed_at=RETURN + dt.timedelta(hours=5),
        )
    assert "Only a completed interview" in _messages(excinfo, "interview_completed_at")[0]


def test_an_interview_not_done_needs_a_reason(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(
            coordinator,
            ChildFactory(),
            ended_at=RETURN,
            interview_status=Status.NOT_DONE,
            interview_not_done_reason="   ",
        )
    assert _messages(excinfo, "interview_not_done_reason") == [
        "Say why the return interview was not done"
    ]


def test_a_refusal_needs_who_refused_and_why(coordinator):
    child = ChildFactory()
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, child, ended_at=RETURN, interview_status=Status.REFUSED)
    assert _messages(excinfo, "interview_not_done_reason") == [
        "Say who refused the return interview and why"
    ]
    episode = _record(
        coordinator,
        child,
        ended_at=RETURN,
        interview_status=Status.REFUSED,
        interview_not_done_reason="The child declined when the worker called on 9 March",
    )
    assert episode.interview_status == Status.REFUSED


def test_no_interview_while_the_child_is_still_missing(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), interview_status=Status.OFFERED)
    assert "enter when the child returned" in _messages(excinfo, "interview_status")[0]


def test_several_problems_are_reported_together(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(
            coordinator,
            ChildFactory(),
            ended_at=START - dt.timedelta(hours=1),
            interview_status=Status.NOT_DONE,
        )
    assert set(excinfo.value.message_dict) == {"ended_at", "interview_not_done_reason"}


def test_a_wrong_choice_is_refused_by_the_model(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        _record(coordinator, ChildFactory(), police_risk="extreme")
    assert "police_risk" in excinfo.value.message_dict


def test_naive_datetimes_and_unknown_fields_are_programming_errors(coordinator):
    child = ChildFactory()
    with pytest.raises(ValueError, match="timezone-aware"):
        _record(coordinator, child, started_at=dt.datetime(2026, 3, 6, 21, 0))
    with pytest.raises(ValueError, match="Unknown"):
        _record(coordinator, child, child_id=child.pk)


def test_updating_records_the_return_and_the_interview(coordinator, make_user, audited):
    episode = _record(coordinator, ChildFactory(), police_risk="medium")
    other = make_user(Role.CHAIR)
    completed = RETURN + dt.timedelta(hours=30)
    updated = missing_episode_update(
        actor=other,
        episode=episode,
        ended_at=RETURN,
        interview_status=Status.COMPLETED,
        interview_completed_at=completed,
        why_left="Argument at the placement",
    )
    episode.refresh_from_db()
    assert updated.pk == episode.pk
    assert episode.ended_at == RETURN
    assert episode.interview_completed_at == completed
    assert episode.why_left == "Argument at the placement"
    assert episode.police_risk == "medium"  # untouched
    assert episode.created_by == coordinator
    assert episode.modified_by == other
    assert episode.interview_within_72_hours is True
    audited(Event.Verb.MISSING_CHANGED, actor=other, child=episode.child, obj=episode)


def test_an_update_is_checked_against_what_is_already_recorded(coordinator):
    episode = _record(coordinator, ChildFactory(), ended_at=RETURN)
    with pytest.raises(ValidationError) as excinfo:
        missing_episode_update(
            actor=coordinator,
            episode=episode,
            interview_status=Status.COMPLETED,
            interview_completed_at=RETURN - dt.timedelta(hours=1),
        )
    assert "interview_completed_at" in excinfo.value.message_dict
    episode.refresh_from_db()
    assert episode.interview_status == Status.NOT_YET


def test_each_change_is_kept_in_the_history(coordinator):
    episode = _record(coordinator, ChildFactory())
    missing_episode_update(actor=coordinator, episode=episode, ended_at=RETURN)
    assert episode.history.count() == 2


def test_a_member_without_a_grant_cannot_record(make_user):
    member = make_user(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        _record(member, ChildFactory())
    assert not MissingEpisode.objects.exists()


def test_a_member_invited_to_discuss_the_child_can_record(make_user):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    ChildAccessFactory(user=member, child=child, basis=ChildAccess.Basis.INVITATION)
    assert _record(member, child).created_by == member


def test_an_analyst_can_read_but_not_record(make_user, coordinator):
    from mace.people.selectors import children_visible_to

    analyst = make_user(Role.ANALYST)
    child = ChildFactory()
    assert children_visible_to(analyst).filter(pk=child.pk).exists()
    with pytest.raises(PermissionDenied):
        _record(analyst, child)
    episode = _record(coordinator, child)
    with pytest.raises(PermissionDenied):
        missing_episode_update(actor=analyst, episode=episode, ended_at=RETURN)


def test_the_recorded_episode_counts_real_hours_across_the_clock_change(coordinator):
    # Sat 24 Oct 2026 10:00 BST to Tue 27 Oct 10:00 GMT: 72 hours on the clock, 73 real.
    episode = _record(
        coordinator,
        ChildFactory(),
        started_at=_at(2026, 10, 23, 22, 0),
        ended_at=_at(2026, 10, 24, 10, 0),
        interview_status=Status.COMPLETED,
        interview_completed_at=_at(2026, 10, 27, 10, 0),
    )
    assert episode.interview_within_72_hours is False  # as returned, before any re-read
    assert episode.interview_due_by == _at(2026, 10, 27, 9, 0)
    episode.refresh_from_db()
    assert episode.interview_within_72_hours is False
