"""The network benchmark (not run by `make test`; `make bench` runs it on a throwaway
PostgreSQL): a city of N children (default 100,000) with a sparse contextual network,
written straight with bulk_create, then for an analyst:

1. the 2-step network of a record (``network_of``, persons of concern, places and children
   as roots), median and 95th percentile, with the number of records and links it found;
2. the connected groups of the whole visible graph (``connected_groups``);

each beside networkx on the same graph in memory (``ego_graph`` radius 2 and
``connected_components``), so that what the database costs is seen apart from the graph
work. The selectors' times include writing the access log (a row per child shown), as the
pages do.

    scripts/with-postgres .venv/bin/python bench/contexts_network.py
    scripts/with-postgres .venv/bin/python bench/contexts_network.py --children 20000 --repeats 30

Prints a Markdown section for docs/benchmarks.md and writes it to
bench/results-network-latest.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# The shape of the network, per 100,000 children: about 6% of children have any link.
SHAPE = {
    "networked_share": 0.06,
    "persons": 300,
    "places": 450,
    "peer_groups": 120,
    "phones": 600,
    "vehicles": 200,
}
GIVEN = ["Amy", "Ben", "Cara", "Dev", "Ella", "Finn", "Gus", "Hana", "Isla", "Jay", "Kai", "Lola"]
FAMILY = ["Ahmed", "Brown", "Clarke", "Dunn", "Evans", "Fox", "Green", "Hill", "Iqbal", "Jones"]


def _percentile(sorted_times: list[float], share: float) -> float:
    return sorted_times[max(0, math.ceil(len(sorted_times) * share) - 1)]


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _setup() -> None:
    os.environ["MACE_ENV"] = "demo"
    os.environ["MACE_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mace.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _hub(rng: random.Random, items: list):
    """A heavy-tailed pick: a few persons and places are linked to many children."""
    return items[min(len(items) - 1, int(rng.paretovariate(1.2)) - 1)]


def build_city(children: int, seed: int) -> dict:
    """Children, contexts, identifier nodes and links, by bulk_create."""
    from mace.contexts.models import Context, Link, Node
    from mace.core import clock
    from mace.people.models import Child

    rng = random.Random(seed)
    scale = children / 100_000
    today = clock.today()
    start = time.perf_counter()
    rows = [
        Child(
            given_name=rng.choice(GIVEN),
            family_name=f"{rng.choice(FAMILY)}{i}",
            date_of_birth=today - dt.timedelta(days=rng.randint(10 * 365, 18 * 365)),
            restricted=rng.random() < 0.01,
        )
        for i in range(children)
    ]
    Child.objects.bulk_create(rows, batch_size=5000)
    child_ids = list(Child.objects.values_list("pk", flat=True))
    rng.shuffle(child_ids)
    networked = child_ids[: int(len(child_ids) * SHAPE["networked_share"])]

    def contexts(kind, count, name):
        made = Context.objects.bulk_create(
            [
                Context(kind=kind, name=f"{name} {i + 1}", opened_on=today)
                for i in range(max(3, int(count * scale)))
            ],
            batch_size=2000,
        )
        return Node.objects.bulk_create([Node(kind=kind, context=c) for c in made], batch_size=2000)

    persons = contexts(Context.Kind.PERSON, SHAPE["persons"], "Person of concern")
    places = contexts(Context.Kind.PLACE, SHAPE["places"], "Place")
    groups = contexts(Context.Kind.PEER_GROUP, SHAPE["peer_groups"], "Peer group")
    phones = Node.objects.bulk_create(
        [
            Node(kind=Node.Kind.PHONE, value=f"07700{i:06d}", label=f"07700 {i:06d}")
            for i in range(max(3, int(SHAPE["phones"] * scale)))
        ]
    )
    vehicles = Node.objects.bulk_create(
        [
            Node(kind=Node.Kind.VEHICLE, value=f"YX{i:05d}", label=f"YX{i:05d}")
            for i in range(max(3, int(SHAPE["vehicles"] * scale)))
        ]
    )
    kids = Node.objects.bulk_create(
        [Node(kind=Node.Kind.CHILD, child_id=pk) for pk in networked], batch_size=5000
    )
    for items in (persons, places, groups):
        rng.shuffle(items)

    links = []

    def link(a, b, relation):
        if a.pk == b.pk:
            return
        roll = rng.random()
        status = (
            Link.Status.RETRACTED
            if roll < 0.03
            else Link.Status.PROPOSED
            if roll < 0.08
            else Link.Status.CONFIRMED
        )
        seen = today - dt.timedelta(days=rng.randint(0, 720))
        links.append(
            Link(
                source=a,
                target=b,
                relation=relation,
                origin=rng.choice(Link.Origin.values),
                source_grade=rng.choice("1223"),
                intelligence_grade=rng.choice("ABBCCD"),
                handling="P",
                status=status,
                first_seen=seen - dt.timedelta(days=rng.randint(0, 200)),
                last_seen=seen,
            )
        )

    for kid in kids:
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            roll = rng.random()
            if roll < 0.45:
                link(kid, _hub(rng, places), Link.Relation.SEEN_AT)
            elif roll < 0.70:
                link(_hub(rng, persons), kid, Link.Relation.EXPLOITS)
            elif roll < 0.85:
                link(kid, _hub(rng, groups), Link.Relation.MEMBER)
            elif roll < 0.95:
                link(kid, rng.choice(kids), Link.Relation.ASSOCIATES)
            else:
                link(kid, rng.choice(phones), Link.Relation.CONTACTS)
    for person in persons:
        for _ in range(rng.randint(1, 3)):
            link(person, rng.choice(phones), Link.Relation.USES)
        if rng.random() < 0.4:
            link(person, rng.choice(vehicles), Link.Relation.USES)
        if rng.random() < 0.6:
            link(person, _hub(rng, places), Link.Relation.RUNS)
        if rng.random() < 0.3:
            link(person, rng.choice(persons), Link.Relation.ASSOCIATES)
    Link.objects.bulk_create(links, batch_size=5000)
    return {
        "seconds": time.perf_counter() - start,
        "children": children,
        "networked": len(kids),
        "contexts": len(persons) + len(places) + len(groups),
        "identifiers": len(phones) + len(vehicles),
        "links": len(links),
        "confirmed": sum(1 for x in links if x.status == Link.Status.CONFIRMED),
        "roots": {
            "person": [n.pk for n in persons],
            "place": [n.pk for n in places],
            "child": [n.pk for n in kids],
        },
    }


def _timed(fn, repeats: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times), result


def measure(city: dict, repeats: int, group_repeats: int, seed: int) -> list[str]:
    import networkx as nx
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mace.accounts.models import Role, User
    from mace.contexts.models import Link, Node
    from mace.contexts.selectors.network import (
        BETWEENNESS_SAMPLES,
        bridges,
        connected_groups,
        network_of,
    )

    user, _ = User.objects.get_or_create(
        email="bench-analyst@demo.example",
        defaults={"full_name": "Bench Analyst", "role": Role.ANALYST},
    )
    rng = random.Random(seed)
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_edges_from(
        Link.objects.filter(status=Link.Status.CONFIRMED).values_list("source_id", "target_id")
    )
    load_ms = (time.perf_counter() - start) * 1000
    lines = [
        "| what | median ms | p95 ms | records found (median / max) | queries |",
        "|---|---|---|---|---|",
    ]
    for kind in ("person", "place", "child"):
        pool = [pk for pk in city["roots"][kind] if pk in graph]
        roots = [rng.choice(pool) for _ in range(repeats)]
        nodes = {
            n.pk: n
            for n in Node.objects.select_related("child", "context").filter(pk__in=set(roots))
        }
        sizes, times, queries = [], [], 0
        network_of(user=user, node=nodes[roots[0]], steps=2)  # warm
        for pk in roots:
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                network = network_of(user=user, node=nodes[pk], steps=2)
                times.append((time.perf_counter() - t0) * 1000)
            queries = max(queries, len(ctx.captured_queries))
            sizes.append(len(network.nodes))
        times.sort()
        nx_times = []
        for pk in roots:
            t0 = time.perf_counter()
            nx.ego_graph(graph, pk, radius=2)
            nx_times.append((time.perf_counter() - t0) * 1000)
        nx_times.sort()
        lines.append(
            f"| 2-step network of a {'person of concern' if kind == 'person' else kind}"
            f" (`network_of`) | {statistics.median(times):.1f} | {_percentile(times, 0.95):.1f} "
            f"| {statistics.median(sizes):.0f} / {max(sizes)} | {queries} |"
        )
        lines.append(
            f"| the same, networkx `ego_graph` in memory | {statistics.median(nx_times):.2f} "
            f"| {_percentile(nx_times, 0.95):.2f} | | |"
        )
        print(lines[-2], flush=True)
    connected_groups(user=user)  # warm
    with CaptureQueriesContext(connection) as ctx:
        times, groups = _timed(lambda: connected_groups(user=user), group_repeats)
    queries = len(ctx.captured_queries) // max(1, group_repeats)
    nx_times, components = _timed(
        lambda: [c for c in nx.connected_components(graph) if len(c) >= 2], group_repeats
    )
    lines.append(
        f"| connected groups (`connected_groups`, the 50 largest shown) | "
        f"{statistics.median(times):.1f} | {_percentile(times, 0.95):.1f} | "
        f"{len(components)} groups, largest {max(map(len, components))} | {queries} |"
    )
    lines.append(
        f"| the same, networkx `connected_components` in memory | "
        f"{statistics.median(nx_times):.2f} | {_percentile(nx_times, 0.95):.2f} | | |"
    )
    bridges(user=user)  # warm
    times, found = _timed(lambda: bridges(user=user), max(3, group_repeats // 3))
    lines.append(
        f"| bridges (`bridges`, betweenness from {BETWEENNESS_SAMPLES} sources, top 20) | "
        f"{statistics.median(times):.1f} | {_percentile(times, 0.95):.1f} | {len(found)} | |"
    )
    lines.append("")
    lines.append(
        f"networkx's graph was loaded from the database once ({graph.number_of_nodes():,} "
        f"nodes, {graph.number_of_edges():,} edges) in {load_ms:.0f} ms, not counted above."
    )
    assert len(groups) == min(50, len(components))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--group-repeats", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Needs DATABASE_URL (run under scripts/with-postgres)")
    lines = [
        f"## Network run of {time.strftime('%Y-%m-%d %H:%M')} ({args.children:,} children)",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; at the start, "
        f"{_load()}.",
        "",
    ]
    _setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    city = build_city(args.children, args.seed)
    lines += [
        f"PostgreSQL {version}. Built with bulk_create in {city['seconds']:.0f} s: "
        f"{city['children']:,} children, {city['networked']:,} of them in the network, "
        f"{city['contexts']:,} contexts, {city['identifiers']:,} phones and vehicles, "
        f"{city['links']:,} links ({city['confirmed']:,} confirmed). Signed in as an analyst; "
        f"{args.repeats} roots of each kind at random, {args.group_repeats} runs of the groups.",
        "",
    ]
    print(lines[-2], flush=True)
    lines += measure(city, args.repeats, args.group_repeats, args.seed)
    lines += ["", f"At the end, {_load()}."]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results-network-latest.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
