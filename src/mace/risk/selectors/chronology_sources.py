"""Importing this module registers every chronology source."""

from mace.risk.selectors import assessments, missing, statutory, vrmp  # noqa: F401
