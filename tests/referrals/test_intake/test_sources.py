"""Where the intake reads mail from (mace.referrals.intake.sources): IMAP over TLS with a
verified certificate."""

from __future__ import annotations

import pytest

from mace.referrals.intake import sources

pytestmark = pytest.mark.django_db


def test_imap_connects_over_tls_with_a_verified_certificate(monkeypatch):
    made = {}

    class Box:
        def __init__(self, host, port, *, timeout, ssl_context):
            made.update(host=host, port=port, context=ssl_context)

        def login(self, user, password, initial_folder):
            made.update(user=user)
            return self

    monkeypatch.setattr(sources, "_MailBox", Box)
    config = sources.ImapSettings.from_environment(
        {
            "MACE_IMAP_HOST": "imap.leeds.gov.uk",
            "MACE_IMAP_USER": "mace",
            "MACE_IMAP_PASSWORD": "pw-123",
        }
    )
    sources.imap_connect(config=config)
    assert (made["host"], made["port"], made["user"]) == ("imap.leeds.gov.uk", 993, "mace")
    assert made["context"].check_hostname
    assert "pw-123" not in repr(config)
