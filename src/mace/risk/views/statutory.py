"""Pages of a child's statutory processes."""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.risk.forms.statutory import StatutoryProcessForm
from mace.risk.selectors import statutory as selectors
from mace.risk.services import statutory as services
from mace.risk.views.common import RecordPage, child_for, record_edit
from mace.web.pages import record_context


def statutory_list(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    context = record_context(request, child, "statutory")
    context["processes"] = selectors.statutory_processes_by_state(child=child)
    return render(request, "risk/statutory_list.html", context)


STATUTORY_PAGE = RecordPage(
    section="statutory",
    noun="Statutory process",
    name="process",
    get=lambda child, obj_id: selectors.statutory_process_get(child=child, process_id=obj_id),
    form_class=StatutoryProcessForm,
    create=lambda actor, child, data: services.statutory_process_record(
        actor=actor, child=child, **data
    ),
    update=lambda actor, obj, data: services.statutory_process_update(
        actor=actor, process=obj, **data
    ),
    list_url="risk:statutory_list",
    form_template="risk/statutory_form.html",
    detail_template="risk/statutory_detail.html",
)


def statutory_edit(request, child_id: uuid.UUID, process_id: uuid.UUID | None = None):
    return record_edit(request, child_id, process_id, STATUTORY_PAGE)
