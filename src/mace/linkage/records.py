"""The record that identity resolution compares: a person as any source describes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person as a list, a referral or the MACE cohort describes them; any field may be empty.

    ``previous_addresses`` holds other (postcode, address) pairs known for the person (a child
    who moved); postcode and address are compared with the best of all of them.
    """

    id: str
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    sex: str = ""
    postcode: str = ""
    address: str = ""
    aliases: tuple[str, ...] = ()
    school: str = ""
    previous_addresses: tuple[tuple[str, str], ...] = ()


def parse_date(*, value: str) -> dt.date | None:
    """A date from ISO (2011-04-03), compact (20110403) or British (03/04/2011) text, else None."""
    text = (value or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
