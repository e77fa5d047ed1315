"""The weekly reminder to owners of overdue actions, and the scheduler that runs it.

``mace scheduled`` (cron every few minutes, or ``--loop``) runs each task once per due
moment; a ScheduledRun row per due moment means a restart or a second scheduler does not
send twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mace.core import clock
from mace.meetings.models import Kind, Meeting, ScheduledRun
from mace.meetings.selectors.actions import actions_overdue

logger = logging.getLogger(__name__)


def overdue_reminders_send(*, today: dt.date | None = None) -> int:
    """Email each owner of overdue actions one message listing them. Returns how many
    emails. The message names no child (email leaves the service): it links to the list."""
    today = today or clock.today()
    by_owner = defaultdict(list)
    for action in actions_overdue(on=today).filter(owner__isnull=False, owner__is_active=True):
        by_owner[action.owner].append(action)
    messages = []
    for owner, actions in by_owner.items():
        body = render_to_string(
            "meetings/email/overdue.txt",
            {
                "owner": owner,
                "actions": actions,
                "today": today,
                "service_name": settings.MACE_SERVICE_NAME,
            },
        )
        subject = f"MACE: {len(actions)} overdue action{'s' if len(actions) != 1 else ''}"
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email]))
    send_mass_mail(messages, fail_silently=False)
    return len(messages)


def agendas_fill(*, today: dt.date | None = None) -> int:
    """Place waiting referrals and due reviews on the coming child-focused meetings, and
    waiting context referrals on the coming contextual meetings."""
    from mace.meetings.services.agenda import agenda_fill

    today = today or clock.today()
    added = 0
    for kind in (Kind.CHILD, Kind.CONTEXT):
        upcoming = Meeting.objects.filter(
            kind=kind, status=Meeting.Status.SCHEDULED, date__gte=today
        ).order_by("date", "start_time")[:6]
        for meeting in upcoming:
            added += len(agenda_fill(meeting=meeting))
    return added


def series_extend(*, today: dt.date | None = None) -> int:
    """Keep a year of meetings generated ahead for every active series."""
    from mace.meetings.models import MeetingSeries
    from mace.meetings.services.schedule import series_generate

    today = today or clock.today()
    until = today + dt.timedelta(days=365)
    return sum(
        len(series_generate(series=series, until=until))
        for series in MeetingSeries.objects.filter(is_active=True)
    )


@dataclass(frozen=True)
class Task:
    name: str
    rule: str  # RFC 5545 RRULE in the service's time zone
    run: Callable[[dt.date], int]  # called with the service's date at the run's ``now``
    # Idempotent tasks are retried at the next call when they fail. A task that sends email
    # is not: its run is committed before it starts, so a mail server failing half-way
    # through cannot make the next call send the first half again.
    retry: bool = True


TASKS = (
    # Monday mornings, before the working week.
    Task(
        "overdue-action-reminders",
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=8;BYMINUTE=0;BYSECOND=0",
        lambda today: overdue_reminders_send(today=today),
        retry=False,
    ),
    Task(
        "series-extend",
        "FREQ=DAILY;BYHOUR=6;BYMINUTE=0;BYSECOND=0",
        lambda today: series_extend(today=today),
    ),
    Task(
        "agendas-fill",
        "FREQ=DAILY;BYHOUR=6;BYMINUTE=30;BYSECOND=0",
        lambda today: agendas_fill(today=today),
    ),
)

# A task's first due moment is counted from here (the service's own epoch).
EPOCH = dt.datetime(2024, 1, 1)


def last_due(task: Task, now: dt.datetime) -> dt.datetime | None:
    """The latest moment at or before ``now`` the task was due (aware, service zone)."""
    zone = timezone.get_default_timezone()
    local_now = timezone.localtime(now, zone).replace(tzinfo=None)
    moment = rrulestr(task.rule, dtstart=EPOCH).before(local_now, inc=True)
    return None if moment is None else moment.replace(tzinfo=zone)


def run_due(*, now: dt.datetime | None = None, only: str | None = None) -> list[tuple[str, str]]:
    """Run each task whose latest due moment has no run yet. Returns (task, result)."""
    now = now or clock.now()
    results = []
    for task in TASKS:
        if only and task.name != only:
            continue
        due = last_due(task, now)
        if due is None or ScheduledRun.objects.filter(task=task.name, due_at=due).exists():
            continue
        try:
            if task.retry:
                with transaction.atomic():
                    run = ScheduledRun.objects.create(task=task.name, due_at=due, ran_at=now)
                    outcome = task.run(timezone.localdate(now))
            else:
                run = ScheduledRun.objects.create(task=task.name, due_at=due, ran_at=now)
                outcome = task.run(timezone.localdate(now))
        except IntegrityError:
            continue  # another scheduler took this run
        except Exception as exc:  # noqa: BLE001  (one task's failure must not stop the rest)
            # A retried task's run row went with the rolled-back transaction, so the next
            # call tries again; a task that is not retried keeps its row, marked failed.
            logger.exception("Scheduled task %s failed", task.name)
            if not task.retry:
                ScheduledRun.objects.filter(task=task.name, due_at=due).update(
                    result=f"failed: {exc}"
                )
            results.append((task.name, f"failed: {exc}"))
            continue
        ScheduledRun.objects.filter(pk=run.pk).update(result=str(outcome))
        results.append((task.name, str(outcome)))
    return results
