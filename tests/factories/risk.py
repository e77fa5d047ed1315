"""Risk tool catalogues for tests."""

from __future__ import annotations

# The smallest catalogue the loader accepts: one domain, one indicator, one rule. Format it
# with a version and the level its rule proposes.
MINIMAL_CATALOGUE = """\
version: "{version}"
title: Test tool
domains:
  - code: missing
    title: Missing
    indicators:
      - code: missing.episodes
        text: Goes missing
rules:
  - level: {level}
    any_indicator_at_least: low
"""
