"""mace intake --maildir DIR | --imap: referrals from the secure mailbox (docs/intake.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mace.referrals.intake import sources
from mace.referrals.intake.run import SourceError, intake_messages
from mace.referrals.intake.safety import Limits

EXIT_CODES = (
    "Exit codes: 0 every message was dealt with (a quarantined message is not an error); "
    "1 the mailbox could not be read at all (no such Maildir, IMAP connection or sign-in "
    "failed), or it or the database failed part way, after the summary of what was done; "
    "2 usage or configuration error (wrong options, MACE_IMAP_* settings missing)."
)


class Command(BaseCommand):
    help = (
        "Import referrals from the secure mailbox: each message becomes a referral in the "
        "triage queue, or is quarantined with its reason; a message is never imported twice. "
        "Prints one summary line. " + EXIT_CODES
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--maildir",
            type=Path,
            metavar="DIR",
            help="Read new/ and cur/ of this Maildir; handled messages move to its "
            ".Processed or .Quarantine folder",
        )
        source.add_argument(
            "--imap",
            action="store_true",
            help="Read the IMAP mailbox over TLS set by MACE_IMAP_HOST, MACE_IMAP_PORT, "
            "MACE_IMAP_USER, MACE_IMAP_PASSWORD, MACE_IMAP_FOLDER; handled messages move to "
            "MACE_IMAP_PROCESSED_FOLDER or MACE_IMAP_QUARANTINE_FOLDER",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Leave messages where they are (a later run reports them as already imported)",
        )

    def handle(self, *args, **options):
        move = not options["keep"]
        try:
            if options["imap"]:
                config = sources.ImapSettings.from_environment()
                source = sources.ImapSource(config=config, move=move, warn=self._warn)
            else:
                source = sources.MaildirSource(
                    path=Path(options["maildir"]), move=move, warn=self._warn
                )
        except sources.ConfigError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except SourceError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        try:
            result = intake_messages(
                sources=source.messages(), limits=Limits.from_settings(), after=source.done
            )
        finally:
            source.close()
        self.stdout.write(result.summary())
        if result.source_error:
            raise CommandError(result.source_error, returncode=1)

    def _warn(self, text: str) -> None:
        self.stderr.write(text)
