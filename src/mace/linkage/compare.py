"""Comparison levels: how closely two records agree on each field.

Every comparison maps a pair of prepared records to a level: 0 when either side is missing
(no evidence either way), then from the closest agreement to "different". The model
(``model.py``) gives each level a weight; nothing here is learnt.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import jellyfish
from nicknames import NickNamer
from rapidfuzz import fuzz

from mace.linkage.records import PersonRecord

MISSING = 0
NEAR_DATE_DAYS = 31
NAME_TYPO_JW = 0.92
NAME_SIMILAR_JW = 0.80
UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$")
_NOT_LETTERS = re.compile(r"[^a-z\s\-]")
_NOT_ALNUM = re.compile(r"[^a-z0-9\s]")
_SEX = {
    "f": "f",
    "female": "f",
    "girl": "f",
    "w": "f",
    "m": "m",
    "male": "m",
    "boy": "m",
}


@functools.cache
def _nicknamer() -> NickNamer:
    return NickNamer()


@functools.cache
def name_equivalents(name: str) -> frozenset[str]:
    """The name with the formal names it is a nickname of (bill → william, will, ...)."""
    if not name:
        return frozenset()
    return frozenset({name, *_nicknamer().canonicals_of(name)})


def nicknames_of(name: str) -> frozenset[str]:
    """Nicknames and short forms of a formal name (william → bill, will, billy, ...)."""
    return frozenset(_nicknamer().nicknames_of(name))


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def name_tokens(text: str) -> tuple[str, ...]:
    """A name's parts, lower case, no accents or punctuation: O'Brien-Smith → obrien, smith."""
    cleaned = _NOT_LETTERS.sub("", _ascii_lower(text).replace("'", "").replace("’", ""))
    return tuple(t for t in re.split(r"[\s\-]+", cleaned) if t)


def normalise_postcode(text: str) -> str:
    """Upper case with no spaces or punctuation: "ls8 5ab" → "LS85AB"."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def format_postcode(text: str) -> str:
    """A UK postcode as it is written ("LS85AB" → "LS8 5AB"); anything else normalised."""
    code = normalise_postcode(text)
    if UK_POSTCODE.match(code):
        return f"{code[:-3]} {code[-3:]}"
    return code


def normalise_sex(text: str) -> str:
    """ "f", "m", or "" (not known, other, or missing: no evidence either way)."""
    return _SEX.get((text or "").strip().lower(), "")


def normalise_text(text: str) -> str:
    """Lower-case words without accents or punctuation, single-spaced."""
    return " ".join(_NOT_ALNUM.sub(" ", _ascii_lower(text)).split())


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way a record writes a name, with the keys that comparing it needs."""

    text: str
    tokens: tuple[str, ...]
    metaphone: str
    nysiis: str
    equivalents: frozenset[str]
    alias: str = ""


@functools.lru_cache(maxsize=200_000)
def name_form(raw: str, alias: bool = False) -> NameForm | None:
    """The comparable form of a written name, or None for an empty one."""
    tokens = name_tokens(raw)
    if not tokens:
        return None
    text = "".join(tokens)
    return NameForm(
        text=text,
        tokens=tokens,
        metaphone=jellyfish.metaphone(text),
        nysiis=jellyfish.nysiis(text),
        # Only a one-part name has nicknames: "Mary Jane" v "Mary" is a part match instead.
        equivalents=name_equivalents(text) if len(tokens) == 1 else frozenset({text}),
        alias=raw.strip() if alias else "",
    )


@dataclass(frozen=True, slots=True)
class Postcode:
    """A postcode split into the parts compared (sector and district for UK postcodes)."""

    code: str
    sector: str
    district: str


def postcode_parts(raw: str) -> Postcode | None:
    """The comparable parts of a postcode, or None for an empty one."""
    code = normalise_postcode(raw)
    if not code:
        return None
    found = UK_POSTCODE.match(code)
    if found is None:
        return Postcode(code=code, sector="", district="")
    return Postcode(code=code, sector=found[1] + found[2], district=found[1])


@dataclass(frozen=True, slots=True)
class Prepared:
    """A record with everything the comparisons need computed once."""

    record: PersonRecord
    given: tuple[NameForm, ...]
    family: tuple[NameForm, ...]
    dob: dt.date | None
    sex: str
    postcodes: tuple[Postcode, ...]
    addresses: tuple[str, ...]
    school: str


def _forms(names: Iterable[tuple[str, bool]]) -> tuple[NameForm, ...]:
    seen: dict[str, NameForm] = {}
    for raw, is_alias in names:
        form = name_form(raw, is_alias)
        if form is not None and form.text not in seen:
            seen[form.text] = form
    return tuple(seen.values())


def prepare(*, record: PersonRecord) -> Prepared:
    """Normalise a record's fields and compute its name keys, once per record."""
    given_aliases: list[tuple[str, bool]] = []
    family_aliases: list[tuple[str, bool]] = []
    for alias in record.aliases:
        parts = (alias or "").split()
        if len(parts) == 1:
            # A single word may be a nickname, a street name or a former family name.
            given_aliases.append((parts[0], True))
            family_aliases.append((parts[0], True))
        elif len(parts) > 1:
            given_aliases.append((" ".join(parts[:-1]), True))
            family_aliases.append((parts[-1], True))
    places = [(record.postcode, record.address), *record.previous_addresses]
    postcodes = {p.code: p for p in (postcode_parts(pc) for pc, _ in places) if p is not None}
    addresses = dict.fromkeys(a for a in (normalise_text(addr) for _, addr in places) if a)
    return Prepared(
        record=record,
        given=_forms([(record.given_name, False), *given_aliases]),
        family=_forms([(record.family_name, False), *family_aliases]),
        dob=record.date_of_birth,
        sex=normalise_sex(record.sex),
        postcodes=tuple(postcodes.values()),
        addresses=tuple(addresses),
        school=normalise_text(record.school),
    )


# Level labels, index 0 always "missing". The wording is what a practitioner reads as a reason.
GIVEN_LEVELS = (
    "missing",
    "same",
    "nickname or short form of the same name",
    "spelling variant",
    "one part of the name matches",
    "given and family names swapped",
    "sounds alike",
    "similar",
    "different",
)
FAMILY_LEVELS = (
    "missing",
    "same",
    "spelling variant",
    "one part of the name matches",
    "given and family names swapped",
    "sounds alike",
    "similar",
    "different",
)
DOB_LEVELS = (
    "missing",
    "same",
    "day and month transposed",
    "one of day, month or year differs",
    f"within {NEAR_DATE_DAYS} days",
    "different",
)
POSTCODE_LEVELS = (
    "missing",
    "same",
    "same sector",
    "same district",
    "one character differs",
    "different",
)
ADDRESS_LEVELS = ("missing", "same", "similar", "some words in common", "different")
SAME_DIFFERENT = ("missing", "same", "different")


# How two names compare, before it is numbered as a level of a comparison.
EXACT, NICKNAME, TYPO, PART, SWAPPED, SOUND, SIMILAR, DIFFERENT = range(1, 9)
_GIVEN_NUMBERS = {code: code for code in range(1, 9)}
_FAMILY_NUMBERS = {EXACT: 1, TYPO: 2, PART: 3, SWAPPED: 4, SOUND: 5, SIMILAR: 6, DIFFERENT: 7}


def _name_code(a: NameForm, b: NameForm, *, nicknames: bool) -> int:
    """How two names compare: exact, nickname, typo, part, sound, similar or different."""
    if a.text == b.text:
        return EXACT
    if nicknames and not a.equivalents.isdisjoint(b.equivalents):
        return NICKNAME
    if (len(a.tokens) > 1 or len(b.tokens) > 1) and not set(a.tokens).isdisjoint(b.tokens):
        return PART
    similarity = jellyfish.jaro_winkler_similarity(a.text, b.text)
    if similarity >= NAME_TYPO_JW:
        return TYPO
    if a.metaphone == b.metaphone or a.nysiis == b.nysiis:
        return SOUND
    if _one_slip(a.text, b.text):
        return TYPO
    if similarity >= NAME_SIMILAR_JW:
        return SIMILAR
    return DIFFERENT


def _one_slip(a: str, b: str) -> bool:
    """One letter dropped, added, changed or two swapped, in names of three letters or more
    (Ava and Aoa; Jaro-Winkler is harsh on short names). Two-letter names (Li, Le) differ."""
    return max(len(a), len(b)) >= 3 and jellyfish.damerau_levenshtein_distance(a, b) <= 1


def _best_name(
    a: tuple[NameForm, ...],
    b: tuple[NameForm, ...],
    crossed: tuple[NameForm, ...],
    *,
    nicknames: bool,
) -> tuple[int, str]:
    """The closest code between two records' forms of one name, and which alias gave it.

    ``crossed`` is the other name of record B: when the names differ but A's name is B's
    other name, the two records have given and family names swapped.
    """
    best = _name_code(a[0], b[0], nicknames=nicknames)
    note = ""
    if best == EXACT:
        return best, note
    if len(a) > 1 or len(b) > 1:
        for x in a:
            for y in b:
                if not (x.alias or y.alias):
                    continue
                code = _name_code(x, y, nicknames=nicknames)
                if code < best:
                    best = code
                    note = f' (alias "{x.alias or y.alias}")'
    if best >= SOUND and crossed and _name_code(a[0], crossed[0], nicknames=False) <= TYPO:
        return SWAPPED, ""
    return best, note


def compare_given(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Given names: exact, nickname, spelling, part, swapped, phonetic, similar, different."""
    if not a.given or not b.given:
        return MISSING, ""
    code, note = _best_name(a.given, b.given, b.family, nicknames=True)
    return _GIVEN_NUMBERS[code], note


def compare_family(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Family names: the given-name levels without the nickname level."""
    if not a.family or not b.family:
        return MISSING, ""
    code, note = _best_name(a.family, b.family, b.given, nicknames=False)
    return _FAMILY_NUMBERS[code], note


def date_level(a: dt.date | None, b: dt.date | None) -> int:
    """Level of two dates of birth: same, transposed, one part differs, near, different."""
    if a is None or b is None:
        return MISSING
    if a == b:
        return 1
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return 2
    if (a.year == b.year) + (a.month == b.month) + (a.day == b.day) == 2:
        return 3
    if abs((a - b).days) <= NEAR_DATE_DAYS:
        return 4
    return 5


def compare_dob(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Dates of birth (see ``date_level``)."""
    return date_level(a.dob, b.dob), ""


def _postcode_level(a: Postcode, b: Postcode) -> int:
    if a.code == b.code:
        return 1
    if a.sector and a.sector == b.sector:
        return 2
    if a.district and a.district == b.district:
        return 3
    if jellyfish.damerau_levenshtein_distance(a.code, b.code) <= 1:
        return 4
    return 5


def compare_postcode(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Postcodes, the closest of any current or previous ones: full, sector, district, typo."""
    if not a.postcodes or not b.postcodes:
        return MISSING, ""
    return min(_postcode_level(x, y) for x in a.postcodes for y in b.postcodes), ""


def _address_level(a: str, b: str) -> int:
    ratio = fuzz.token_sort_ratio(a, b)
    if ratio >= 90:
        return 1
    if ratio >= 75:
        return 2
    if ratio >= 55:
        return 3
    return 4


def compare_address(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Address text by word-order-insensitive similarity, the closest of any addresses."""
    if not a.addresses or not b.addresses:
        return MISSING, ""
    return min(_address_level(x, y) for x in a.addresses for y in b.addresses), ""


def compare_sex(a: Prepared, b: Prepared) -> tuple[int, str]:
    """Sex or gender where both records state female or male."""
    if not a.sex or not b.sex:
        return MISSING, ""
    return (1 if a.sex == b.sex else 2), ""


def compare_school(a: Prepared, b: Prepared) -> tuple[int, str]:
    """School attended, by name."""
    if not a.school or not b.school:
        return MISSING, ""
    return (1 if a.school == b.school else 2), ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """One field's comparison: its levels' labels and the function that picks a level."""

    name: str
    title: str
    levels: tuple[str, ...]
    function: Callable[[Prepared, Prepared], tuple[int, str]]


COMPARISONS: tuple[Comparison, ...] = (
    Comparison("given_name", "given name", GIVEN_LEVELS, compare_given),
    Comparison("family_name", "family name", FAMILY_LEVELS, compare_family),
    Comparison("date_of_birth", "date of birth", DOB_LEVELS, compare_dob),
    Comparison("sex", "sex", SAME_DIFFERENT, compare_sex),
    Comparison("postcode", "postcode", POSTCODE_LEVELS, compare_postcode),
    Comparison("address", "address", ADDRESS_LEVELS, compare_address),
    Comparison("school", "school", SAME_DIFFERENT, compare_school),
)
_FUNCTIONS = tuple(c.function for c in COMPARISONS)


def compare_levels(a: Prepared, b: Prepared) -> tuple[int, ...]:
    """The comparison vector of a pair: one level per comparison, in COMPARISONS order."""
    return tuple(f(a, b)[0] for f in _FUNCTIONS)


def compare_detailed(a: Prepared, b: Prepared) -> tuple[tuple[int, str], ...]:
    """Each comparison's level and a note (which alias matched), for explaining a score."""
    return tuple(f(a, b) for f in _FUNCTIONS)
