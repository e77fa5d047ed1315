""" "Your tasks" (mace.casefile.selectors.tasks) reads the task sources the apps register, in
the order of their positions."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.casefile.selectors.tasks import tasks_for_user
from mace.web.registry import TaskSection, register_tasks


@pytest.mark.django_db
def test_task_sections_come_in_position_order_whatever_the_source(sources, make_user):
    register_tasks(
        "late", lambda *, user: [TaskSection(99, "Last", "x.html", [])], count=lambda *, user: 0
    )
    register_tasks(
        "early",
        lambda *, user: [TaskSection(1, "First", "y.html", [user])],
        count=lambda *, user: 1,
    )
    user = make_user(Role.MEMBER)

    sections = tasks_for_user(user=user)

    assert [s.heading for s in sections] == [
        "First",
        "VRMP actions you own",
        "Actions from MACE meetings",
        "VRMP reviews overdue",
        "Last",
    ]
    assert sections[0].rows == [user]
