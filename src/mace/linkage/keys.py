"""Blocking keys: the cheap values two records must share before they are compared at all.

The in-memory keys (``*_keys``) work on prepared records; the database variants
(``*_variants``) turn a record into values that an index on stored names, dates and
postcodes can look up exactly (``mace.people.identity`` uses them on Child and ChildAddress).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Hashable

from mace.linkage.compare import (
    NameForm,
    Prepared,
    format_postcode,
    name_form,
    normalise_postcode,
)


def dob_keys(p: Prepared) -> list[Hashable]:
    """Year with the unordered day and month: the same date, or one with them transposed."""
    if p.dob is None:
        return []
    day, month = p.dob.day, p.dob.month
    return [(p.dob.year, min(day, month), max(day, month))]


def family_sound_year_keys(p: Prepared) -> list[Hashable]:
    """Each family name's metaphone with the year of birth."""
    if p.dob is None:
        return []
    return [(f.metaphone, p.dob.year) for f in p.family if f.metaphone]


def postcode_initial_keys(p: Prepared) -> list[Hashable]:
    """Postcode sector (or the whole code, outside the UK) with each initial of either name."""
    areas = {pc.sector or pc.code for pc in p.postcodes}
    initials = given_initials(p.given) | {f.text[0] for f in p.family}
    return [(area, initial) for area in areas for initial in initials]


def name_sound_keys(p: Prepared) -> list[Hashable]:
    """The metaphones of given name (or its formal name) and family name, in either order."""
    keys: set[Hashable] = set()
    for given in p.given:
        sounds = {given.metaphone, *(_metaphone(eq) for eq in given.equivalents)}
        for family in p.family:
            if family.metaphone:
                keys.update(tuple(sorted((s, family.metaphone))) for s in sounds if s)
    return list(keys)


def given_initials(forms: tuple[NameForm, ...]) -> set[str]:
    """First letters of the given names and of the formal names behind nicknames (Bill → b, w)."""
    initials = set()
    for form in forms:
        initials.add(form.text[0])
        initials.update(eq[0] for eq in form.equivalents if eq)
    return initials


def _metaphone(text: str) -> str:
    form = name_form(text)
    return form.metaphone if form else ""


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12) or year < 1 or year > 9999:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def dob_exact_variants(dob: dt.date) -> list[dt.date]:
    """The date and, where it exists, the date with day and month transposed."""
    found = {dob}
    swapped = _safe_date(dob.year, dob.day, dob.month)
    if swapped is not None:
        found.add(swapped)
    return sorted(found)


def dob_near_variants(dob: dt.date) -> list[dt.date]:
    """Dates one slip away: the year one out, a neighbouring day, or estimated as 1 January."""
    found: set[dt.date] = {dob - dt.timedelta(days=1), dob + dt.timedelta(days=1)}
    for year, month, day in (
        (dob.year - 1, dob.month, dob.day),
        (dob.year + 1, dob.month, dob.day),
        (dob.year, 1, 1),
    ):
        candidate = _safe_date(year, month, day)
        if candidate is not None:
            found.add(candidate)
    found.difference_update(dob_exact_variants(dob))
    return sorted(found)


def name_case_variants(raw: str) -> list[str]:
    """The ways a name is likely to be stored: as written, Title Case, UPPER, lower, Mc/Mac."""
    text = " ".join((raw or "").split())
    if not text:
        return []
    variants = {text, text.title(), text.upper(), text.lower(), text.capitalize()}
    for prefix in ("Mc", "Mac", "O'"):
        if text.lower().startswith(prefix.lower()) and len(text) > len(prefix):
            rest = text[len(prefix) :]
            variants.add(prefix + rest[:1].upper() + rest[1:].lower())
    return sorted(variants)


def postcode_variants(raw: str) -> list[str]:
    """The ways a postcode is likely to be stored: "LS8 5AB", "LS85AB", as written."""
    code = normalise_postcode(raw)
    if not code:
        return []
    return sorted({format_postcode(code), code, (raw or "").strip().upper()} - {""})
