"""Agencies share before the meeting (mace.meetings.services.sharing): each invited member
adds their agency's information for each child they may see, and nobody sees another
child for it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mace.accounts.models import Agency, Role
from mace.audit.models import Event
from mace.core import clock
from mace.meetings.models import Contribution, Meeting
from mace.meetings.services.sharing import agency_information_share

pytestmark = pytest.mark.django_db


def _share(who, item, text="Seen twice in a car with older males", **fields):
    return agency_information_share(actor=who, item=item, information=text, **fields)


def test_an_invited_member_shares_their_agencys_information(table, audited):
    entry = _share(
        table["jordan"],
        table["first"],
        known_since=clock.today() - dt.timedelta(days=30),
        source="Intelligence report, graded B2",
    )
    assert (entry.agency.name, entry.shared_by) == ("West Yorkshire Police", table["jordan"])
    assert entry.source == "Intelligence report, graded B2"
    audited(
        Event.Verb.INFORMATION_SHARED,
        actor=table["jordan"],
        child=table["first"].child,
        obj=entry,
    )
    # Sharing again replaces the agency's entry: one per agency and item.
    _share(table["jordan"], table["first"], text="Updated: a third sighting")
    assert Contribution.objects.get().information == "Updated: a third sighting"


def test_a_slot_invitee_shares_for_their_child_only(table, audited):
    _share(table["hannah"], table["first"])
    with pytest.raises(PermissionDenied):
        _share(table["hannah"], table["second"])
    audited(Event.Verb.INFORMATION_SHARED, count=1)


def test_someone_not_invited_cannot_share(table, make_user):
    outsider = make_user(Role.MEMBER, agency=Agency.objects.get(name="West Yorkshire Police"))
    with pytest.raises(PermissionDenied):
        _share(outsider, table["first"])


def test_information_is_not_added_here_once_the_meeting_is_held(table):
    Meeting.objects.filter(pk=table["meeting"].pk).update(status=Meeting.Status.HELD)
    table["first"].meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="has been held"):
        _share(table["jordan"], table["first"])


def test_empty_information_and_a_future_date_are_refused(table):
    with pytest.raises(ValidationError) as refused:
        _share(
            table["jordan"], table["first"], text=" ", known_since=clock.today() + dt.timedelta(1)
        )
    assert set(refused.value.message_dict) == {"information", "known_since"}
