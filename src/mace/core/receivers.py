"""Receivers the core app connects in ``ready()``."""

from __future__ import annotations

from mace.core import clock


def history_stamped_by_clock(sender, *, instance, history_instance, **kwargs) -> None:
    """A history row is dated by ``mace.core.clock`` (django-simple-history reads
    ``timezone.now`` itself), unless the write named its own date."""
    if not hasattr(instance, "_history_date"):
        history_instance.history_date = clock.now()
