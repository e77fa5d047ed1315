"""Factories and builders for tests: synthetic people only.

Import them from here (``from tests.factories import ChildFactory``); each module of the
package holds one app's: ``people`` the factory_boy model factories, ``meetings`` series
and meetings, ``referrals`` submitted referrals, ``accounts`` invitation emails, ``demo``
wiping and snapshotting a seeded city.
"""

from tests.factories.accounts import LINK_BASE, token_from_mail
from tests.factories.demo import RECORD_MODELS, city_wipe, records_snapshot
from tests.factories.meetings import (
    accepted_referral,
    discussed,
    fortnightly_series,
    held_meeting,
    meeting_on,
)
from tests.factories.people import (
    TEST_PASSWORD,
    AgencyFactory,
    ChildAccessFactory,
    ChildAddressFactory,
    ChildAliasFactory,
    ChildFactory,
    SchoolFactory,
    UserFactory,
    WardFactory,
)
from tests.factories.referrals import submitted_referral

__all__ = [
    "LINK_BASE",
    "RECORD_MODELS",
    "TEST_PASSWORD",
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
    "fortnightly_series",
    "held_meeting",
    "meeting_on",
    "records_snapshot",
    "submitted_referral",
    "token_from_mail",
]
