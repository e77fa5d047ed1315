"""The seeded city's two years of referrals: the children MACE discussed were referred and
accepted first, others were signposted or declined, with the concerns and triage times a
real service sees; so the MACE and Gold dashboards' referral figures have a story."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db.models import Min
from django.utils import timezone

from mace.audit.models import Event
from mace.core.workdays import working_days_between
from mace.demo.referral_history import demo_referral_history_ensure
from mace.governance.selectors.dashboard_figures import NOT_KNOWN_TYPE
from mace.governance.selectors.dashboards import dashboard_build
from mace.meetings.models import AgendaItem, Discussion, Kind
from mace.meetings.services.agenda import referrals_pending
from mace.referrals.models import Referral, ReferralDecision

pytestmark = [pytest.mark.django_db, pytest.mark.slow_demo]


def _history():
    """The seeded history: decided, or asked for more (the triage queue's are not)."""
    return Referral.objects.exclude(decisions=None).distinct()


def _first_discussions() -> dict:
    return dict(
        Discussion.objects.filter(item__meeting__kind=Kind.CHILD, item__child__isnull=False)
        .values("item__child_id")
        .annotate(first=Min("item__meeting__date"))
        .values_list("item__child_id", "first")
    )


def _local(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


class TestTheSeededReferralHistory:
    def test_every_child_discussed_was_accepted_before_their_first_discussion(self, seeded):
        first = _first_discussions()
        assert len(first) >= 20
        accepted = {}
        for child_id, submitted, decided in Referral.objects.filter(
            status=Referral.Status.ACCEPTED, child_id__in=first
        ).values_list("child_id", "submitted_at", "decided_at"):
            earliest = accepted.get(child_id)
            if earliest is None or submitted < earliest[0]:
                accepted[child_id] = (submitted, decided)
        assert set(accepted) == set(first)
        for child_id, day in first.items():
            submitted, decided = accepted[child_id]
            assert _local(submitted) <= _local(decided) < day

    def test_the_accepted_referrals_are_on_the_agendas_they_brought(self, seeded):
        placed = AgendaItem.objects.exclude(referral=None).select_related("referral", "meeting")
        assert placed.count() >= len(_first_discussions())
        for item in placed:
            assert item.referral.child_id == item.child_id
            assert item.referral.status == Referral.Status.ACCEPTED
            assert item.referral.decided_at.date() < item.meeting.date
        assert not referrals_pending().exists()  # none waits for a place on an agenda

    def test_the_referrals_span_two_years_with_several_outcomes(self, seeded):
        history = _history()
        days = [_local(at) for at in history.values_list("submitted_at", flat=True)]
        assert (max(days) - min(days)).days > 548  # more than eighteen months
        # Two years back, and before them only the referrals of the children the first
        # meetings took on as known: up to ten months and a triage before the meeting.
        first_meeting = min(_first_discussions().values())
        assert first_meeting <= timezone.localdate() - dt.timedelta(days=700)
        assert min(days) >= first_meeting - dt.timedelta(days=340)
        outcomes = Counter(history.values_list("status", flat=True))
        assert outcomes[Referral.Status.ACCEPTED] > history.count() / 2  # mostly accepted
        for status in (Referral.Status.SIGNPOSTED, Referral.Status.DECLINED):
            assert outcomes[status] >= 3
        assert outcomes[Referral.Status.AWAITING_INFORMATION] >= 1
        # Some children never reached MACE: referred, and not discussed.
        assert history.exclude(child_id__in=_first_discussions()).count() >= 10

    def test_the_concerns_are_spread_with_criminal_exploitation_most_common(self, seeded):
        kinds = Counter(c for cs in _history().values_list("concerns", flat=True) for c in cs)
        assert len(kinds) >= 5
        assert set(kinds) <= set(Referral.Concern.values)
        criminal = kinds["cce"] + kinds["county_lines"]
        assert criminal > kinds["cse"] > kinds["trafficking"]
        assert kinds["online"] and kinds["missing"]

    def test_triage_times_centre_on_the_target_with_a_few_late(self, seeded):
        decided = _history().exclude(decided_at=None)
        times = [
            working_days_between(_local(s), _local(d))
            for s, d in decided.values_list("submitted_at", "decided_at")
        ]
        late = sum(1 for t in times if t > 5)
        assert 0 < late < len(times) / 3
        assert len(set(times)) >= 6
        asked = ReferralDecision.objects.filter(
            decision=ReferralDecision.Decision.MORE_INFORMATION, referral__status="accepted"
        )
        assert asked.exists()  # asked for more, then accepted

    def test_the_services_audit_rows_are_dated_when_it_happened(self, seeded):
        referral = _history().filter(status=Referral.Status.ACCEPTED).earliest("submitted_at")
        events = Event.objects.filter(object_id=str(referral.pk)).order_by("at")
        verbs = [e.verb for e in events]
        assert verbs[:2] == [Event.Verb.REFERRAL_RECEIVED, Event.Verb.REFERRAL_LINKED]
        assert verbs[-1] == Event.Verb.REFERRAL_TRIAGED
        assert events[0].at == referral.submitted_at
        assert events.last().at == referral.decided_at
        assert events.last().child_id == referral.child_id
        states = list(referral.history.order_by("history_date"))
        assert [s.status for s in states][0] == Referral.Status.NEW
        assert states[0].child_id is None and states[-1].status == Referral.Status.ACCEPTED
        assert states[0].history_date == referral.submitted_at
        assert referral.decisions.get().referrer_notified_at > referral.decided_at

    def test_seeding_the_history_again_does_nothing(self, seeded):
        count = Referral.objects.count()
        assert demo_referral_history_ensure(seed=5) == {}
        assert Referral.objects.count() == count

    def test_the_mace_dashboard_counts_referrals_in_most_months(self, seeded):
        today = timezone.localdate()
        start = today - dt.timedelta(days=730)
        board = dashboard_build(audience="mace", start=start, end=today, exact=True)
        rows = dict(board.figure("referrals").rows)
        months = [sum(column) for column in zip(*rows.values(), strict=True)]
        assert sum(1 for n in months if n) >= 18
        assert sum(rows["Accepted"]) and sum(rows["Signposted"]) and sum(rows["Declined"])
        triage = dict(board.figure("triage_time").rows)
        assert sum(triage["Decided within the target"]) > sum(triage["Decided after the target"])
        assert sum(triage["Decided after the target"]) > 0

    def test_gold_counts_children_at_risk_by_a_recorded_type(self, seeded):
        today = timezone.localdate()
        start = today - dt.timedelta(days=730)
        board = dashboard_build(audience="gold", start=start, end=today, exact=True)
        rows = dict(board.figure("scale_type").rows)
        recorded = {label: sum(n) for label, n in rows.items() if label != NOT_KNOWN_TYPE}
        assert sum(1 for n in recorded.values() if n) >= 4
        assert recorded[Referral.Concern.CCE.label] > 0
