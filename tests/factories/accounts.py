"""Invitation emails for tests: the link base the services are given, and the token an
invitee reads in the email."""

from __future__ import annotations

import re

LINK_BASE = "http://testserver/invitation/"


def token_from_mail(message) -> str:
    match = re.search(r"/invitation/([A-Za-z0-9_-]+)/", message.body)
    assert match, message.body
    return match.group(1)
