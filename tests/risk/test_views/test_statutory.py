"""Statutory process pages: who sees them, the form, open and closed lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mace.accounts.models import Role
from mace.people.models import ChildAccess
from mace.risk.models import StatutoryProcess
from tests.factories import AgencyFactory, ChildAccessFactory, ChildFactory

pytestmark = pytest.mark.django_db
Kind = StatutoryProcess.Kind


def _process(child, **fields) -> StatutoryProcess:
    fields.setdefault("kind", Kind.CHILD_PROTECTION)
    fields.setdefault("started_on", dt.date(2026, 6, 1))
    return StatutoryProcess.objects.create(child=child, **fields)


def _list_url(child):
    return reverse("risk:statutory_list", args=[child.pk])


def _new_url(child):
    return reverse("risk:statutory_new", args=[child.pk])


def _edit_url(process):
    return reverse("risk:statutory_edit", args=[process.child_id, process.pk])


def _valid(**overrides) -> dict:
    data = {
        "kind": "nrm",
        "started_on": "2026-06-01",
        "ended_on": "",
        "lead_professional": "Sam Okafor",
        "lead_agency": "",
        "reference": "NRM-4410",
        "notes": "Referred by the police after a county lines arrest",
        "reasonable_grounds": "positive",
        "reasonable_grounds_on": "2026-06-05",
        "conclusive_grounds": "",
        "conclusive_grounds_on": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def test_the_list_shows_open_and_closed_processes(coordinator, signed_in):
    child = ChildFactory()
    _process(child, lead_professional="Sam Okafor", lead_agency=AgencyFactory(name="Leeds CSW"))
    _process(
        child,
        kind=Kind.CHILD_IN_NEED,
        started_on=dt.date(2025, 1, 6),
        ended_on=dt.date(2025, 12, 1),
    )
    response = signed_in(coordinator).get(_list_url(child))
    assert response.status_code == 200
    page = response.content.decode()
    open_part, closed_part = page.split('<h2 class="govuk-heading-m">Closed</h2>')
    assert "Child Protection plan" in open_part and "Leeds CSW" in open_part
    assert "Child in Need" in closed_part and "1 Dec 2025" in closed_part
    assert "Record a statutory process" in page
    assert '<span class="govuk-visually-hidden"> Child in Need from 6 Jan 2025</span>' in page


def test_a_member_without_a_grant_gets_not_found(make_user, signed_in):
    child = ChildFactory()
    process = _process(child)
    client = signed_in(make_user(Role.MEMBER))
    assert client.get(_list_url(child)).status_code == 404
    assert client.get(_new_url(child)).status_code == 404
    assert client.get(_edit_url(process)).status_code == 404


def test_a_member_with_a_grant_may_record(make_user, signed_in):
    member = make_user(Role.MEMBER)
    child = ChildFactory()
    ChildAccessFactory(user=member, child=child, basis=ChildAccess.Basis.INVITATION)
    response = signed_in(member).post(_new_url(child), _valid())
    assert response.status_code == 302
    assert StatutoryProcess.objects.get(child=child).created_by == member


def test_an_analyst_reads_but_cannot_record(make_user, signed_in):
    child = ChildFactory()
    process = _process(child, notes="Conference on 3 June")
    client = signed_in(make_user(Role.ANALYST))
    listing = client.get(_list_url(child))
    assert listing.status_code == 200
    assert "Record a statutory process" not in listing.content.decode()
    assert client.get(_new_url(child)).status_code == 403
    assert client.post(_new_url(child), _valid()).status_code == 403
    detail = client.get(_edit_url(process))
    assert detail.status_code == 200
    assert "Conference on 3 June" in detail.content.decode()
    assert client.post(_edit_url(process), _valid()).status_code == 403
    assert StatutoryProcess.objects.count() == 1


def test_recording_a_process(coordinator, signed_in):
    child = ChildFactory()
    agency = AgencyFactory(name="West Yorkshire Police")
    data = _valid(lead_agency=str(agency.pk))
    response = signed_in(coordinator).post(_new_url(child), data, follow=True)
    assert response.redirect_chain == [(_list_url(child), 302)]
    assert "Statutory process recorded" in response.content.decode()
    process = StatutoryProcess.objects.get(child=child)
    assert process.kind == Kind.NRM_REFERRAL
    assert process.lead_agency == agency
    assert process.reasonable_grounds_on == dt.date(2026, 6, 5)


def test_a_refused_rule_keeps_what_was_typed_and_shows_the_problem(coordinator, signed_in):
    child = ChildFactory()
    data = _valid(kind="cin", ended_on="2026-05-01", notes="Note <i>typed</i>")
    response = signed_in(coordinator).post(_new_url(child), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The end date must be the same as or after the start date" in page
    assert "Only a National Referral Mechanism referral has NRM decisions" in page
    assert 'name="ended_on_day" type="text" inputmode="numeric" value="01"' in page
    assert 'name="ended_on_month" type="text" inputmode="numeric" value="05"' in page
    assert 'value="NRM-4410"' in page
    assert "Note &lt;i&gt;typed&lt;/i&gt;" in page
    assert 'value="cin" checked' in page
    assert not StatutoryProcess.objects.exists()


def test_a_conclusive_decision_without_reasonable_grounds_is_shown_on_its_field(
    coordinator, signed_in
):
    child = ChildFactory()
    data = _valid(
        reasonable_grounds="",
        reasonable_grounds_on="",
        conclusive_grounds="positive",
        conclusive_grounds_on="2026-09-01",
    )
    page = signed_in(coordinator).post(_new_url(child), data).content.decode()
    assert '<a href="#id_conclusive_grounds_0">A conclusive grounds decision follows' in page


def test_a_missing_start_date_is_asked_for(coordinator, signed_in):
    page = (
        signed_in(coordinator)
        .post(_new_url(ChildFactory()), _valid(started_on="", kind=""))
        .content.decode()
    )
    assert "Enter the start date" in page
    assert "Choose the statutory process" in page


def test_the_edit_form_is_filled_in_and_saves_changes(coordinator, signed_in):
    child = ChildFactory()
    agency = AgencyFactory(name="Leeds CSW")
    process = _process(child, lead_professional="Sam Okafor", lead_agency=agency)
    client = signed_in(coordinator)
    page = client.get(_edit_url(process)).content.decode()
    assert 'name="started_on_day" type="text" inputmode="numeric" value="1"' in page
    assert 'name="started_on_year" type="text" inputmode="numeric" value="2026"' in page
    assert 'value="Sam Okafor"' in page
    assert f'<option value="{agency.pk}" selected>' in page
    assert 'value="cp" checked' in page
    data = _valid(kind="cp", lead_agency=str(agency.pk), ended_on="2026-10-01")
    data.update(reasonable_grounds="", reasonable_grounds_on="")
    assert client.post(_edit_url(process), data).status_code == 302
    process.refresh_from_db()
    assert process.ended_on == dt.date(2026, 10, 1)
    assert process.modified_by == coordinator


def test_the_list_query_count_does_not_grow_with_processes(coordinator, signed_in):
    client = signed_in(coordinator)
    child = ChildFactory()
    _process(child, lead_agency=AgencyFactory())

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_list_url(child)).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    today = timezone.localdate()
    for days in range(12):
        _process(child, lead_agency=AgencyFactory(), ended_on=today - dt.timedelta(days=days))
    assert count() == few
