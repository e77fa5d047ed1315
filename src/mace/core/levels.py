"""The levels of risk of exploitation, shared by the risk tool, triage (the level a referrer
gives) and meetings (the level a discussion agrees). Below every app that uses them."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    """Overall level of risk of exploitation, lowest first."""

    NONE = "none", "No apparent risk"
    LOW = "low", "Low / emerging"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.value]


LEVEL_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
