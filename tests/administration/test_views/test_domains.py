"""The referrer domain pages: what was typed is kept, and a domain is removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mace.referrals.models import AllowedDomain

pytestmark = pytest.mark.django_db


def test_the_domain_pages_keep_what_was_typed(admin_client):
    response = admin_client.post(
        reverse("administration:domain_add"), {"pattern": "*.uk", "description": "Everyone"}
    )
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'value="*.uk"' in content and 'value="Everyone"' in content
    domain = AllowedDomain.objects.get(pattern="nhs.net")
    response = admin_client.post(
        reverse("administration:domain_remove", args=[domain.pk]), follow=True
    )
    assert "nhs.net is no longer allowed" in response.content.decode()
    assert not AllowedDomain.objects.filter(pattern="nhs.net").exists()
