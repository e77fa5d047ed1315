"""The demo city's child population (the reference table of Gold's disproportionality
figures): the synthetic one the governance app bundles, loaded once."""

from __future__ import annotations

from mace.governance.models import PopulationReference
from mace.governance.services.population import bundled_population_rows, population_reference_load


def population_reference_ensure() -> int:
    """Load the bundled table if none is loaded; the number of rows loaded (0 if kept)."""
    if PopulationReference.objects.exists():
        return 0
    return population_reference_load(bundled_population_rows())
