"""The city's child population: the loader, the bundled synthetic table and the demo's
hook."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mace.demo.data.places import WARDS
from mace.demo.population import population_reference_ensure
from mace.governance.models import PopulationReference
from mace.governance.services.population import (
    bundled_population_rows,
    population_reference_load,
)
from mace.people.models import Child

pytestmark = pytest.mark.django_db


def row(**fields):
    base = {
        "dimension": "sex",
        "category": "female",
        "children": "84100",
        "source": "ONS",
        "year": "2021",
    }
    return {**base, **fields}


def test_the_bundled_table_describes_one_city_four_ways():
    rows = bundled_population_rows()
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["dimension"]] = totals.get(r["dimension"], 0) + int(r["children"])
    assert set(totals) == {"ethnicity", "sex", "age_band", "ward"}
    assert len(set(totals.values())) == 1  # every dimension counts the same children
    assert 150_000 < totals["sex"] < 200_000  # a mid-sized English city's 0 to 17s
    ethnicities = {r["category"] for r in rows if r["dimension"] == "ethnicity"}
    assert ethnicities == set(Child.Ethnicity.values) - {"not_known"}
    assert {r["category"] for r in rows if r["dimension"] == "age_band"} == {
        "0-9",
        "10-13",
        "14-15",
        "16-17",
    }
    # The demo's wards, by their codes.
    assert {r["category"] for r in rows if r["dimension"] == "ward"} == {w.code for w in WARDS}


def test_loading_replaces_the_table():
    assert population_reference_load(bundled_population_rows()) == 58
    assert population_reference_load([row(), row(category="male", children="88300")]) == 2
    assert dict(PopulationReference.objects.values_list("category", "children")) == {
        "female": 84100,
        "male": 88300,
    }


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"dimension": "religion"}, "Row 2: the dimension must be one of"),
        (
            {"category": "not_known", "dimension": "ethnicity"},
            "not_known is not a category of ethnicity",
        ),
        ({"category": "18+", "dimension": "age_band"}, r"18\+ is not a category of age_band"),
        ({"children": "many"}, "children and year must be whole numbers"),
        ({"children": "-3"}, "cannot be negative"),
        ({"year": "21"}, "21 is not a year"),
        ({"source": " "}, "say where the figure comes from"),
    ],
)
def test_a_wrong_row_loads_nothing(bad, message):
    population_reference_load([row(category="male")])
    with pytest.raises(ValidationError, match=message):
        population_reference_load([row(**bad)])
    assert list(PopulationReference.objects.values_list("category", flat=True)) == ["male"]


def test_a_category_twice_is_refused():
    with pytest.raises(ValidationError, match="Row 3: female appears twice for sex"):
        population_reference_load([row(), row()])


def test_the_demo_loads_the_bundled_table_once():
    assert population_reference_ensure() == 58
    PopulationReference.objects.filter(dimension="ward").delete()
    assert population_reference_ensure() == 0  # a table is loaded: kept as it is
    assert not PopulationReference.objects.filter(dimension="ward").exists()
