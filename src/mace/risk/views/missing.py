"""Pages of a child's missing episodes and return interviews."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from mace.risk.forms.missing import MissingEpisodeForm
from mace.risk.permissions import can_record_for_child
from mace.risk.selectors import missing as selectors
from mace.risk.services import missing as services
from mace.risk.views.common import attach_errors, child_for, child_for_recording, record_context


def missing_list(request, child_id: uuid.UUID):
    child = child_for(request, child_id)
    episodes = selectors.missing_episodes_for_child(child=child)
    context = record_context(request, child, "missing")
    context.update(
        episodes=episodes,
        timeliness=selectors.return_interview_timeliness(episodes=episodes),
        now=timezone.now(),
    )
    return render(request, "risk/missing_list.html", context)


def missing_edit(request, child_id: uuid.UUID, episode_id: uuid.UUID | None = None):
    if episode_id is None:
        child = child_for_recording(request, child_id)
        episode = None
    else:
        child = child_for(request, child_id)
        episode = selectors.missing_episode_get(child=child, episode_id=episode_id)
        if not can_record_for_child(request.user, child):
            if request.method != "GET":
                raise PermissionDenied("You can read this record but not add to it.")
            context = record_context(request, child, "missing")
            context["episode"] = episode
            return render(request, "risk/missing_detail.html", context)

    form = MissingEpisodeForm(
        request.POST or None, initial=MissingEpisodeForm.initial_from(episode)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if episode is None:
                services.missing_episode_record(
                    actor=request.user, child=child, **form.cleaned_data
                )
                done = "Missing episode recorded"
            else:
                services.missing_episode_update(
                    actor=request.user, episode=episode, **form.cleaned_data
                )
                done = "Missing episode updated"
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("risk:missing_list", child_id=child.pk)
    context = record_context(request, child, "missing")
    context.update(form=form, episode=episode)
    return render(request, "risk/missing_form.html", context)
