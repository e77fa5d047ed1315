"""Who may see which context and which link: the one place that decides it for
contextual MACE (ARCHITECTURE §4). Whether a *child* shows is still decided by
``mace.people.selectors``: a link never reveals a child the viewer may not see.

- the analyst, the coordinator and the chair see every context;
- a member sees a context while invited to a meeting where it is on the agenda (until 28
  days after the meeting, as for a child) or while owning an open action on it;
- nobody else sees contexts (Silver and Gold see aggregates);
- a link with handling code C shows only to the roles its conditions allow.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.audit.services import event_record
from mace.contexts.models import Context, ContextAction, Link, Node
from mace.contexts.permissions import CONTEXT_ROLES
from mace.core import clock
from mace.meetings.models import Action, AgendaItem
from mace.meetings.selectors.agenda import invitations_standing


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def sees_all_contexts(user) -> bool:
    return _active(user) and user.role in CONTEXT_ROLES


def _member_contexts_q(user) -> Q:
    """The contexts a member reaches: on an item of a meeting they are invited to (the
    whole meeting or the item), within the papers' window, or owning an open action."""
    horizon = clock.today() - dt.timedelta(days=28)
    context_type = ContentType.objects.get_for_model(Context)
    invited = invitations_standing().filter(user=user, meeting=OuterRef("meeting_id"))
    invited = invited.filter(Q(item__isnull=True) | Q(item=OuterRef("pk")))
    items = AgendaItem.objects.filter(
        Exists(invited),
        subject_type=context_type,
        subject_id=OuterRef("pk"),
        status=AgendaItem.Status.LISTED,
        meeting__date__gte=horizon,
    )
    plan_actions = ContextAction.objects.filter(
        context=OuterRef("pk"), owner=user, status=ContextAction.Status.OPEN
    )
    meeting_actions = Action.objects.filter(
        owner=user,
        status=Action.Status.OPEN,
        item__subject_type=context_type,
        item__subject_id=OuterRef("pk"),
    )
    return Q(Exists(items)) | Q(Exists(plan_actions)) | Q(Exists(meeting_actions))


def contexts_visible_to(user) -> QuerySet[Context]:
    """Every context this user may see now."""
    if not _active(user):
        return Context.objects.none()
    if user.role in CONTEXT_ROLES:
        return Context.objects.all()
    if user.role == Role.MEMBER:
        return Context.objects.filter(_member_contexts_q(user))
    return Context.objects.none()


def context_visible_q(user, field: str = "context") -> Q:
    """A condition on rows that name a context through ``field``."""
    if sees_all_contexts(user):
        return Q()
    return Q(Exists(contexts_visible_to(user).filter(pk=OuterRef(field))))


def context_get_for_user(*, user, context_id: uuid.UUID, verb: str = Event.Verb.CONTEXT_VIEWED):
    """A context, if this user may see it (Http404 for missing and not-yours alike); the
    read is logged (every read of a person of concern, and of places and groups too)."""
    context = contexts_visible_to(user).select_related("ward", "node").filter(pk=context_id).first()
    if context is None:
        raise Http404("No record found")
    event_record(actor=user, verb=verb, obj=context, payload={"kind": context.kind})
    return context


def links_visible_to(user, *, include_retracted: bool = False) -> QuerySet[Link]:
    """Links this user may see: not retracted (unless asked, for history), and with
    handling code C only where its conditions allow the user's role. A member sees links
    only of the contexts open to them (see network selectors)."""
    if not _active(user) or user.role not in (*CONTEXT_ROLES, Role.MEMBER):
        return Link.objects.none()
    links = Link.objects.all()
    if not include_retracted:
        links = links.exclude(status=Link.Status.RETRACTED)
    return links.filter(Q(handling="P") | Q(handling_roles__contains=f",{user.role},"))


def alerts_as_seen(*, user, alerts) -> list:
    """Co-occurrence alerts as this reader may see them. An alert counts the children linked
    to its context when it was raised, through every link, handling code C included: each
    is recounted here through the confirmed links this reader may see (two queries), as
    ``children_seen``, and one whose visible links would not have raised it (fewer than
    ``MACE_COOCCURRENCE_CHILDREN`` other children) is left out, since it would tell of links
    the reader may not see."""
    alerts = list(alerts)
    if not alerts:
        return []
    ids = {a.context_id for a in alerts}
    live = links_visible_to(user).filter(status=Link.Status.CONFIRMED)
    rows = list(
        live.filter(source__context_id__in=ids, target__kind=Node.Kind.CHILD).values_list(
            "source__context_id", "target__child_id"
        )
    ) + list(
        live.filter(target__context_id__in=ids, source__kind=Node.Kind.CHILD).values_list(
            "target__context_id", "source__child_id"
        )
    )
    children: dict = {}
    for context_id, child_id in rows:
        children.setdefault(context_id, set()).add(child_id)
    shown = []
    for alert in alerts:
        seen = children.get(alert.context_id, set())
        if len(seen - {alert.child_id}) >= settings.MACE_COOCCURRENCE_CHILDREN:
            alert.children_seen = len(seen | {alert.child_id})
            shown.append(alert)
    return shown
