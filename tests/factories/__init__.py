"""Factories and builders for tests: synthetic people only.

Import them from here (``from tests.factories import ChildFactory``). Each module holds
one app's: ``accounts`` agencies, users and invitation emails; ``people`` children, their
schools, wards and access grants (factory_boy); ``meetings`` series and meetings;
``referrals`` submitted referrals; ``wordform`` the Word form filled in; ``intake`` the
mailbox intake's corpus; ``risk`` catalogues; ``demo`` wiping and snapshotting a seeded
city.
"""

from tests.factories.accounts import (
    LINK_BASE,
    TEST_PASSWORD,
    AgencyFactory,
    UserFactory,
    signed_in_elsewhere,
    token_from_mail,
)
from tests.factories.contexts import (
    GRADED,
    analyst,
    context_made,
    linked,
    node_of,
    phone,
    referral_naming,
)
from tests.factories.demo import RECORD_MODELS, city_wipe, records_snapshot
from tests.factories.governance import escalated, finding_made, plan_item_made
from tests.factories.intake import (
    CORPUS,
    PDF,
    SENDER,
    SUMMARY,
    docx,
    email,
    encrypted_docx,
    macro_enabled_docx,
    no_boundary,
    rezip,
    truncated,
    two_forms,
    zip_bomb,
)
from tests.factories.meetings import (
    FORTNIGHTLY,
    accepted_referral,
    discussed,
    fortnightly_series,
    held_meeting,
    meeting_on,
    next_wednesday,
    series_created,
    series_set_up,
)
from tests.factories.people import (
    ChildAccessFactory,
    ChildAddressFactory,
    ChildAliasFactory,
    ChildFactory,
    SchoolFactory,
    WardFactory,
)
from tests.factories.referrals import new_referral, submitted_referral
from tests.factories.risk import MINIMAL_CATALOGUE
from tests.factories.wordform import CONCERN_LABELS, PEOPLE, TYPED, fill_form, filled_referral_form

__all__ = [
    "escalated",
    "finding_made",
    "plan_item_made",
    "GRADED",
    "analyst",
    "context_made",
    "linked",
    "node_of",
    "phone",
    "referral_naming",
    "FORTNIGHTLY",
    "CONCERN_LABELS",
    "CORPUS",
    "LINK_BASE",
    "MINIMAL_CATALOGUE",
    "PDF",
    "PEOPLE",
    "RECORD_MODELS",
    "SENDER",
    "SUMMARY",
    "TEST_PASSWORD",
    "TYPED",
    "AgencyFactory",
    "ChildAccessFactory",
    "ChildAddressFactory",
    "ChildAliasFactory",
    "ChildFactory",
    "SchoolFactory",
    "UserFactory",
    "WardFactory",
    "accepted_referral",
    "city_wipe",
    "discussed",
    "docx",
    "email",
    "encrypted_docx",
    "fill_form",
    "filled_referral_form",
    "fortnightly_series",
    "held_meeting",
    "macro_enabled_docx",
    "meeting_on",
    "new_referral",
    "next_wednesday",
    "no_boundary",
    "records_snapshot",
    "rezip",
    "series_created",
    "series_set_up",
    "signed_in_elsewhere",
    "submitted_referral",
    "token_from_mail",
    "truncated",
    "two_forms",
    "zip_bomb",
]
