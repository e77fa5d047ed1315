"""Email leaves after the transaction that decided to send it commits, never before (a
rolled-back invitation is never received), through Django's configured backend.

The demo writes a year of past meetings whose invitations went out long ago: it runs
those writes inside ``withheld()``, which keeps the messages instead of sending them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

_withheld: ContextVar[list[EmailMessage] | None] = ContextVar("mace_mail_withheld", default=None)


def send_after_commit(messages: Sequence[EmailMessage]) -> None:
    """Send ``messages`` when the current transaction commits (at once outside one)."""
    messages = list(messages)
    if not messages:
        return
    kept = _withheld.get()
    if kept is not None:
        kept.extend(messages)
        return
    transaction.on_commit(lambda: get_connection().send_messages(messages))


@contextmanager
def withheld() -> Iterator[list[EmailMessage]]:
    """Within the block, messages are kept in the list yielded, and not sent."""
    kept: list[EmailMessage] = []
    token = _withheld.set(kept)
    try:
        yield kept
    finally:
        _withheld.reset(token)
