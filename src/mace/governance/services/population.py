"""The city's child population by ethnicity, sex, age band and ward: the reference table
Gold's disproportionality figures divide by. A partnership loads its own (ONS figures for
its area); the demo loads the synthetic one bundled here (``data/city_population.csv``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from mace.governance.models import AGE_BANDS, PopulationReference
from mace.people.models import Child

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "city_population.csv"
COLUMNS = ("dimension", "category", "children", "source", "year")
Dimension = PopulationReference.Dimension
# The categories each dimension may have; a ward is any ward code.
CATEGORIES: dict[str, frozenset[str] | None] = {
    Dimension.ETHNICITY: frozenset(Child.Ethnicity.values) - {Child.Ethnicity.NOT_KNOWN},
    Dimension.SEX: frozenset({Child.Gender.FEMALE, Child.Gender.MALE}),
    # The city's children are 0 to 17: no "18 or over" band.
    Dimension.AGE_BAND: frozenset(code for code, _, _, high in AGE_BANDS if high < 18),
    Dimension.WARD: None,
}


def bundled_population_rows() -> list[dict[str, str]]:
    """The synthetic reference table the demo ships (a mid-sized English city)."""
    with BUNDLED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _row(line: int, raw: Mapping[str, object]) -> PopulationReference:
    def text(name: str) -> str:
        return str(raw.get(name) or "").strip()

    dimension, category, source = text("dimension"), text("category"), text("source")
    where = f"Row {line}"
    if dimension not in CATEGORIES:
        raise ValidationError(f"{where}: the dimension must be one of {', '.join(CATEGORIES)}")
    allowed = CATEGORIES[dimension]
    if not category or (allowed is not None and category not in allowed):
        raise ValidationError(
            f"{where}: {category or 'an empty category'} is not a category of {dimension}"
        )
    try:
        children, year = int(text("children")), int(text("year"))
    except ValueError:
        raise ValidationError(f"{where}: children and year must be whole numbers") from None
    if children < 0:
        raise ValidationError(f"{where}: the number of children cannot be negative")
    if not 1900 <= year <= 2100:
        raise ValidationError(f"{where}: {year} is not a year")
    if not source:
        raise ValidationError(f"{where}: say where the figure comes from")
    return PopulationReference(
        dimension=dimension, category=category, children=children, source=source, year=year
    )


def population_reference_load(rows: Iterable[Mapping[str, object]], *, actor=None) -> int:
    """Replace the reference table with these rows (dicts with COLUMNS, as a CSV reader gives
    them), all or nothing. A row that is wrong (an unknown dimension or category, a count
    that is not a whole number, a category twice) raises ValidationError naming it."""
    made, seen = [], set()
    for line, raw in enumerate(rows, start=2):  # row 1 of a CSV is its header
        row = _row(line, raw)
        key = (row.dimension, row.category)
        if key in seen:
            raise ValidationError(f"Row {line}: {row.category} appears twice for {row.dimension}")
        seen.add(key)
        row.created_by = row.modified_by = actor
        made.append(row)
    with transaction.atomic():
        PopulationReference.objects.all().delete()
        PopulationReference.objects.bulk_create(made)
    return len(made)
