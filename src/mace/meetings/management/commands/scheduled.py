"""mace scheduled: run the scheduled tasks that are due (weekly overdue-action reminders,
daily agenda filling and series extension). Run it from cron every few minutes, or leave
``mace scheduled --loop`` running; each task runs once per due moment either way."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from mace.meetings.services.reminders import TASKS, run_due


class Command(BaseCommand):
    help = (
        "Run the scheduled tasks that are due: "
        + "; ".join(f"{task.name} ({task.rule})" for task in TASKS)
        + ". Each runs once per due moment, however often this is called."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking each minute"
        )
        parser.add_argument(
            "--task", choices=[task.name for task in TASKS], help="Only this task, if due"
        )
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between checks with --loop"
        )

    def handle(self, *args, loop=False, task=None, interval=60, **options):
        if interval < 5:
            raise CommandError("--interval must be at least 5 seconds")
        while True:
            for name, result in run_due(only=task):
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            time.sleep(interval)
