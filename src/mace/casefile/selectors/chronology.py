"""One timeline per child of everything recorded about them, from the sources each app
registers in mace.web.registry. Each source runs a fixed number of queries, so the page's
query count does not grow with the record."""

from __future__ import annotations

from mace.web.registry import Entry, chronology_sources


def chronology_kinds() -> dict[str, str]:
    """Every kind of entry (kind -> label), in the order the filter shows them."""
    kinds: dict[str, str] = {}
    for source in chronology_sources():
        kinds.update(source.kinds)
    return kinds


def child_chronology(*, child, kinds: set[str] | None = None) -> list[Entry]:
    """Every entry for the child (fetched through child_get_for_user, which logs the read),
    newest first, optionally only of some kinds."""
    entries: list[Entry] = []
    for source in chronology_sources():
        entries.extend(source.entries(child=child))
    if kinds:
        entries = [e for e in entries if e.kind in kinds]
    entries.sort(key=lambda e: (e.when, e.recorded_at or e.when), reverse=True)
    return entries
