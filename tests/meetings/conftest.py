"""Fixtures of the meetings tests: a coordinator, a meeting next week, the meetings that
the minutes, the actions and the papers are tested on, and an accepted referral's way
onto an agenda."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from mace.accounts.models import Agency, Role
from mace.core import clock
from mace.meetings import receivers
from mace.meetings.models import Action, Invitation, Kind, Meeting, Outcome
from mace.meetings.services import agenda, invitations, recording
from mace.meetings.services.agenda import item_add
from mace.meetings.services.recording import action_add
from mace.referrals.services.triage import referral_link_child
from mace.referrals.signals import referral_accepted
from mace.risk.models import MissingEpisode, VrmpAction
from mace.risk.services.vrmp import vrmp_create
from tests.factories import AgencyFactory, ChildFactory, meeting_on, submitted_referral

RECEIVER = "meetings.place_accepted_referral"


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


@pytest.fixture
def meeting(make_user):
    return meeting_on(timezone.localdate() + dt.timedelta(days=5), chair=make_user(Role.CHAIR))


@pytest.fixture
def minutes_world(make_user):
    """A meeting yesterday with two children on its agenda, to close and take minutes of."""
    coordinator = make_user(Role.COORDINATOR)
    chair = make_user(Role.CHAIR)
    meeting = meeting_on(_in(-1), chair=chair)
    amara = ChildFactory(given_name="Amarachi", family_name="Quillfeather")
    kayden = ChildFactory(given_name="Kaydenson", family_name="Brightwater")
    first = item_add(actor=coordinator, meeting=meeting, child=amara)
    second = item_add(actor=coordinator, meeting=meeting, child=kayden)
    return SimpleNamespace(**locals())


@pytest.fixture
def actions_world(make_user):
    """A meeting three weeks ago with a child on its agenda, and ``add`` to give the child
    an action owned by a member of the Youth Justice Service."""
    coordinator = make_user(Role.COORDINATOR)
    youth_justice = AgencyFactory(name="Youth Justice Service")
    owner = make_user(Role.MEMBER, agency=youth_justice)
    meeting = meeting_on(_in(-21))
    child = ChildFactory()
    item = item_add(actor=coordinator, meeting=meeting, child=child)

    def add(description="Weekly sessions with a YOT worker", due=7, **fields):
        fields.setdefault("item", item)
        fields.setdefault("owner", owner)
        return action_add(
            actor=coordinator,
            meeting=fields.pop("meeting", meeting),
            description=description,
            owner_agency=fields.pop("owner_agency", youth_justice),
            due_date=_in(due),
            **fields,
        )

    return SimpleNamespace(**locals())


@pytest.fixture
def papers_world(make_user, django_capture_on_commit_callbacks):
    """A meeting next week with two children, a practitioner invited to Amara's slot and a
    police representative invited to the whole meeting; invitations sent."""
    coordinator = make_user(Role.COORDINATOR, full_name="Carys Coordinator")
    chair = make_user(Role.CHAIR, full_name="Charles Chair")
    social_worker = make_user(Role.MEMBER, full_name="Sunita Social-Worker")
    core = make_user(Role.MEMBER, full_name="Priya Police")
    day = timezone.localdate() + dt.timedelta(days=7)
    meeting = meeting_on(day, chair=chair, location="Merrion House, Room 4")
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    kayden = ChildFactory(given_name="Kayden", family_name="Brierley")
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=kayden)
    invitations.invitation_add(
        actor=coordinator, item=first, user=social_worker, capacity="social_worker"
    )
    Invitation.objects.create(meeting=meeting, user=core, capacity=Invitation.Capacity.CORE)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(
            actor=coordinator, meeting=meeting, link_base="https://mace.test"
        )
    return SimpleNamespace(
        coordinator=coordinator,
        chair=chair,
        social_worker=social_worker,
        core=core,
        meeting=meeting,
        amara=amara,
        kayden=kayden,
        first=first,
        second=second,
        day=day,
    )


@pytest.fixture
def linked(coordinator):
    referral = submitted_referral()
    referral_link_child(actor=coordinator, referral_id=referral.id, child_id=ChildFactory().id)
    return referral


@pytest.fixture
def without_meetings_receiver():
    """As if the meetings app were not installed: nobody handles ``referral_accepted``."""
    assert referral_accepted.disconnect(dispatch_uid=RECEIVER)
    yield
    referral_accepted.connect(receivers.place_accepted_referral, dispatch_uid=RECEIVER)


def _meeting(day: dt.date) -> Meeting:
    return Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=day,
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )


@pytest.fixture
def live(make_user):
    """Amara was discussed a fortnight ago (continue at MACE, risk high, an action for the
    police); she has a VRMP with an open action and went missing ten days ago. Today's
    meeting has her on its agenda."""
    coordinator = make_user(Role.COORDINATOR)
    police = make_user(Role.MEMBER, full_name="Jordan Campbell")
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    today = clock.today()
    earlier = _meeting(today - dt.timedelta(days=14))
    item = agenda.item_add(actor=coordinator, meeting=earlier, child=amara)
    recording.discussion_save(
        actor=coordinator,
        item=item,
        risk_analysis="Seen with older males near the bus station",
        risk_level="high",
        outcome=Outcome.CONTINUE,
        next_review_date=today,
    )
    Action.objects.create(
        meeting=earlier,
        item=item,
        child=amara,
        description="Disruption visit to the flat on Roundhay Road",
        owner_agency=police.agency,
        owner=police,
        due_date=today + dt.timedelta(days=3),
    )
    recording.meeting_close(actor=coordinator, meeting=earlier)
    plan = vrmp_create(
        actor=coordinator,
        child=amara,
        vulnerabilities="Exclusion from school",
        next_review_date=today + dt.timedelta(weeks=12),
    ).vrmp
    VrmpAction.objects.create(
        vrmp=plan,
        description="Weekly mentoring sessions",
        owner_agency=police.agency,
        due_date=today + dt.timedelta(days=7),
    )
    MissingEpisode.objects.create(
        child=amara, kind="missing", started_at=clock.now() - dt.timedelta(days=10)
    )
    meeting = _meeting(today)
    current = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    return {"coordinator": coordinator, "meeting": meeting, "item": current, "amara": amara}


@pytest.fixture
def agenda_of_two(make_user):
    coordinator = make_user(Role.COORDINATOR)
    meeting = Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=clock.today() + dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=ChildFactory())
    return coordinator, meeting, first, second


@pytest.fixture
def table(make_user, django_capture_on_commit_callbacks):
    """Next week's meeting discusses Amara and Kayden. Jordan (police) is invited to the
    whole meeting, Nadia (health) too; Hannah (social work) only to Amara's slot."""
    coordinator = make_user(Role.COORDINATOR)
    police = Agency.objects.create(name="West Yorkshire Police", kind="police")
    health = Agency.objects.create(name="Leeds Community Healthcare", kind="health")
    social_work = Agency.objects.create(name="Leeds Children's Social Work", kind="csw")
    jordan = make_user(Role.MEMBER, full_name="Jordan Campbell", agency=police)
    nadia = make_user(Role.MEMBER, full_name="Nadia Rahman", agency=health)
    hannah = make_user(Role.MEMBER, full_name="Hannah Gill", agency=social_work)
    meeting = Meeting.objects.create(
        kind=Kind.CHILD,
        title="Child-focused MACE",
        date=clock.today() + dt.timedelta(days=7),
        start_time=dt.time(10, 0),
        capacity=6,
        slot_minutes=20,
    )
    amara = ChildFactory(given_name="Amara", family_name="Okonkwo")
    kayden = ChildFactory(given_name="Kayden", family_name="Brierley")
    first = agenda.item_add(actor=coordinator, meeting=meeting, child=amara)
    second = agenda.item_add(actor=coordinator, meeting=meeting, child=kayden)
    for member in (jordan, nadia):
        Invitation.objects.create(meeting=meeting, user=member, capacity=Invitation.Capacity.CORE)
    invitations.invitation_add(actor=coordinator, item=first, user=hannah, capacity="social_worker")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitations_send(actor=coordinator, meeting=meeting, link_base="https://t")
    return {
        "coordinator": coordinator,
        "jordan": jordan,
        "nadia": nadia,
        "hannah": hannah,
        "meeting": meeting,
        "first": first,
        "second": second,
    }
