"""A small hand-built set of tagged records for the themes-and-trends figures.

January to March 2026. Wards A and B; Kayla lives in A, Jordan in B, a third referral's
child is not linked. What each figure should say is counted by hand in the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from mace.accounts.models import Role
from mace.contexts.models import Context
from mace.contexts.services.themes import theme_tag
from mace.meetings.models import Finding
from mace.referrals.models import Referral
from tests.factories.accounts import UserFactory
from tests.factories.contexts import context_made
from tests.factories.meetings import held_meeting, meeting_on
from tests.factories.people import ChildAddressFactory, ChildFactory, WardFactory
from tests.factories.referrals import submitted_referral

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@dataclass
class TrendsCity:
    ward_a: object
    ward_b: object
    taxi: Context
    snapchat: Context


def trends_city() -> TrendsCity:
    analyst = UserFactory(role=Role.ANALYST)
    coordinator = UserFactory(role=Role.COORDINATOR)
    ward_a = WardFactory(name="Armley")
    ward_b = WardFactory(name="Burmantofts")
    kayla, jordan = ChildFactory(given_name="Kayla"), ChildFactory(given_name="Jordan")
    ChildAddressFactory(child=kayla, ward=ward_a)
    ChildAddressFactory(child=jordan, ward=ward_b)
    # An old address in ward B, no longer current, does not count.
    ChildAddressFactory(child=kayla, ward=ward_b, date_to=dt.date(2021, 1, 1))
    taxi = context_made(Context.Kind.THEME, "Taxi use", actor=analyst)
    snapchat = context_made(Context.Kind.THEME, "Snapchat", actor=analyst)

    r1 = submitted_referral(child=kayla, concerns=["cse"], submitted_at=at(dt.date(2026, 1, 10)))
    r2 = submitted_referral(
        child=jordan, concerns=["cce", "county_lines"], submitted_at=at(dt.date(2026, 1, 20))
    )
    r3 = submitted_referral(child=kayla, concerns=["cce"], submitted_at=at(dt.date(2026, 2, 5)))
    submitted_referral(concerns=[], submitted_at=at(dt.date(2026, 3, 1)))  # no child, no type
    submitted_referral(status=Referral.Status.DRAFT, submitted_at=None)  # a draft: not counted
    submitted_referral(child=kayla, concerns=["cse"], submitted_at=at(dt.date(2025, 12, 20)))

    finding = Finding.objects.create(
        meeting=meeting_on(dt.date(2026, 2, 10)),
        kind=Finding.Kind.THEME,
        description="Girls picked up by private-hire cars outside school",
    )
    meeting = held_meeting(dt.date(2026, 2, 18), actor=coordinator, children=[(jordan, {})])
    discussion = meeting.items.get().discussion
    place = context_made(
        Context.Kind.PLACE, "Chicken Shack", actor=analyst, ward=ward_b, exploitation_type="cse"
    )

    theme_tag(actor=analyst, theme=taxi, target=r1)
    theme_tag(actor=analyst, theme=taxi, target=r2)
    theme_tag(actor=analyst, theme=snapchat, target=r2)
    theme_tag(actor=analyst, theme=snapchat, target=r3)
    theme_tag(actor=analyst, theme=taxi, target=finding)
    theme_tag(actor=analyst, theme=taxi, target=discussion)
    theme_tag(actor=analyst, theme=snapchat, target=place, occurred_on=dt.date(2026, 3, 3))
    return TrendsCity(ward_a, ward_b, taxi, snapchat)
