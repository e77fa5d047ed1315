"""How identifiers are written to be matched: a phone's digits, a registration without
spaces, an account in lower case. Pure functions (no database)."""

from __future__ import annotations

import re


def phone_normalised(text: str) -> str:
    """UK numbers compared by their national digits: +44 7700 900123 = 07700900123."""
    digits = re.sub(r"\D", "", text or "")
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return digits


def vehicle_normalised(text: str) -> str:
    """A registration mark in capitals without spaces: 'yx19 abc' = 'YX19ABC'. Only the
    first word that looks like a registration, so 'grey Corsa YX19 ABC' finds it."""
    text = (text or "").upper()
    match = re.search(r"\b([A-Z]{2}\s?\d{2}\s?[A-Z]{3})\b", text)  # current format
    if match:
        return match.group(1).replace(" ", "")
    match = re.search(r"\b([A-Z]\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}[A-Z])\b", text)
    return match.group(1).replace(" ", "") if match else ""


def account_normalised(text: str) -> str:
    """An online account: lower case, without a leading @ or spaces."""
    return re.sub(r"\s+", "", (text or "").strip().lstrip("@").lower())


NORMALISERS = {
    "phone": phone_normalised,
    "vehicle": vehicle_normalised,
    "online_account": account_normalised,
}
