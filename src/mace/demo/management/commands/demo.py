"""mace demo: migrate, create the demo users, seed the city if it is empty, and serve."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from rich.markup import escape
from rich.table import Table

from mace.accounts.models import Role
from mace.demo.management.commands.seed import DEFAULT_CHILDREN, DEFAULT_SEED, console_for
from mace.demo.referrals import demo_referrals_ensure
from mace.demo.users import ensure_demo_users
from mace.people.models import Child


class Command(BaseCommand):
    help = (
        "Run the demo: migrate, create one user per role, seed the synthetic city if there "
        "are no children, print how to sign in, and serve on 127.0.0.1. Re-running keeps data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT") or 8000),
            help="Port to serve on (default: $PORT or 8000)",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the demo but do not serve it"
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("mace demo is for demo mode only (MACE_ENV=demo)")
        verbosity = options["verbosity"]
        stream = getattr(self.stdout, "_out", None)
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0), stdout=stream)
        if settings.STATIC_ROOT:
            # Served as in production: collected, hashed and compressed, by WhiteNoise.
            call_command("collectstatic", interactive=False, verbosity=0, stdout=stream)
        # Users first, so the seeded records name them (assessors, plan leads, the member's
        # police actions) rather than a system user; then again, for the grants that need
        # children (ensure_demo_users is idempotent).
        ensure_demo_users(password=settings.MACE_DEMO_PASSWORD)
        if not Child.objects.exists():
            call_command(
                "seed",
                children=DEFAULT_CHILDREN,
                seed=DEFAULT_SEED,
                verbosity=verbosity,
                stdout=stream,
            )
        users = ensure_demo_users(password=settings.MACE_DEMO_PASSWORD)
        demo_referrals_ensure(seed=DEFAULT_SEED)
        if verbosity:
            self._print_sign_ins(users)
        if options["no_serve"]:
            return
        port = options["port"]
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    def _print_sign_ins(self, users) -> None:
        table = Table(title="Demo sign-ins", title_justify="left")
        table.add_column("Role")
        table.add_column("Email", no_wrap=True)
        table.add_column("Name")
        table.add_column("Agency")
        for user in users:
            agency = user.agency.name if user.agency else ""
            table.add_row(Role(user.role).label, user.email, user.full_name, agency)
        console = console_for(self.stdout)
        console.print(table)
        password = escape(settings.MACE_DEMO_PASSWORD)
        console.print(f"Password for every demo account: [bold]{password}[/]")
        if settings.MACE_WAIVE_2FA:
            console.print("Two-factor authentication is waived in this demo.")
        console.print(
            "Referrers without an account: open /refer/ and use any @demo.example address; "
            "the sign-in link is printed on this console."
        )
