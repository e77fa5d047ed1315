"""The completion rule that VRMP actions and meeting actions share (mace.core.actions)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mace.core.actions import COMPLETION_FIELDS, completion_note_clean, owned_action_mark_done
from mace.meetings.models import Action
from mace.risk.models import VrmpAction


@pytest.mark.parametrize("note", [None, "", "   \n"])
def test_completing_an_action_needs_a_note(note):
    with pytest.raises(ValidationError) as caught:
        completion_note_clean(note)
    assert caught.value.message_dict == {"note": ["Say what was done to complete the action"]}


def test_the_note_is_kept_without_surrounding_space():
    assert completion_note_clean("  Visited the family.\n") == "Visited the family."


@pytest.mark.parametrize("model", [VrmpAction, Action])
def test_an_open_action_is_marked_done_now_with_its_note(model):
    action = model(status=model.Status.OPEN)
    changed = owned_action_mark_done(action, note="Visited the family.")
    assert changed == list(COMPLETION_FIELDS)
    assert action.status == model.Status.DONE
    assert action.completed_at is not None
    assert action.completion_note == "Visited the family."


@pytest.mark.parametrize("model", [VrmpAction, Action])
@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_a_closed_action_is_left_as_it_is(model, status):
    action = model(status=status, completion_note="")
    with pytest.raises(ValidationError) as caught:
        owned_action_mark_done(action, note="Again.")
    assert caught.value.message_dict == {"note": ["This action is already closed"]}
    assert action.status == status
    assert action.completed_at is None
    assert action.completion_note == ""
