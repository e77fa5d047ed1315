"""The partnership strategy and action plan, and assurance: items with an owner, a due date
and a RAG status, dated progress updates, and multi-agency case audits with their findings.
Silver, the chair and the coordinator write them (ADR 35)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mace.audit.models import Event
from mace.core import clock
from mace.governance.models import (
    RAG,
    AssuranceActivity,
    AssuranceFinding,
    Objective,
    PlanItem,
    ProgressUpdate,
)
from mace.governance.permissions import can_manage_plan
from mace.governance.services.common import check_owner, raise_if, require, required_text, stamp
from mace.people.selectors import children_visible_to

# The national strategy's three objectives, which every plan starts with.
NATIONAL_OBJECTIVES = (
    ("Tackling offenders", "Disrupt and bring to justice those who exploit children."),
    ("Reducing vulnerability", "Identify children at risk early and reduce their risk."),
    ("Supporting victims and survivors", "Help children and families recover and stay safe."),
)

PLAN_REFUSED = "Only Silver members, a chair or the MACE coordinator can change the plan."


def objectives_ensure() -> int:
    """Create the national objectives that are missing (by title); returns how many."""
    made = 0
    for position, (title, description) in enumerate(NATIONAL_OBJECTIVES, start=1):
        _, created = Objective.objects.get_or_create(
            title=title, defaults={"description": description, "position": position}
        )
        made += created
    return made


def plan_item_add(
    *,
    actor,
    objective: Objective,
    title: str,
    owner,
    due_date: dt.date,
    description: str = "",
    rag: str = RAG.AMBER,
    escalations=(),
    findings=(),
) -> PlanItem:
    """An item of the action plan, with the escalations and findings that drove it."""
    require(can_manage_plan(actor), PLAN_REFUSED)
    errors: dict = {}
    required_text(errors, title=(title, "Enter what is to be done"))
    check_owner(owner, errors)
    if due_date is None:
        errors["due_date"] = "Enter the due date"
    if rag not in RAG.values:
        errors["rag"] = "Choose the RAG status"
    raise_if(errors)
    with transaction.atomic():
        item = PlanItem(
            objective=objective,
            title=title.strip(),
            description=(description or "").strip(),
            owner=owner,
            due_date=due_date,
            rag=rag,
        )
        stamp(item, actor, verb=Event.Verb.PLAN_ITEM_ADDED, new=True, payload={"rag": rag})
        item.save()
        item.escalations.set(escalations)
        item.findings.set(findings)
    return item


def plan_item_update_progress(
    *, actor, item: PlanItem, text: str, rag: str, on: dt.date | None = None
) -> ProgressUpdate:
    """A dated progress update; the item takes the RAG status given."""
    require(can_manage_plan(actor), PLAN_REFUSED)
    on = on or clock.today()
    errors: dict = {}
    required_text(errors, text=(text, "Say what progress has been made"))
    if rag not in RAG.values:
        errors["rag"] = "Choose the RAG status"
    if on > clock.today():
        errors["on"] = "The date of the update must be today or in the past"
    raise_if(errors)
    with transaction.atomic():
        item = PlanItem.objects.select_for_update().get(pk=item.pk)
        update = ProgressUpdate(item=item, on=on, text=text.strip(), rag=rag)
        update.created_by = update.modified_by = actor
        update.save()
        before = item.rag
        item.rag = rag
        stamp(
            item,
            actor,
            verb=Event.Verb.PLAN_PROGRESS_RECORDED,
            new=False,
            payload={"rag_before": before, "rag": rag, "on": on.isoformat()},
        )
        item.save(update_fields=["rag", "modified_by", "modified_at"])
    return update


def assurance_activity_record(
    *,
    actor,
    title: str,
    standard: str,
    carried_out_on: dt.date,
    carried_out_by: str,
    summary: str,
    children=(),
    findings=(),
    plan_item: PlanItem | None = None,
) -> AssuranceActivity:
    """A multi-agency case audit: the children audited (each one the recorder can see),
    by whom, when, the standard, what was found, and its findings as (text, rating)."""
    require(can_manage_plan(actor), PLAN_REFUSED)
    errors: dict = {}
    required_text(
        errors,
        title=(title, "Enter a title"),
        standard=(standard, "Say which standard was audited against"),
        carried_out_by=(carried_out_by, "Say who carried out the audit"),
        summary=(summary, "Say what was found"),
    )
    if carried_out_on is None:
        errors["carried_out_on"] = "Enter the date of the audit"
    elif carried_out_on > clock.today():
        errors["carried_out_on"] = "The date of the audit must be today or in the past"
    children = list(children)
    if children:
        seen = set(
            children_visible_to(actor)
            .filter(pk__in=[c.pk for c in children])
            .values_list("pk", flat=True)
        )
        if any(c.pk not in seen for c in children):
            errors["children"] = "You can record an audit only of children you can see"
    findings = [(text.strip(), rating) for text, rating in findings if (text or "").strip()]
    if any(rating not in AssuranceFinding.Rating.values for _, rating in findings):
        errors["findings"] = "Choose whether each finding met the standard"
    raise_if(errors)
    with transaction.atomic():
        activity = AssuranceActivity(
            title=title.strip(),
            standard=standard.strip(),
            carried_out_on=carried_out_on,
            carried_out_by=carried_out_by.strip(),
            summary=summary.strip(),
            plan_item=plan_item,
        )
        stamp(
            activity,
            actor,
            verb=Event.Verb.ASSURANCE_RECORDED,
            new=True,
            payload={"children": len(children), "findings": len(findings)},
        )
        activity.save()
        activity.children.set(children)
        AssuranceFinding.objects.bulk_create(
            AssuranceFinding(
                activity=activity, text=text, rating=rating, created_by=actor, modified_by=actor
            )
            for text, rating in findings
        )
    return activity
