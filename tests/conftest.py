from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache

from mace.accounts.models import Agency, Role
from mace.core import clock
from mace.meetings.models import Action, Kind, Meeting
from mace.meetings.services.minutes import minutes_draft
from mace.meetings.services.recording import meeting_close
from mace.meetings.services.series import series_create, series_member_add
from mace.people import services as people_services
from mace.people.models import ChildAccess
from mace.risk.models import VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import LINK_BASE, ChildFactory, UserFactory, token_from_mail


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def _make(role: str = Role.COORDINATOR, **kwargs):
        return UserFactory(role=role, is_staff=(role == Role.ADMIN), **kwargs)

    return _make


@pytest.fixture
def signed_in(client, settings):
    """A test client signed in as a user, second factor passed (as after a real sign-in)."""

    def _sign_in(user):
        settings.MACE_WAIVE_2FA = False
        client.force_login(user)
        if user.requires_two_factor:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        return client

    return _sign_in


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, email="admin@test.example", full_name="Ada Admin")


@pytest.fixture
def admin_client(admin, signed_in):
    return signed_in(admin)


@pytest.fixture
def invite(admin, django_capture_on_commit_callbacks):
    """Invite someone through the service; returns (invitation, token from the email)."""
    from mace.accounts.administration import user_invite

    def _invite(role=Role.MEMBER, email="new.person@test.example", agency=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = user_invite(
                actor=admin,
                email=email,
                full_name=kwargs.pop("full_name", "Nadia Newcomer"),
                role=role,
                agency=agency,
                link_base=LINK_BASE,
                **kwargs,
            )
        return invitation, token_from_mail(mail.outbox[-1])

    return _invite


@pytest.fixture
def audit_triggers_lifted_for_flush(transactional_db):
    """A test that commits (transaction=True, browser tests) ends with a flush of every
    table; the audit log's append-only triggers would refuse it, so they are put back for
    the test and lifted just before the flush."""
    from django.db import connection

    from mace.audit import triggers

    triggers.install(connection)
    yield
    triggers.remove(connection)


@pytest.fixture
def audited(db):
    """Assert that one write left exactly one audit row of its verb, with who, whom and what:
    ``audited(Event.Verb.ACCESS_REVOKED, actor=user, child=child, obj=grant)`` returns it.
    Every write service's tests use it, so that a write without its event fails."""
    from mace.audit.models import Event

    def _audited(verb: str, *, actor=..., child=..., obj=..., count: int = 1):
        rows = list(Event.objects.filter(verb=verb).order_by("id"))
        assert len(rows) == count, f"expected {count} {verb} event(s), found {len(rows)}"
        if not rows:
            return None
        event = rows[-1]
        if actor is not ...:
            assert event.actor_id == (actor.pk if actor is not None else None), "actor"
        if child is not ...:
            assert event.child_id == (child.pk if child is not None else None), "child"
        if obj is not ...:
            assert (event.object_type, event.object_id) == (obj._meta.label, str(obj.pk))
        return event

    return _audited


@pytest.fixture
def commits_as_in_production(db, monkeypatch):
    """Run on_commit work when the service's transaction ends, as in production.

    A test runs inside a transaction that is never committed, so work a service leaves for
    after its commit would never run (or, with django_capture_on_commit_callbacks, only
    after the whole request). Here an atomic block that returns to the test's own level
    counts as committed: the callbacks registered since the test began run as it exits,
    before the view goes on (requests are not atomic: ATOMIC_REQUESTS is off).
    """
    from django.db import connection, transaction

    base, start = len(connection.atomic_blocks), len(connection.run_on_commit)
    original_exit = transaction.Atomic.__exit__

    def exit_then_commit(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        conn = transaction.get_connection(self.using)
        if exc_type is None and len(conn.atomic_blocks) == base:
            while len(conn.run_on_commit) > start:
                _, callback, _robust = conn.run_on_commit.pop(start)
                callback()
        return result

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_then_commit)


# Worlds that the tests of more than one app read.


BREAK_GLASS_REASON = "Strategy discussion at 2pm today; the social worker needs the missing history"


@pytest.fixture
def glass(make_user):
    child = ChildFactory(given_name="Maisie", family_name="Holroyd", restricted=True)
    opener = make_user(Role.COORDINATOR, full_name="Priya Sharma")
    grant = people_services.break_glass_open(
        actor=opener, child_id=child.id, reason=BREAK_GLASS_REASON
    )
    return {"child": child, "grant": grant, "auditor": make_user(Role.AUDITOR)}


def _meeting(day: dt.date, **fields) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
        **fields,
    )


@pytest.fixture
def member_world(make_user):
    """Jordan owns two MACE actions and a VRMP action for Kai, leads Kai's plan (overdue for
    review), and is invited to discuss Kai and Ruby."""
    coordinator = make_user(Role.COORDINATOR)
    member = make_user(Role.MEMBER, full_name="Jordan Campbell")
    kai = ChildFactory(given_name="Kai", family_name="Osei")
    ruby = ChildFactory(given_name="Ruby", family_name="Whitaker")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=14))
    for description in ("Visit the family", "Speak to the school"):
        Action.objects.create(
            meeting=earlier,
            child=kai,
            description=description,
            owner_agency=member.agency,
            owner=member,
            due_date=today + dt.timedelta(days=5),
        )
    plan = vrmp_create(
        actor=coordinator,
        child=kai,
        vulnerabilities="Exclusion from school",
        next_review_date=today - dt.timedelta(days=1),
        lead_professional=member,
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=member.agency,
        owner=member,
        due_date=today + dt.timedelta(days=7),
    )
    for child in (kai, kai, ruby):  # Kai through two grants: an invitation and an action
        ChildAccess.objects.create(
            user=member,
            child=child,
            basis=ChildAccess.Basis.INVITATION,
            expires_at=clock.now() + dt.timedelta(days=20),
        )
    return {"member": member, "coordinator": coordinator, "kai": kai, "ruby": ruby}


SILVER_SET_UP = dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def silver(make_user):
    """A Silver series chaired by Helen Sykes with Joanne Pickersgill in the social-work
    seat; its first meeting held and minuted; a second Silver member sits on nothing."""
    coordinator = make_user(Role.COORDINATOR)
    police = Agency.objects.create(name="West Yorkshire Police", kind="police")
    social_work = Agency.objects.create(
        name="Leeds Children's Social Work", kind="childrens_social_work"
    )
    chair = make_user(Role.SILVER, full_name="Helen Sykes", agency=police)
    seat = make_user(Role.SILVER, full_name="Joanne Pickersgill", agency=social_work)
    outsider = make_user(Role.SILVER, full_name="Stuart Haigh", agency=social_work)
    gold = make_user(Role.GOLD)
    with clock.set_to(SILVER_SET_UP):
        series = series_create(
            actor=coordinator,
            name="Silver",
            kind=Kind.SILVER,
            rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
            first_date=dt.date(2026, 1, 13),
            chair=chair,
            generate_days=120,
        )
        series_member_add(actor=coordinator, series=series, agency=police, representative=chair)
        series_member_add(actor=coordinator, series=series, agency=social_work, representative=seat)
    held, coming = series.meetings.order_by("date")[:2]
    with clock.set_to(dt.datetime(2026, 1, 13, 16, tzinfo=dt.UTC)):
        meeting_close(actor=coordinator, meeting=held)
        minutes_draft(actor=coordinator, meeting=held)
    return {
        "chair": chair,
        "seat": seat,
        "outsider": outsider,
        "gold": gold,
        "held": held,
        "coming": coming,
    }
