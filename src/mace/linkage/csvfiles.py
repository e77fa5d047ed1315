"""Lists of people as CSV files: what ``mace link`` reads and writes."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mace.core import csvsafe
from mace.linkage.records import PersonRecord, parse_date

COLUMNS = ("id", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")
# Read when present: a school's name, and aliases separated by semicolons.
OPTIONAL_COLUMNS = ("school", "aliases")


class ListError(Exception):
    """A list that cannot be read, with a message in its reader's terms."""


@dataclass
class ReadReport:
    """What reading a list found besides the records: cells that were not understood."""

    records: list[PersonRecord] = field(default_factory=list)
    bad_dates: list[int] = field(default_factory=list)  # line numbers


def read_people(*, path: Path, label: str) -> ReadReport:
    """Read a list of people; ``id`` is required and unique, every other cell may be empty."""
    if not path.is_file():
        raise ListError(f"{label}: no such file: {path}")
    report = ReadReport()
    seen: dict[str, int] = {}
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            headers = [(h or "").strip().lower() for h in reader.fieldnames or []]
            if "id" not in headers:
                raise ListError(
                    f"{label}: {path.name} has no 'id' column "
                    f"(found: {', '.join(h for h in headers if h) or 'no header row'}); "
                    f"expected columns: {', '.join(COLUMNS)}"
                )
            reader.fieldnames = headers
            for row in reader:
                line = reader.line_num
                cell = {k: (v or "").strip() for k, v in row.items() if k}
                if not any(cell.values()):
                    continue
                record_id = cell.get("id", "")
                if not record_id:
                    raise ListError(f"{label}: line {line} has no id")
                if record_id in seen:
                    raise ListError(
                        f"{label}: id {record_id!r} appears on lines {seen[record_id]} and {line}"
                    )
                seen[record_id] = line
                dob_text = cell.get("date_of_birth", "")
                dob = parse_date(value=dob_text)
                if dob_text and dob is None:
                    report.bad_dates.append(line)
                aliases = tuple(a.strip() for a in cell.get("aliases", "").split(";") if a.strip())
                report.records.append(
                    PersonRecord(
                        id=record_id,
                        given_name=cell.get("given_name", ""),
                        family_name=cell.get("family_name", ""),
                        date_of_birth=dob,
                        sex=cell.get("sex", ""),
                        postcode=cell.get("postcode", ""),
                        address=cell.get("address", ""),
                        aliases=aliases,
                        school=cell.get("school", ""),
                    )
                )
    except UnicodeDecodeError as exc:
        raise ListError(f"{label}: {path.name} is not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise ListError(f"{label}: {path.name} is not a readable CSV file ({exc})") from exc
    return report


def write_matches(*, path: Path, rows: Iterable[tuple], explain: bool) -> int:
    """Write ``id_a, id_b, score`` (and ``reasons`` when explaining); returns the row count."""
    header = ["id_a", "id_b", "score"] + (["reasons"] if explain else [])
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csvsafe.writer(handle)
        writer.writerow(header)
        for row in rows:
            id_a, id_b, score, *rest = row
            writer.writerow([id_a, id_b, f"{score:.4f}", *rest[: len(header) - 3]])
            count += 1
    return count
