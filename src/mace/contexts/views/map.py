"""Places on a map (Leaflet, when a tile server is configured) or ward by ward."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from mace.contexts.permissions import can_record_contexts
from mace.contexts.selectors.map import places_map


def tile_host(url: str) -> str:
    """The CSP source of a tile URL template: ``https://{s}.tile.example/{z}/{x}/{y}.png``
    is ``https://*.tile.example``."""
    parts = urlsplit(url)
    host = parts.netloc.split("}.", 1)[-1] if parts.netloc.startswith("{") else parts.netloc
    wildcard = "*." if parts.netloc.startswith("{") else ""
    return f"{parts.scheme}://{wildcard}{host}" if parts.scheme and host else ""


def map_page(request):
    if not can_record_contexts(request.user):
        raise Http404("No page here")
    data = places_map(user=request.user)
    tiles = settings.MACE_MAP_TILES_URL
    points = [
        {
            "name": p.name,
            "kind": p.place_kind,
            "ward": p.ward,
            "lat": p.latitude,
            "lng": p.longitude,
            "children": p.children,
            "url": reverse("contexts:detail", args=[p.id]),
        }
        for p in data.places
        if p.located
    ]
    response = render(
        request,
        "contexts/map.html",
        {
            "data": data,
            "tiles": tiles,
            "map_config": {
                "tiles": tiles,
                "attribution": settings.MACE_MAP_TILES_ATTRIBUTION,
                "points": points,
            },
        },
    )
    host = tile_host(tiles) if tiles else ""
    if host:
        response._csp_update = {"img-src": [host]}
    return response
