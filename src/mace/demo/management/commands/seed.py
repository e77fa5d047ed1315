"""mace seed: build the synthetic demo city (Leeds wards, fictional schools, made-up children)."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from mace.core.db import statistics_refresh
from mace.demo.generator import CityAlreadySeeded, generate_city
from mace.demo.governance import demo_governance_ensure
from mace.demo.meetings import demo_meetings_ensure
from mace.demo.population import population_reference_ensure
from mace.demo.referral_history import demo_referral_history_ensure
from mace.demo.risk import SEED_USER_EMAIL

DEFAULT_CHILDREN = 300
DEFAULT_SEED = 2026


def console_for(stream) -> Console:
    """A rich console writing to a command's stdout (the stream under Django's wrapper)."""
    return Console(file=getattr(stream, "_out", None) or sys.stdout)


class Command(BaseCommand):
    help = (
        "Seed the synthetic demo city: wards, schools and agencies if missing, then N "
        "synthetic children with aliases, addresses and history, and each child's record "
        "(risk assessments, VRMPs, missing episodes, statutory processes), and two years of "
        "MACE meetings with the next ones prepared (run by the demo users, created if "
        "missing), then two years of Silver and Gold: escalations, the action plan, case "
        "audits, recommendations and challenges. The same seed gives the same children and "
        "records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=DEFAULT_CHILDREN)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add children even though some exist (otherwise seeding twice is refused)",
        )
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Skip the 'created by seed' history rows (faster; the audit view is empty)",
        )
        parser.add_argument(
            "--record-history",
            action="store_true",
            help="Also write history rows for the records (doubles their writes)",
        )
        parser.add_argument(
            "--no-records",
            action="store_true",
            help="Children only: no risk assessments, VRMPs, missing episodes or statutory "
            "processes",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Synthetic children do not belong in a production database")
        children = options["children"]
        if children < 0:
            raise CommandError("--children must be zero or more")
        started = time.monotonic()
        progress = Progress(
            TextColumn(
                "Seeding children" if options["no_records"] else "Seeding children and records"
            ),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console_for(self.stdout),
            disable=options["verbosity"] == 0,
        )
        with progress:
            task = progress.add_task("children", total=children)
            try:
                counts = generate_city(
                    children=children,
                    seed=options["seed"],
                    append=options["append"],
                    history=not options["no_history"],
                    records=not options["no_records"],
                    record_history=options["record_history"] and not options["no_history"],
                    progress=lambda done, total: progress.update(task, completed=done),
                )
            except CityAlreadySeeded as exc:
                raise CommandError(str(exc)) from exc
        statistics_refresh()
        population_reference_ensure()  # the city's children, for Gold's disproportionality
        meetings, referrals, governance = {}, {}, {}
        if counts["children"] and not options["no_records"]:
            # Two years of meetings (once: not again when appending), run by the demo users.
            meetings = demo_meetings_ensure(
                seed=options["seed"], password=settings.MACE_DEMO_PASSWORD
            )
            # The referrals that brought those children, and others, over two years (once).
            referrals = demo_referral_history_ensure(seed=options["seed"])
            # Then Silver and Gold's two years, from those meetings (once, likewise).
            governance = demo_governance_ensure(seed=options["seed"])
        statistics_refresh()
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"Seeded {counts['children']} children, {counts['aliases']} aliases, "
            f"{counts['addresses']} addresses, {counts['history']} history rows; "
            f"new reference data: {counts['wards']} wards, {counts['schools']} schools, "
            f"{counts['agencies']} agencies (seed {options['seed']}, {elapsed:.1f}s)"
        )
        if options["no_records"] or not counts["children"]:
            return
        self.stdout.write(
            f"Records: {counts['assessments']} risk assessments; {counts['vrmps']} VRMPs with "
            f"{counts['vrmp_versions']} versions, {counts['vrmp_reviews']} reviews and "
            f"{counts['vrmp_actions']} actions; {counts['missing_episodes']} missing episodes; "
            f"{counts['statutory_processes']} statutory processes"
        )
        if meetings:
            self.stdout.write(
                f"Meetings: {meetings['series']} series; {meetings['held']} held in the past "
                f"year ({meetings['minutes_approved']} with approved minutes), "
                f"{meetings['discussions']} discussions and "
                f"{meetings['actions']} actions ({meetings['actions_overdue']} overdue); "
                f"{meetings['upcoming_items']} items on the coming agendas, "
                f"{meetings['invitations_sent']} invitations sent (by the demo users)"
            )
        if meetings.get("network_links"):
            self.stdout.write(
                f"Contexts: {meetings.get('network_contexts_place', 0)} places, "
                f"{meetings.get('network_contexts_person', 0)} persons of concern, "
                f"{meetings.get('network_contexts_peer_group', 0)} peer groups, "
                f"{meetings.get('network_contexts_theme', 0)} themes; "
                f"{meetings['network_links']} links ({meetings.get('network_links_retracted', 0)} "
                f"retracted), {meetings.get('network_alerts_open', 0)} open alerts, "
                f"{meetings.get('network_disruption', 0)} disruption records"
            )
        if referrals:
            self.stdout.write(
                f"Referrals: {referrals['referrals']} over two years "
                f"({referrals['accepted']} accepted, {referrals['signposted']} signposted, "
                f"{referrals['declined']} declined, "
                f"{referrals['awaiting_information']} awaiting more information)"
            )
        if governance:
            self.stdout.write(
                f"Silver and Gold: {governance.get('escalations_silver', 0)} escalations to "
                f"Silver and {governance.get('escalations_gold', 0)} to Gold "
                f"({governance.get('children_to_gold', 0)} children); "
                f"{governance.get('plan_items', 0)} plan items with "
                f"{governance.get('progress_updates', 0)} progress updates; "
                f"{governance.get('assurance_activities', 0)} case audits; "
                f"{governance.get('recommendations', 0)} recommendations "
                f"({governance.get('recommendations_decided', 0)} decided), "
                f"{governance.get('challenges', 0)} challenges"
            )
        if counts["system_user"]:
            self.stdout.write(
                f"No demo users yet: the records name a system user, {SEED_USER_EMAIL}, who "
                "cannot sign in (mace demo creates the demo users first)."
            )
