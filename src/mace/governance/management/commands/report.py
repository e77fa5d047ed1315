"""``mace report mace|silver|gold --from DATE --to DATE --format html|pdf|csv --out PATH``:
an audience's period report, written to a file, with its progress on the terminal."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mace.governance.permissions import DASHBOARD_AUDIENCES
from mace.governance.services.reports import FORMATS, report_generate

STEPS = {"html": 5, "pdf": 6, "csv": 3}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"Not a date: {text!r} (write it as YYYY-MM-DD, e.g. 2026-04-01)"
        ) from None


class Command(BaseCommand):
    help = (
        "Write the MACE, Silver or Gold report for a period: every figure of that audience's "
        "dashboard, charts and tables (HTML or PDF) or tables (CSV). Silver and Gold reports "
        "show counts of 1 to 4 as <5 and withhold what would give one away. Logged, with its "
        "parameters."
    )

    def add_arguments(self, parser):
        parser.add_argument("audience", choices=DASHBOARD_AUDIENCES)
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        parser.add_argument("--out", required=True, help="the file to write")

    def handle(self, *args, **options):
        start, end = _date(options["start"]), _date(options["end"])
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"No such folder: {out.parent}")
        console = Console(file=getattr(self.stdout, "_out", None) or sys.stdout)
        progress = Progress(
            TextColumn("{task.description:<24}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=options["verbosity"] == 0,
        )
        with progress:
            task = progress.add_task("Starting", total=STEPS[options["fmt"]])

            def step(text: str) -> None:
                progress.update(task, description=text, advance=1)

            try:
                report = report_generate(
                    audience=options["audience"],
                    start=start,
                    end=end,
                    fmt=options["fmt"],
                    progress=step,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
        out.write_bytes(report.content)
        if options["verbosity"]:
            self.stdout.write(
                f"Wrote {out} ({len(report.content):,} bytes): the {report.audience} report, "
                f"{report.start:%d %b %Y} to {report.end:%d %b %Y}"
                + (f", naming {report.named} children escalated to Gold" if report.named else "")
            )
