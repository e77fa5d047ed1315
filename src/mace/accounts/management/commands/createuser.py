"""mace createuser: add a user from the command line."""

from __future__ import annotations

import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mace.accounts.models import Agency, Role
from mace.accounts.services import user_create


class Command(BaseCommand):
    help = "Create a user who signs in with their email. Prompts for the password if not given."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="Full name")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--agency", default="", help="Agency name (must exist)")
        parser.add_argument("--job-title", default="")
        parser.add_argument(
            "--password",
            default=None,
            help="Password (prefer the prompt or MACE_NEW_USER_PASSWORD: a flag shows in ps)",
        )

    def handle(self, *args, **options):
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(name__iexact=options["agency"]).first()
            if agency is None:
                names = ", ".join(Agency.objects.values_list("name", flat=True)) or "none yet"
                raise CommandError(f"No agency called {options['agency']!r}. Agencies: {names}")
        password = options["password"] or self._password()
        try:
            user = user_create(
                actor=None,
                email=options["email"],
                full_name=options["name"],
                role=options["role"],
                agency=agency,
                job_title=options["job_title"],
                password=password,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Created {user.email} ({Role(user.role).label})")

    def _password(self) -> str:
        import os

        if os.environ.get("MACE_NEW_USER_PASSWORD"):
            return os.environ["MACE_NEW_USER_PASSWORD"]
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password again: "):
            raise CommandError("The passwords do not match")
        return first
