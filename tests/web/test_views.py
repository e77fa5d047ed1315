"""The pages mace.web serves itself: the health check."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_health_check_is_public(client):
    assert client.get("/healthz").content == b"ok"
