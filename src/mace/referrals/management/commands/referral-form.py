"""mace referral-form --out FILE: write the Word referral form referrers fill in."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mace.referrals.wordform import build_form


class Command(BaseCommand):
    help = (
        "Write the Word referral form (.docx) that referrers fill in and email to the secure "
        "mailbox; intake reads it back field by field."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            required=True,
            metavar="FILE",
            help="Where to write the form, e.g. form.docx",
        )

    def handle(self, *args, **options):
        path = Path(options["out"])
        try:
            path.write_bytes(build_form())
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror or exc}") from exc
        self.stdout.write(f"Wrote the referral form to {path}")
