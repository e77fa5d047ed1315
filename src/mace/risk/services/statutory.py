"""Statutory processes the child is subject to, as MACE records them."""

from __future__ import annotations

import datetime as dt

from mace.audit.models import Event
from mace.core import clock
from mace.people.models import Child
from mace.risk.models import StatutoryProcess
from mace.risk.services.common import RecordKind, child_record_create, child_record_update

NRM_FIELDS = (
    "reasonable_grounds",
    "reasonable_grounds_on",
    "conclusive_grounds",
    "conclusive_grounds_on",
)
PROCESS_FIELDS = (
    "kind",
    "started_on",
    "ended_on",
    "lead_professional",
    "lead_agency",
    "reference",
    "notes",
    *NRM_FIELDS,
)

Kind = StatutoryProcess.Kind
Decision = StatutoryProcess.Decision


PROCESSES = RecordKind(
    what="statutory process",
    allowed=PROCESS_FIELDS,
    recorded=Event.Verb.STATUTORY_RECORDED,
    changed=Event.Verb.STATUTORY_CHANGED,
    rules=lambda process: _rule_errors(process, clock.today()),
)


def statutory_process_record(*, actor, child: Child, **fields) -> StatutoryProcess:
    """Record a statutory process the child is subject to."""
    return child_record_create(
        actor=actor, record=StatutoryProcess(child=child), fields=fields, kind=PROCESSES
    )


def statutory_process_update(*, actor, process: StatutoryProcess, **fields) -> StatutoryProcess:
    """Change a statutory process: its end, its lead, an NRM decision."""
    return child_record_update(actor=actor, record=process, fields=fields, kind=PROCESSES)


def _rule_errors(p: StatutoryProcess, today: dt.date):
    started = p.started_on
    if started and p.ended_on and p.ended_on < started:
        yield "ended_on", "The end date must be the same as or after the start date"
    if p.kind != Kind.NRM_REFERRAL:
        for name in NRM_FIELDS:
            if getattr(p, name):
                yield name, "Only a National Referral Mechanism referral has NRM decisions"
        return
    yield from _decision_errors(p, "reasonable_grounds", "reasonable grounds", started, today)
    yield from _decision_errors(p, "conclusive_grounds", "conclusive grounds", started, today)
    if p.conclusive_grounds and p.reasonable_grounds != Decision.POSITIVE:
        yield (
            "conclusive_grounds",
            "A conclusive grounds decision follows a positive reasonable grounds decision: "
            "record that first",
        )
    rg_on, cg_on = p.reasonable_grounds_on, p.conclusive_grounds_on
    if rg_on and cg_on and cg_on < rg_on:
        yield (
            "conclusive_grounds_on",
            "The conclusive grounds decision cannot be before the reasonable grounds decision",
        )


def _decision_errors(p: StatutoryProcess, name: str, words: str, started, today: dt.date):
    decision, day = getattr(p, name), getattr(p, f"{name}_on")
    decided = decision in (Decision.POSITIVE, Decision.NEGATIVE)
    if decided and day is None:
        yield f"{name}_on", f"Enter the date of the {words} decision"
    if day and not decided:
        yield name, f"Choose the {words} decision, or remove its date"
    if day and started and day < started:
        yield f"{name}_on", f"The {words} decision cannot be before the referral started"
    if day and day > today:
        yield f"{name}_on", f"The {words} decision date cannot be in the future"
