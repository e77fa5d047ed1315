"""mace link: find the same children in two lists, or in a list and the children recorded.

Given two lists, it learns its model from them (as Splink does; ``--bundled-model`` uses
the bundled one instead, as do lists too small to learn from) and keeps each record to its
best match, a list holding each person once (``--all-pairs`` writes every pair at or above
the threshold instead).

An operator's command-line tool: without ``--b`` it reads every child recorded, restricted
records included, and its output names children by id. Run it only where the operator may
see the whole cohort, and keep the output as securely as the cohort itself.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from mace.linkage import engine
from mace.linkage.csvfiles import COLUMNS, ListError, read_people, write_matches
from mace.linkage.model import MatchModel
from mace.people import identity


def _console(stream) -> Console:
    return Console(file=getattr(stream, "_out", None) or sys.stdout, stderr=False)


class Command(BaseCommand):
    # A data tool: the URL and template checks that other commands run are not its concern.
    requires_system_checks: list[str] = []
    help = (
        "Link two lists of people (CSV with columns "
        + ", ".join(COLUMNS)
        + "; any cell but id may be empty) and write the pairs scoring at least the threshold "
        "as id_a, id_b, score. Without --b, list A is linked against the children recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--a", type=Path, help="List A (CSV)")
        parser.add_argument(
            "--b", type=Path, help="List B (CSV); omitted: the children recorded in MACE"
        )
        parser.add_argument("--out", type=Path, help="Where to write the matches (CSV)")
        parser.add_argument(
            "--threshold",
            type=float,
            default=engine.DEFAULT_THRESHOLD,
            help=f"Lowest match probability written, 0 to 1 (default {engine.DEFAULT_THRESHOLD})",
        )
        parser.add_argument(
            "--explain", action="store_true", help="Add a reasons column to the output"
        )
        parser.add_argument(
            "--bundled-model",
            action="store_true",
            help="Use the bundled model instead of learning one from the two lists",
        )
        parser.add_argument(
            "--fit",
            action="store_true",
            help="Learn the model from the two lists, however small they are (with --b, "
            "learning is the default for lists of "
            f"{engine.MIN_FIT_RECORDS} records or more; kept for older scripts)",
        )
        parser.add_argument(
            "--all-pairs",
            action="store_true",
            help="Write every pair at or above the threshold, not only each record's best "
            "match (for lists that may hold a person twice)",
        )
        parser.add_argument("--model", type=Path, help="Use a model saved by --save-model")
        parser.add_argument("--save-model", type=Path, help="Write the model used (JSON)")
        parser.add_argument(
            "--train-default",
            action="store_true",
            help="Relearn the bundled default model from the synthetic lists and write it",
        )

    def handle(self, *args, **options):
        console = _console(self.stdout)
        quiet = self._quiet = options["verbosity"] == 0
        if options["train_default"]:
            model = engine.train_default_model()
            model.save(engine.DEFAULT_MODEL_PATH)
            if not quiet:
                self.stdout.write(f"Wrote {engine.DEFAULT_MODEL_PATH}")
            return
        if options["a"] is None or options["out"] is None:
            raise CommandError("--a and --out are required (and --b, unless linking to MACE)")
        threshold = options["threshold"]
        if not 0.0 <= threshold <= 1.0:
            raise CommandError("--threshold must be between 0 and 1")
        if options["fit"] and options["b"] is None:
            raise CommandError("--fit learns from two lists: give --b as well")
        chosen = [
            flag
            for flag, key in (
                ("--fit", "fit"),
                ("--model", "model"),
                ("--bundled-model", "bundled_model"),
            )
            if options[key]
        ]
        if len(chosen) > 1:
            raise CommandError(
                f"Give one of --fit, --model and --bundled-model, not {' and '.join(chosen)}"
            )
        if not options["out"].parent.is_dir():
            raise CommandError(f"--out: no such folder: {options['out'].parent}")
        started = time.monotonic()
        list_a = self._read(options["a"], "--a")
        list_b = self._read(options["b"], "--b") if options["b"] else None
        model = self._model(options)
        # Two lists: learn from them, unless told otherwise or they are too small.
        learn = list_b is not None and (
            options["fit"] or (not chosen and engine.can_fit(list_a, list_b))
        )

        progress = Progress(
            TextColumn("{task.description:<22}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
        )
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        with progress:
            if list_b is None:
                rows = self._link_to_cohort(list_a, threshold, model, options["explain"], report)
            else:
                if learn:
                    model = engine.model_fit(a=list_a, b=list_b, progress=report)
                matches = engine.link_records(
                    list_a,
                    list_b,
                    threshold=threshold,
                    model=model,
                    progress=report,
                    one_match_each=not options["all_pairs"],
                    explain=options["explain"],
                )
                rows = [
                    (m.id_a, m.id_b, m.score)
                    + (("; ".join(map(str, m.reasons)),) if options["explain"] else ())
                    for m in matches
                ]
        if options["save_model"]:
            model.save(options["save_model"])
        written = write_matches(path=options["out"], rows=rows, explain=options["explain"])
        if list_b is None:
            self._audit(options, rows)
        if not quiet:
            against = f"{len(list_b)} in B" if list_b is not None else "the children recorded"
            self.stdout.write(
                f"{written} pairs at or above {threshold:g} among {len(list_a)} records in A "
                f"and {against}; written to {options['out']} "
                f"({time.monotonic() - started:.1f}s)"
            )
            self.stdout.write(f"Model: {self._model_note(options, list_a, list_b, learn)}")

    @staticmethod
    def _model_note(options, list_a, list_b, learn: bool) -> str:
        if learn:
            kept = "every pair" if options["all_pairs"] else "each record's best match"
            return f"learnt from the two lists; {kept} kept"
        if options["model"]:
            return f"{options['model']}"
        if list_b is not None and not options["bundled_model"]:
            return (
                f"bundled (lists of fewer than {engine.MIN_FIT_RECORDS} records are too few "
                "to learn from; --fit learns all the same)"
            )
        return "bundled"

    @staticmethod
    def _audit(options, rows) -> None:
        """Linking against the cohort exports children's record IDs: log each child named."""
        import getpass

        from mace.audit.models import Event
        from mace.audit.services import access_record_many
        from mace.people.models import Child

        matched = Child.objects.filter(pk__in={row[1] for row in rows}).only("pk")
        access_record_many(
            actor=None,
            children=matched,
            verb=Event.Verb.COHORT_LINKED,
            payload={
                "operator": getpass.getuser(),
                "list": str(options["a"]),
                "out": str(options["out"]),
                "pairs": len(rows),
            },
        )

    def _read(self, path: Path, label: str):
        try:
            report = read_people(path=path, label=label)
        except ListError as exc:
            raise CommandError(str(exc)) from exc
        if report.bad_dates and not self._quiet:
            lines = ", ".join(map(str, report.bad_dates[:5]))
            more = "..." if len(report.bad_dates) > 5 else ""
            self.stderr.write(
                f"{label}: {len(report.bad_dates)} dates of birth not understood, treated as "
                f"empty (lines {lines}{more}); write them as YYYY-MM-DD or DD/MM/YYYY"
            )
        return report.records

    def _model(self, options) -> MatchModel:
        if not options["model"]:
            return engine.default_model()
        try:
            return MatchModel.load(options["model"])
        except FileNotFoundError as exc:
            raise CommandError(f"--model: no such file: {options['model']}") from exc
        except (ValueError, KeyError) as exc:
            raise CommandError(f"--model: not a model this version can use ({exc})") from exc

    @staticmethod
    def _link_to_cohort(list_a, threshold, model, explain: bool, report) -> list[tuple]:
        from mace.people.models import Child

        children = Child.objects.all()  # an operator's tool: the whole cohort, see above
        population = identity.cohort_size()
        rows = []
        for n, record in enumerate(list_a, start=1):
            for candidate in identity.candidates_for(
                record, children_qs=children, limit=10, model=model, population=population
            ):
                if candidate.score < threshold:
                    break
                row = (record.id, str(candidate.child_id), candidate.score)
                if explain:
                    row += ("; ".join(map(str, candidate.reasons)),)
                rows.append(row)
            report("Searching the cohort", n, len(list_a))
        return rows
