"""Pages of a child's missing episodes and return interviews."""

from __future__ import annotations

import uuid

from django.shortcuts import render

from mace.core import clock
from mace.risk.forms.missing import MissingEpisodeForm
from mace.risk.selectors import missing as selectors
from mace.risk.services import missing as services
from mace.risk.views.common import RecordPage, child_for, record_edit
from mace.web.pages import record_context


def missing_list(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    episodes = selectors.missing_episodes_for_child(child=child)
    context = record_context(request, child, "missing")
    context.update(
        episodes=episodes,
        timeliness=selectors.return_interview_timeliness(episodes=episodes),
        now=clock.now(),
    )
    return render(request, "risk/missing_list.html", context)


MISSING_PAGE = RecordPage(
    section="missing",
    noun="Missing episode",
    name="episode",
    get=lambda child, obj_id: selectors.missing_episode_get(child=child, episode_id=obj_id),
    form_class=MissingEpisodeForm,
    create=lambda actor, child, data: services.missing_episode_record(
        actor=actor, child=child, **data
    ),
    update=lambda actor, obj, data: services.missing_episode_update(
        actor=actor, episode=obj, **data
    ),
    list_url="risk:missing_list",
    form_template="risk/missing_form.html",
    detail_template="risk/missing_detail.html",
)


def missing_edit(request, child_id: uuid.UUID, episode_id: uuid.UUID | None = None):
    return record_edit(request, child_id, episode_id, MISSING_PAGE)
