"""The agency pages: adding and changing an agency, and the list in pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.accounts.models import Agency
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_agency_pages_add_and_change(admin_client):
    response = admin_client.post(
        reverse("administration:agency_add"), {"name": "", "kind": "police"}
    )
    assert "Enter the agency&#x27;s name" in response.content.decode()
    response = admin_client.post(
        reverse("administration:agency_add"),
        {"name": "Leeds Housing", "kind": Agency.Kind.ACCOMMODATION},
        follow=True,
    )
    assert "Leeds Housing is added" in response.content.decode()
    agency = Agency.objects.get(name="Leeds Housing")
    response = admin_client.post(
        reverse("administration:agency_change", args=[agency.pk]),
        {"name": "Leeds Housing Options", "kind": Agency.Kind.ACCOMMODATION, "is_active": "on"},
        follow=True,
    )
    assert "Leeds Housing Options" in response.content.decode()
    agency.refresh_from_db()
    assert agency.name == "Leeds Housing Options" and agency.is_active


def test_the_agency_list_paginates(admin_client):
    for n in range(30):
        AgencyFactory(name=f"Agency {n:02d}")
    response = admin_client.get(reverse("administration:agency_list"))
    assert len(response.context["page"].object_list) == 25
    assert "Page 1 of 2" in response.content.decode()
