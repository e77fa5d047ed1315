"""Referrals waiting in the demo's triage queue, so the coordinator's day can be walked.

Some describe children already known (with the spelling slips and nicknames real referrals
have, so identity resolution has work to do), one is about a place, and one arrived by
email without the form. Deterministic: the same children and texts for the same city.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from mace.accounts.models import Role, User
from mace.contexts.models import Context
from mace.contexts.services.themes import theme_tag
from mace.core import clock
from mace.demo.network.texts import THEMES
from mace.people.models import Child
from mace.referrals.models import Referral
from mace.referrals.services.referrals import referral_receive

DEMO_REFERRAL_COUNT = 12
REFERRERS = [
    (
        "Dee Sharma",
        "Harehills Academy",
        "Designated safeguarding lead",
        "dsl@harehills.demo.example",
    ),
    (
        "PC Tom Riley",
        "Police (Child Exploitation Team)",
        "Police constable",
        "t.riley@police.demo.example",
    ),
    (
        "Abi Okafor",
        "Community Health (0-19 Service)",
        "School nurse",
        "abi.okafor@nhs.demo.example",
    ),
    ("Ryan Doyle", "Youth Service", "Youth worker", "ryan.doyle@youth.demo.example"),
]
STORIES = [
    (
        ["cce", "county_lines", "missing"],
        "Missing three times this month; found in Bradford "
        "by British Transport Police; two phones and new trainers.",
        "Older boys collect him from school.",
    ),
    (
        ["cse", "online"],
        "Older male contacts on Snapchat; picked up in cars near the takeaway on Roundhay Road.",
        "Gifts and attention; says he is her boyfriend.",
    ),
    (
        ["cce", "gang"],
        "Associating with a group linked to a county line; carrying a knife at the park.",
        "Belonging and status; owes money.",
    ),
    (
        ["missing", "cse"],
        "Away from placement overnight twice; returns with alcohol and a new phone.",
        "Conflict at the placement; friends at unknown addresses.",
    ),
]


def _slip(name: str, rng: random.Random) -> str:
    """A spelling slip a referrer might make."""
    if len(name) > 4 and rng.random() < 0.5:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1 :]
    return name


# Who sent the queue's referrals: the queue exists once one of theirs does (the seeded
# history's referrals, mace.demo.referral_history, come from other people).
PLACE_REFERRER_EMAIL = "pcso.khan@police.demo.example"
QUEUE_REFERRER_EMAILS = (*(email for *_, email in REFERRERS), PLACE_REFERRER_EMAIL)


@transaction.atomic
def demo_referrals_ensure(*, seed: int = 2026) -> int:
    """Create the demo's triage queue once (does nothing if its referrals exist)."""
    queued = Referral.objects.filter(referrer_email__in=QUEUE_REFERRER_EMAILS)
    if queued.exists() or not Child.objects.exists():
        return 0
    rng = random.Random(seed)
    themes = _themes()
    referrer_user = User.objects.filter(role=Role.REFERRER).first()
    known = list(
        Child.objects.filter(restricted=False, date_of_birth__isnull=False)
        .order_by("id")
        .prefetch_related("addresses")[:400]
    )
    now = clock.now()
    created = 0
    for n in range(DEMO_REFERRAL_COUNT):
        name, agency, role, email = REFERRERS[n % len(REFERRERS)]
        concerns, narrative, pull = STORIES[n % len(STORIES)]
        child = known[rng.randrange(len(known))]
        current = next((a for a in child.addresses.all() if a.date_to is None), None)
        dob = child.date_of_birth
        if n % 4 == 1 and dob.day <= 12:
            dob = dob.replace(day=dob.month, month=dob.day)  # day and month transposed
        days_ago = [0, 1, 2, 3, 6, 8, 9, 12, 13, 15, 20, 27][n]
        fields = {
            "referrer_name": name,
            "referrer_agency": agency,
            "referrer_role": role,
            "referrer_email": email,
            "child_given_name": _slip(child.given_name, rng) if n % 3 == 0 else child.given_name,
            "child_family_name": child.family_name,
            "child_date_of_birth": dob,
            "child_postcode": current.postcode if current else "",
            "child_address": current.line_1 if current else "",
            "child_school": child.school.name if child.school_id else "",
            "concerns": concerns,
            "push_factors": "Conflict at home; excluded from school in September.",
            "pull_factors": pull,
            "missing_episodes": narrative,
            "parents_aware": "yes",
            "parents_consent": "no",
            "lawful_basis": Referral.LawfulBasis.SAFEGUARDING,
            "sharing_reason": "Necessary to safeguard the child: risk of serious harm.",
            "why_mace": "Emerging risk of exploitation; a multi-agency picture is needed.",
        }
        referral = referral_receive(
            channel=Referral.Channel.WEB if n % 5 else Referral.Channel.EMAIL,
            fields=fields,
            referrer=referrer_user if n == 0 else None,
        )
        status = Referral.Status.AWAITING_INFORMATION if n in (4, 9) else Referral.Status.NEW
        submitted_at = now - dt.timedelta(days=days_ago, hours=rng.randrange(8))
        Referral.objects.filter(pk=referral.pk).update(submitted_at=submitted_at, status=status)
        _tag(themes, referral, concerns, submitted_at.date())
        created += 1
    about_place = referral_receive(
        channel=Referral.Channel.EMAIL,
        fields={
            "referrer_email": PLACE_REFERRER_EMAIL,
            "referrer_name": "PCSO Imran Khan",
            "subject": Referral.Subject.CONTEXT,
            "concerns": ["cce", "county_lines"],
        },
        form_missing=True,
        narrative="Subject: Kids hanging round the bookies on Chapeltown Road\n\nSeveral "
        "children, some in school uniform, seen collecting packages from a silver Audi "
        "after school most days this week. Adults on bikes watching. Please advise.",
    )
    _tag(themes, about_place, ["county_lines"], clock.today())
    return created + 1


# The seeded city's themes (mace.demo.network) a referral's concerns point to.
_THEME_NAMES = {key: name for key, name, _, _ in THEMES}
CONCERN_THEMES = {"county_lines": _THEME_NAMES["county_lines"], "online": _THEME_NAMES["snapchat"]}


def _themes() -> tuple[User | None, dict[str, Context]]:
    """Who tags (the coordinator, if the demo users exist) and the themes by concern."""
    coordinator = User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("email")
    by_name = {
        c.name: c
        for c in Context.objects.filter(kind=Context.Kind.THEME, name__in=CONCERN_THEMES.values())
    }
    themes = {k: by_name[name] for k, name in CONCERN_THEMES.items() if name in by_name}
    return coordinator.first(), themes


def _tag(themes, referral: Referral, concerns, on: dt.date) -> None:
    """The coordinator tags the referral with the themes of its concerns (if any exist)."""
    actor, by_concern = themes
    for concern in concerns:
        theme = by_concern.get(concern)
        if theme is not None:
            theme_tag(actor=actor, theme=theme, target=referral, occurred_on=on)
