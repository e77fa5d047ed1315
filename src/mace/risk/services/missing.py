"""Missing episodes and the return interviews that follow them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mace.audit.models import Event
from mace.core import clock
from mace.people.models import Child
from mace.risk.models import MissingEpisode
from mace.risk.services.common import RecordKind, child_record_create, child_record_update

EPISODE_FIELDS = (
    "kind",
    "started_at",
    "ended_at",
    "police_risk",
    "police_reference",
    "reported_by",
    "where_found",
    "interview_status",
    "interview_offered_at",
    "interview_completed_at",
    "interview_not_done_reason",
    "why_left",
    "where_went",
    "with_whom",
    "how_travelled",
    "harm",
    "push_factors",
    "pull_factors",
)
DATETIME_FIELDS = ("started_at", "ended_at", "interview_offered_at", "interview_completed_at")

Status = MissingEpisode.InterviewStatus


EPISODES = RecordKind(
    what="missing episode",
    allowed=EPISODE_FIELDS,
    recorded=Event.Verb.MISSING_RECORDED,
    changed=Event.Verb.MISSING_CHANGED,
    rules=lambda episode: _rule_errors(episode, clock.now()),
    convert=lambda name, value: _in_utc(name, value),
)


def missing_episode_record(*, actor, child: Child, **fields) -> MissingEpisode:
    """Record a missing episode, with its return interview so far."""
    return child_record_create(
        actor=actor, record=MissingEpisode(child=child), fields=fields, kind=EPISODES
    )


def missing_episode_update(*, actor, episode: MissingEpisode, **fields) -> MissingEpisode:
    """Change an episode: the return, the police grading, the return interview."""
    return child_record_update(actor=actor, record=episode, fields=fields, kind=EPISODES)


def _in_utc(name: str, value):
    if name in DATETIME_FIELDS and value is not None and timezone.is_naive(value):
        raise ValueError(f"{name} must be timezone-aware")
    if name in DATETIME_FIELDS and value is not None:
        # Stored as UTC, and kept so in memory: subtracting two Europe/London datetimes
        # gives wall-clock hours, wrong by one across a clock change.
        value = value.astimezone(dt.UTC)
    return value


def _rule_errors(e: MissingEpisode, now: dt.datetime):
    started, ended = e.started_at, e.ended_at
    offered, completed = e.interview_offered_at, e.interview_completed_at
    if started and started > now:
        yield "started_at", "The start of the episode cannot be in the future"
    if ended and ended > now:
        yield "ended_at", "The return cannot be in the future"
    if started and ended and ended <= started:
        yield "ended_at", "The return must be after the child went missing"
    if e.interview_status != Status.NOT_YET and ended is None:
        yield (
            "interview_status",
            "A return interview follows the child's return: enter when the child returned",
        )
    if offered and offered > now:
        yield "interview_offered_at", "The interview cannot have been offered in the future"
    if offered and ended and offered < ended:
        yield "interview_offered_at", "The interview cannot be offered before the child returned"
    if completed and completed > now:
        yield "interview_completed_at", "The interview cannot be completed in the future"
    if completed and ended and completed < ended:
        yield (
            "interview_completed_at",
            "The return interview cannot be completed before the child returned",
        )
    if e.interview_status == Status.COMPLETED and completed is None:
        yield "interview_completed_at", "Enter when the return interview was completed"
    if completed and e.interview_status != Status.COMPLETED:
        yield (
            "interview_completed_at",
            "Only a completed interview has a completed time: leave it blank or choose 'Completed'",
        )
    if e.interview_status == Status.NOT_DONE and not e.interview_not_done_reason:
        yield "interview_not_done_reason", "Say why the return interview was not done"
    if e.interview_status == Status.REFUSED and not e.interview_not_done_reason:
        yield (
            "interview_not_done_reason",
            "Say who refused the return interview and why",
        )
