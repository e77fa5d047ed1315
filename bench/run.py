"""Benchmarks (not run by `make test`): `make bench` runs this with a throwaway PostgreSQL.

1. `mace seed --children N` on a fresh SQLite file and on PostgreSQL (DATABASE_URL), timed
   as a user runs it.
2. The child record page, the cohort search and the meeting pages (agenda, live screen,
   papers and minutes, as pages and PDFs) at that size: median and 95th percentile
   response time in the Django test client, and the query count of each page.

Prints a Markdown section to paste into docs/benchmarks.md and writes it to
bench/results-latest.md.
"""

from __future__ import annotations

import argparse
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


def page_timings(database_url: str | None, repeats: int) -> list[tuple[str, float, float, int]]:
    """Time the child page and the cohort search against the seeded database."""
    os.environ["MACE_ENV"] = "demo"
    os.environ["MACE_DEBUG"] = "0"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mace.settings")
    import django

    django.setup()
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
    results = []
    for label, urls in pages.items():
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
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        results.append((label, statistics.median(times), p95, queries))
    return results


def _meeting_pages(repeats: int) -> dict[str, list[str]]:
    """The next child-focused meeting's agenda, live screen and papers (page and PDF), and
    the last held meeting's minutes: pages whose size is the agenda, not the cohort."""
    from django.utils import timezone

    from mace.meetings.models import Kind, Meeting

    today = timezone.localdate()
    upcoming = (
        Meeting.objects.filter(kind=Kind.CHILD, status=Meeting.Status.SCHEDULED, date__gte=today)
        .order_by("date")
        .first()
    )
    held = Meeting.objects.filter(kind=Kind.CHILD, status=Meeting.Status.HELD).order_by("-date")
    held = held.filter(minutes__isnull=False).first()
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL") or None

    lines = [
        f"## Run of {time.strftime('%Y-%m-%d %H:%M')} ({args.children:,} children)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "| seeding | seconds |",
        "|---|---|",
    ]
    for url in (None, database_url) if database_url else (None,):
        label, seconds = seed_timing(args.children, url)
        lines.append(f"| `mace seed --children {args.children}` on {label} | {seconds:.1f} |")
        print(lines[-1], flush=True)
    lines += [
        "",
        f"Pages at that size ({'PostgreSQL' if database_url else 'SQLite'}), "
        f"{args.repeats} requests each:",
        "",
        "| page | median ms | p95 ms | queries |",
        "|---|---|---|---|",
    ]
    for label, median, p95, queries in page_timings(database_url, args.repeats):
        lines.append(f"| {label} | {median:.1f} | {p95:.1f} | {queries} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results-latest.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
