"""Ethnicity: which name pools each ethnicity draws from, city-wide shares, and how
they vary by ward profile."""

from __future__ import annotations

# This module is data: keep the hand-made layout of its lists.
# fmt: off


# Child.Ethnicity -> name pools.
ETHNICITY_POOLS: dict[str, tuple[tuple[str, int], ...]] = {
    "white_british": (("white_british", 1),),
    "white_irish": (("irish", 1),),
    "white_gypsy": (("traveller", 1),),
    "white_roma": (("roma", 1),),
    "white_other": (("polish", 55), ("romanian", 30), ("albanian", 15)),
    "mixed_wbc": (("mixed_wbc", 1),),
    "mixed_wba": (("mixed_wba", 1),),
    "mixed_wa": (("mixed_wa", 1),),
    "mixed_other": (("mixed_other", 1),),
    "asian_indian": (("indian", 1),),
    "asian_pakistani": (("pakistani", 1),),
    "asian_bangladeshi": (("bangladeshi", 1),),
    "asian_chinese": (("chinese", 1),),
    "asian_other": (("afghan", 55), ("vietnamese", 45)),
    "black_african": (
        ("west_african", 45), ("somali", 25), ("southern_african", 20), ("eritrean", 10),
    ),
    "black_caribbean": (("caribbean", 1),),
    "black_other": (("caribbean", 50), ("west_african", 50)),
    "arab": (("arab", 1),),
    "other": (("kurdish", 1),),
    "not_known": (("white_british", 60), ("polish", 10), ("pakistani", 15), ("west_african", 15)),
}
# City-wide shares (per mille) for children known to MACE in a northern English city.
ETHNICITY_WEIGHTS: dict[str, float] = {
    "white_british": 640, "white_irish": 8, "white_gypsy": 5, "white_roma": 20,
    "white_other": 50, "mixed_wbc": 35, "mixed_wba": 15, "mixed_wa": 15, "mixed_other": 15,
    "asian_indian": 25, "asian_pakistani": 60, "asian_bangladeshi": 10, "asian_chinese": 8,
    "asian_other": 12, "black_african": 55, "black_caribbean": 12, "black_other": 6,
    "arab": 10, "other": 10, "not_known": 20,
}
# Multipliers by ward profile: inner-city wards are more diverse than outer towns.
_GROUPS = {
    "white_british": ("white_british",),
    "white_minority": ("white_irish", "white_gypsy", "white_other"),
    "roma": ("white_roma",),
    "mixed": ("mixed_wbc", "mixed_wba", "mixed_wa", "mixed_other"),
    "minority": (
        "asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese",
        "asian_other", "black_african", "black_caribbean", "black_other", "arab", "other",
    ),
    "not_known": ("not_known",),
}
_PROFILE_GROUP_FACTORS: dict[str, dict[str, float]] = {
    "diverse": {"white_british": 0.45, "white_minority": 1.8, "roma": 4.0, "mixed": 1.5,
                "minority": 2.6, "not_known": 1.2},
    "mixed": {"white_british": 1.15, "white_minority": 1.2, "roma": 0.5, "mixed": 1.2,
              "minority": 0.6, "not_known": 1.0},
    "suburban": {"white_british": 0.9, "white_minority": 0.8, "roma": 0.1, "mixed": 1.0,
                 "minority": 1.6, "not_known": 0.9},
    "outer": {"white_british": 1.35, "white_minority": 0.5, "roma": 0.05, "mixed": 0.6,
              "minority": 0.2, "not_known": 0.8},
}
ETHNICITY_PROFILE_FACTORS: dict[str, dict[str, float]] = {
    profile: {eth: factors[group] for group, eths in _GROUPS.items() for eth in eths}
    for profile, factors in _PROFILE_GROUP_FACTORS.items()
}

# fmt: on
