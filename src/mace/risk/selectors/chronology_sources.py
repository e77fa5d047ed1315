"""Importing this module registers every chronology source (each app's own module)."""

from mace.meetings.selectors import chronology as _meetings  # noqa: F401
from mace.referrals.selectors import chronology as _referrals  # noqa: F401
from mace.risk.selectors import assessments, missing, statutory, vrmp  # noqa: F401
