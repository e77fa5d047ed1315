"""What every page of a child's record puts in its context: the child and the section (the
tab of the record's navigation). Apps that need more on every page of the record (risk: may
the user record on it) register a provider in their ``AppConfig.ready()``; this module knows
no app."""

from __future__ import annotations

from collections.abc import Callable

RecordContextProvider = Callable[[object, object], dict]  # (user, child) -> extra context
_record_context_providers: dict[str, RecordContextProvider] = {}


def register_record_context(name: str, provider: RecordContextProvider) -> None:
    """Add ``provider``'s keys to the context of every page of a child's record (called from
    an app's ready(); registering a name again replaces it)."""
    _record_context_providers[name] = provider


def record_context(request, child, section: str) -> dict:
    """Context every child-record page needs: the child, the section, and what the
    registered providers add for this user and child."""
    context = {"child": child, "section": section}
    for provider in _record_context_providers.values():
        context.update(provider(request.user, child))
    return context
