"""What the analyst's and coordinator's home pages show of contextual MACE: the open
records by kind, the co-occurrence alerts (each child named logged), what waits to be
confirmed, and orders nearing expiry."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count

from mace.audit.models import Event
from mace.contexts.models import Alert, Context, Link, PersonMention
from mace.contexts.selectors.disruption import expiring_count
from mace.contexts.selectors.persons import persons_read_log
from mace.contexts.selectors.visibility import (
    alerts_as_seen,
    links_visible_to,
    sees_all_contexts,
)
from mace.people.selectors import rows_shown

ALERTS_SHOWN = 10


def alerts_open(*, user, limit: int = ALERTS_SHOWN) -> list[Alert]:
    """Open co-occurrence alerts, newest first; the child of each shown as the people
    selectors decide (logged; "A child" when the reader may not open it)."""
    if not sees_all_contexts(user):
        return []
    return _shown(user, _alerts_seen(user)[:limit])


def _shown(user, alerts: list[Alert]) -> list[Alert]:
    persons_read_log(user=user, contexts=[a.context for a in alerts], where="alerts")
    return rows_shown(user=user, rows=alerts, verb=Event.Verb.CHILD_SEEN_IN_NETWORK)


def _alerts_seen(user) -> list[Alert]:
    """Every open alert whose link this reader may see, recounted through the links they
    may see (``alerts_as_seen``): open alerts are a working list, tens, not thousands."""
    return alerts_as_seen(
        user=user,
        alerts=Alert.objects.filter(status=Alert.Status.OPEN, link__in=links_visible_to(user))
        .select_related("context", "child", "link")
        .order_by("-created_at"),
    )


def contexts_home(*, user) -> dict:
    if not sees_all_contexts(user):
        return {}
    seen = _alerts_seen(user)
    by_kind = dict(
        Context.objects.filter(status=Context.Status.OPEN)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return {
        "contexts_by_kind": [
            (label, by_kind.get(kind, 0), kind) for kind, label in Context.Kind.choices
        ],
        "alerts": _shown(user, seen[:ALERTS_SHOWN]),
        "alert_count": len(seen),
        # Proposed links with handling code C count only for the roles they allow, as the
        # proposals page lists them.
        "proposed_count": links_visible_to(user).filter(status=Link.Status.PROPOSED).count()
        + PersonMention.objects.filter(status=PersonMention.Status.PROPOSED).count(),
        "expiring_count": expiring_count(user=user),
        "expiry_days": settings.MACE_DISRUPTION_EXPIRY_WARNING_DAYS,
    }
