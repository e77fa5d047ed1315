"""Places ward by ward (the default) or on a Leaflet map when a tile server is set."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from mace.accounts.models import Role
from mace.contexts.models import Context, Link
from mace.contexts.services.links import link_retract
from tests.factories import ChildFactory, UserFactory, context_made, linked
from tests.factories.people import WardFactory

pytestmark = pytest.mark.django_db
TILES = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"


@pytest.fixture
def places():
    armley, burley = WardFactory(name="Armley"), WardFactory(name="Burley")
    shack = context_made(
        Context.Kind.PLACE,
        "Chicken Shack",
        ward=armley,
        latitude=Decimal("53.79900"),
        longitude=Decimal("-1.58700"),
    )
    park = context_made(Context.Kind.PLACE, "Armley Park", ward=armley)  # no coordinates
    hotel = context_made(
        Context.Kind.PLACE,
        "Station Hotel",
        ward=burley,
        latitude=Decimal("53.80000"),
        longitude=Decimal("-1.56000"),
    )
    nowhere = context_made(Context.Kind.PLACE, "A flat off Kirkstall Road")
    kids = [ChildFactory(given_name=f"Child{i}", family_name="Testfamily") for i in range(4)]
    for child in kids[:3]:
        linked(child, shack, Link.Relation.SEEN_AT)
    linked(kids[0], park, Link.Relation.SEEN_AT)
    linked(kids[3], hotel, Link.Relation.STAYS_AT)
    gone = linked(kids[2], hotel, Link.Relation.SEEN_AT)
    link_retract(actor=UserFactory(role=Role.ANALYST), link=gone, reason="Mistaken identity")
    proposed = linked(kids[1], hotel, Link.Relation.SEEN_AT)
    Link.objects.filter(pk=proposed.pk).update(status=Link.Status.PROPOSED)
    return {"shack": shack, "park": park, "hotel": hotel, "nowhere": nowhere, "kids": kids}


def _cells(html, testid):
    table = re.search(rf'data-testid="{testid}".*?</table>', html, re.S).group(0)
    return [
        re.sub(r"<[^>]+>", " ", row).split() for row in re.findall(r"<tr.*?</tr>", table, re.S)[1:]
    ]


def test_the_default_is_a_ward_table_counting_children_by_confirmed_links(places, signed_in):
    html = signed_in(UserFactory(role=Role.ANALYST)).get(reverse("contexts:map")).content.decode()
    assert "leaflet.js" not in html and 'id="places-map"' not in html
    wards = _cells(html, "wards")
    # Armley: 2 places, children 0, 1, 2 (park's child is also at the shack): 3 distinct.
    assert wards[0][:3] == ["Armley", "2", "3"]
    # Burley: the hotel, one child by a confirmed link (retracted and proposed don't count).
    assert wards[1][:3] == ["Burley", "1", "1"]
    assert wards[2][:6] == ["Ward", "not", "recorded", "1", "0", "A"]
    assert "Armley Park" in html and "no coordinates" in html
    hotspots = _cells(html, "hotspots")
    assert [row[-1] for row in hotspots] == ["3", "1", "1"]
    assert hotspots[0][:2] == ["Chicken", "Shack"]
    for child in places["kids"]:
        assert child.given_name not in html  # children are counted, never named


def test_a_tile_server_shows_the_leaflet_map_and_its_host_in_the_csp(places, signed_in, settings):
    settings.MACE_MAP_TILES_URL = TILES
    settings.MACE_MAP_TILES_ATTRIBUTION = "Tiles: Example"
    response = signed_in(UserFactory(role=Role.COORDINATOR)).get(reverse("contexts:map"))
    html = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in html and "vendor/leaflet/leaflet.css" in html
    assert "contexts/map.js" in html and 'id="places-map-data"' in html
    data = re.search(r'id="places-map-data"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "Chicken Shack" in data and "Station Hotel" in data and "Armley Park" not in data
    assert TILES in data or TILES.replace("/", "\\/") in data
    csp = response["Content-Security-Policy"]
    img_src = next(part for part in csp.split(";") if part.strip().startswith("img-src"))
    assert "https://*.tiles.example.org" in img_src
    assert "wards" in html  # the table stays beside the map


def test_without_a_tile_server_the_csp_names_no_tile_host(places, signed_in):
    response = signed_in(UserFactory(role=Role.ANALYST)).get(reverse("contexts:map"))
    assert "tiles.example.org" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "role,status",
    [
        (Role.ANALYST, 200),
        (Role.COORDINATOR, 200),
        (Role.CHAIR, 200),
        (Role.MEMBER, 404),
        (Role.SILVER, 404),
        (Role.GOLD, 404),
        (Role.REFERRER, 404),
        (Role.AUDITOR, 404),
        (Role.ADMIN, 404),
    ],
)
def test_who_sees_the_map(signed_in, role, status):
    assert signed_in(UserFactory(role=role)).get(reverse("contexts:map")).status_code == status


def test_the_map_takes_the_same_queries_as_places_grow(
    places, signed_in, django_assert_max_num_queries
):
    client = signed_in(UserFactory(role=Role.ANALYST))
    url = reverse("contexts:map")
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for i in range(5):
        place = context_made(Context.Kind.PLACE, f"Shop {i}", ward=WardFactory())
        linked(ChildFactory(), place, Link.Relation.SEEN_AT)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
