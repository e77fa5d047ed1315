"""Benchmarks (not run by `make test`): `make bench` runs this with a throwaway PostgreSQL.

1. `mace seed --children N` on a fresh SQLite file and on PostgreSQL (DATABASE_URL), timed
   as a user runs it.
2. The child record page, the cohort search and the meeting pages (agenda, live screen,
   papers and minutes, as pages and PDFs) at that size: median and 95th percentile
   response time in the Django test client, and the query count of each page.

Prints a Markdown section to paste into docs/benchmarks.md and writes it to
bench/results-latest.md.

Seeding PostgreSQL at 100,000 children takes five minutes or more. To time the pages again
against a database already seeded (a cluster of your own, kept between runs), skip the
seeding: ``DATABASE_URL=postgres://... python bench/run.py --no-seed`` (``--pages agenda``
times only the pages whose label contains "agenda").
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MACE = [sys.executable, "-m", "mace.cli"]


def _run(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([*MACE, *args], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return time.perf_counter() - start


def seed_timing(children: int, database_url: str | None) -> tuple[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env["MACE_ENV"] = "demo"
    if database_url:
        env["DATABASE_URL"] = database_url
        label = "PostgreSQL 15"
    else:
        env.pop("DATABASE_URL", None)
        env["MACE_VAR_DIR"] = tempfile.mkdtemp(prefix="mace-bench-")
        label = "SQLite"
    # A fresh database either way (make bench's PostgreSQL is a throwaway cluster); no
    # flush: the audit log's append-only trigger rightly refuses one.
    _run(["migrate", "-v", "0"], env)
    return label, _run(["seed", "--children", str(children), "--seed", "2026"], env)


def _percentile(sorted_times: list[float], share: float) -> float:
    """Nearest rank: the smallest time at least ``share`` of the requests took no longer."""
    return sorted_times[max(0, math.ceil(len(sorted_times) * share) - 1)]


def _setup_django(database_url: str | None) -> None:
    os.environ["MACE_ENV"] = "demo"
    os.environ["MACE_DEBUG"] = "0"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mace.settings")
    import django

    django.setup()
    from django.core.management import call_command

    # Demo mode without DEBUG serves collected, hashed static files (as `mace demo` does).
    call_command("collectstatic", interactive=False, verbosity=0)


def page_timings(
    database_url: str | None, repeats: int, only: list[str] | None = None
) -> list[tuple[str, float, float, int]]:
    """Time the child page, the cohort search and the meeting pages against the seeded
    database: one request each first (not timed: templates and connections warm), then
    ``repeats`` requests (a fifth as many for the PDFs)."""
    _setup_django(database_url)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mace.accounts.models import Role, User
    from mace.people.models import Child

    user, _ = User.objects.get_or_create(
        email="bench@demo.example", defaults={"full_name": "Bench Mark", "role": Role.COORDINATOR}
    )
    client = Client()
    client.force_login(user)
    children = list(Child.objects.filter(restricted=False).order_by("id")[:repeats])
    pages = {
        "child record": [f"/children/{c.id}/" for c in children],
        "cohort search (family name)": [f"/children/?q={c.family_name}" for c in children],
        "cohort list, page 2": ["/children/?page=2"] * repeats,
    }
    pages.update(_meeting_pages(repeats))
    pages.update(_full_agenda_pages(user, repeats))
    results = []
    for label, urls in pages.items():
        if only and not any(word in label for word in only):
            continue
        assert client.get(urls[0]).status_code == 200, urls[0]
        times = []
        queries = 0
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = max(queries, len(ctx.captured_queries))
        times.sort()
        results.append((label, statistics.median(times), _percentile(times, 0.95), queries))
        print(f"{label}: median {results[-1][1]:.1f} ms, p95 {results[-1][2]:.1f} ms", flush=True)
    return results


def _meeting_pages(repeats: int) -> dict[str, list[str]]:
    """The next child-focused meeting's agenda, live screen and papers (page and PDF), and
    the last held meeting's minutes: pages whose size is the agenda, not the cohort."""
    upcoming, held = _meetings()
    pages = {}
    if upcoming is not None:
        base = f"/meetings/{upcoming.pk}/"
        pages["meeting agenda"] = [base] * repeats
        pages["live meeting screen"] = [f"{base}run/"] * repeats
        pages["agenda pack (HTML)"] = [f"{base}papers/"] * repeats
        pages["agenda pack (PDF)"] = [f"{base}papers.pdf"] * max(5, repeats // 5)
    if held is not None:
        pages["minutes"] = [f"/meetings/{held.pk}/minutes/"] * repeats
        pages["minutes (PDF)"] = [f"/meetings/{held.pk}/minutes.pdf"] * max(5, repeats // 5)
    return pages


FULL_AGENDA = "Bench: a full agenda"


def _full_agenda_pages(user, repeats: int) -> dict[str, list[str]]:
    """A meeting at capacity (eight children) with much on record about each: children with
    an active VRMP, discussed at MACE before. Made once through the agenda service (a
    scheduled meeting of the bench's own, two months on) and found again on later runs."""
    import datetime as dt

    from django.utils import timezone

    from mace.meetings.models import Discussion, Kind, Meeting
    from mace.meetings.services.agenda import item_add
    from mace.people.models import Child
    from mace.risk.models import Vrmp

    meeting = Meeting.objects.filter(title=FULL_AGENDA).first()
    if meeting is None:
        meeting = Meeting.objects.create(
            kind=Kind.CHILD,
            title=FULL_AGENDA,
            date=timezone.localdate() + dt.timedelta(days=60),
            start_time=dt.time(10, 0),
            capacity=8,
        )
        discussed = Discussion.objects.values("item__child_id")
        children = (
            Vrmp.objects.filter(status=Vrmp.Status.ACTIVE, child_id__in=discussed)
            .order_by("child_id")
            .values_list("child_id", flat=True)
            .distinct()[: meeting.capacity]
        )
        for child in Child.objects.filter(pk__in=list(children)).order_by("pk"):
            item_add(actor=user, meeting=meeting, child=child)
    base = f"/meetings/{meeting.pk}/"
    return {
        "full agenda: agenda page": [base] * repeats,
        "full agenda: pack (HTML)": [f"{base}papers/"] * repeats,
        "full agenda: pack (PDF)": [f"{base}papers.pdf"] * max(5, repeats // 5),
    }


def _meetings():
    """The next child-focused meeting (not the bench's own), and the last one held with
    minutes."""
    from django.utils import timezone

    from mace.meetings.models import Kind, Meeting

    today = timezone.localdate()
    upcoming = (
        Meeting.objects.filter(kind=Kind.CHILD, status=Meeting.Status.SCHEDULED, date__gte=today)
        .exclude(title=FULL_AGENDA)
        .order_by("date")
        .first()
    )
    held = Meeting.objects.filter(kind=Kind.CHILD, status=Meeting.Status.HELD).order_by("-date")
    held = held.filter(minutes__isnull=False).first()
    return upcoming, held


def _environment() -> list[str]:
    """What the figures were measured with: versions, the agenda's size, the load."""
    import django
    import weasyprint
    from django.db import connection

    from mace.meetings.models import AgendaItem

    lines = [f"Django {django.get_version()}, WeasyPrint {weasyprint.__version__}"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            lines[0] += f", PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        lines[0] += f", SQLite {sqlite3.sqlite_version}"
    upcoming, _ = _meetings()
    if upcoming is not None:
        listed = upcoming.items.filter(status=AgendaItem.Status.LISTED)
        children = listed.filter(child__isnull=False).count()
        lines.append(
            f"The next child-focused meeting ({upcoming.date:%-d %B %Y}) has {children} "
            f"children on its agenda (capacity {upcoming.capacity}), {listed.count()} items; "
            f"the full agenda ({FULL_AGENDA!r}) has "
            f"{AgendaItem.objects.filter(meeting__title=FULL_AGENDA).count()} children."
        )
    return lines


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="time the pages against DATABASE_URL as it is (already migrated and seeded)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="do not time seeding SQLite")
    parser.add_argument("--pages", nargs="*", help="only the pages whose label has a word")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or None

    lines = [
        f"## Run of {time.strftime('%Y-%m-%d %H:%M')} ({args.children:,} children)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; at the start, "
        f"{_load()}.",
        "",
    ]
    if not args.no_seed:
        lines += ["| seeding | seconds |", "|---|---|"]
        urls = [] if args.no_sqlite else [None]
        urls += [database_url] if database_url else []
        for url in urls:
            label, seconds = seed_timing(args.children, url)
            lines.append(f"| `mace seed --children {args.children}` on {label} | {seconds:.1f} |")
            print(lines[-1], flush=True)
        lines.append("")
    timings = page_timings(database_url, args.repeats, args.pages)
    lines += [
        *_environment(),
        "",
        f"Pages at that size ({'PostgreSQL' if database_url else 'SQLite'}), "
        f"{args.repeats} requests each (a fifth as many for PDFs) after one not timed:",
        "",
        "| page | median ms | p95 ms | queries |",
        "|---|---|---|---|",
    ]
    for label, median, p95, queries in timings:
        lines.append(f"| {label} | {median:.1f} | {p95:.1f} | {queries} |")
    lines += ["", f"At the end, {_load()}."]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results-latest.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
