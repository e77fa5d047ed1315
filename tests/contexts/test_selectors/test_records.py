"""The records selectors: the list of records a link form offers."""

from __future__ import annotations

import pytest

from mace.accounts.models import Role
from mace.audit.models import Event
from mace.contexts.models import Context
from mace.contexts.selectors.records import link_choices
from tests.factories import context_made

pytestmark = pytest.mark.django_db


def test_a_list_of_records_to_link_to_is_a_read_of_the_persons_in_it(make_user):
    place = context_made(Context.Kind.PLACE, "Chicken Shack")
    person = context_made(Context.Kind.PERSON, "Dean Harrop")
    coordinator = make_user(Role.COORDINATOR)
    assert person in link_choices(user=coordinator, context=place)
    event = Event.objects.get(verb=Event.Verb.CONTEXT_VIEWED, actor=coordinator)
    assert event.payload == {"contexts": [str(person.pk)], "page": "link form"}
