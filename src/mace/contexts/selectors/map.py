"""Places on the map, ward by ward, and hotspots: places by the number of children linked
to them by confirmed links. Children are counted, never named."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from mace.contexts.models import Context, Link, Node
from mace.contexts.selectors.visibility import contexts_visible_to, links_visible_to

NO_WARD = "Ward not recorded"


@dataclass
class Place:
    id: object
    name: str
    place_kind: str
    ward: str
    latitude: float | None
    longitude: float | None
    children: int

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class WardRow:
    ward: str
    places: list[Place] = field(default_factory=list)
    children: int = 0  # distinct children linked to a place in the ward


@dataclass
class PlacesMap:
    wards: list[WardRow]
    hotspots: list[Place]
    places: list[Place]


def places_map(*, user, hotspots: int = 10) -> PlacesMap:
    """Open places this user may see, with the children linked to each (confirmed links
    the user may see), ward by ward; a fixed number of queries."""
    rows = (
        contexts_visible_to(user)
        .filter(kind=Context.Kind.PLACE, status=Context.Status.OPEN)
        .select_related("ward")
        .order_by("name")
    )
    links = links_visible_to(user).filter(status=Link.Status.CONFIRMED)
    children: dict = defaultdict(set)
    for place_id, child_node in links.filter(
        source__context__kind=Context.Kind.PLACE, target__kind=Node.Kind.CHILD
    ).values_list("source__context_id", "target_id"):
        children[place_id].add(child_node)
    for place_id, child_node in links.filter(
        target__context__kind=Context.Kind.PLACE, source__kind=Node.Kind.CHILD
    ).values_list("target__context_id", "source_id"):
        children[place_id].add(child_node)
    places = [
        Place(
            id=c.pk,
            name=c.name,
            place_kind=c.get_place_kind_display(),
            ward=c.ward.name if c.ward_id else NO_WARD,
            latitude=float(c.latitude) if c.latitude is not None else None,
            longitude=float(c.longitude) if c.longitude is not None else None,
            children=len(children.get(c.pk, ())),
        )
        for c in rows
    ]
    by_ward: dict[str, WardRow] = {}
    ward_children: dict[str, set] = defaultdict(set)
    for place in places:
        by_ward.setdefault(place.ward, WardRow(place.ward)).places.append(place)
        ward_children[place.ward] |= children.get(place.id, set())
    for row in by_ward.values():
        row.children = len(ward_children[row.ward])
        row.places.sort(key=lambda p: (-p.children, p.name))
    wards = sorted(by_ward.values(), key=lambda r: (r.ward == NO_WARD, r.ward))
    ranked = sorted((p for p in places if p.children), key=lambda p: (-p.children, p.name))
    return PlacesMap(wards=wards, hotspots=ranked[:hotspots], places=places)
