"""The one clock every service, selector and stamp reads.

In production it is the system's time (``django.utils.timezone.now``). The demo builds a
year of history as it would have happened, so it sets the clock to a moment in that past
with ``clock.set_to(moment)`` for the writes it makes then; nothing else sets it. The
setting is a context variable: it holds for the code running inside the ``with`` block
(and nowhere else: not in another thread or request).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_set_to: ContextVar[dt.datetime | None] = ContextVar("mace_clock_set_to", default=None)


def now() -> dt.datetime:
    """The current moment (aware, UTC): the system's time unless the clock is set."""
    moment = _set_to.get()
    return timezone.now() if moment is None else moment


def today() -> dt.date:
    """Today's date in the service's time zone (Europe/London), by ``now()``."""
    return timezone.localdate(now())


@contextmanager
def set_to(moment: dt.datetime) -> Iterator[None]:
    """Within the block, ``now()`` is ``moment`` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("The clock is set to an aware datetime, not a naive one.")
    token = _set_to.set(moment.astimezone(dt.UTC))
    try:
        yield
    finally:
        _set_to.reset(token)
