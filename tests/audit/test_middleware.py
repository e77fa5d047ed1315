"""The client address the audit log records, and the rate limits count
(mace.audit.middleware)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the first entry is the client's own
        (",", "127.0.0.1"),  # nothing usable: the connection's address
        ("not-an-address", "127.0.0.1"),
    ],
)
def test_behind_a_proxy_the_address_the_proxy_added_is_the_one_counted(
    forwarded, expected, settings, rf
):
    from mace.audit.middleware import _client_ip

    settings.MACE_TRUST_X_FORWARDED_FOR = True
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert _client_ip(request) == expected
