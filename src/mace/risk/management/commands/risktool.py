"""mace risktool load FILE: load a partnership's own risk tool catalogue."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mace.risk.catalogues import CatalogueError
from mace.risk.services.catalogue import catalogue_version_load


class Command(BaseCommand):
    help = "Load (validate and store) a version of the risk identification tool catalogue."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Load a catalogue YAML file")
        load.add_argument("file", type=Path)
        load.add_argument(
            "--no-activate", action="store_true", help="Store it, but keep the current version"
        )
        check = sub.add_parser("check", help="Only check a catalogue YAML file")
        check.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text") from exc
        try:
            if options["action"] == "check":
                from mace.risk.catalogues import parse_catalogue

                content = parse_catalogue(text)
                self.stdout.write(f"{path}: version {content['version']} is valid")
                return
            outcome = catalogue_version_load(
                actor=None, text=text, activate=not options["no_activate"]
            )
        except CatalogueError as exc:
            lines = "\n".join(f"  {path}:{p.line or '?'}: {p.message}" for p in exc.problems)
            raise CommandError(f"{path} is not a valid catalogue:\n{lines}") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        # An identical version already stored is not an error: nothing changes, and it says so.
        self.stdout.write(outcome.message)
