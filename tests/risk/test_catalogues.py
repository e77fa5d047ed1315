"""Reading a catalogue (mace.risk.catalogues): the bundled one is valid and loaded after
migrate; problems are reported with their line."""

from __future__ import annotations

import pytest

from mace.risk.catalogues import BUNDLED, CatalogueError, parse_catalogue
from mace.risk.models import Catalogue
from tests.factories import MINIMAL_CATALOGUE


def test_the_bundled_catalogue_is_valid_and_has_the_twelve_domains():
    content = parse_catalogue(BUNDLED.read_text())
    titles = [d["title"] for d in content["domains"]]
    assert len(titles) == 12
    assert "Money, gifts and phones" in titles


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (MINIMAL_CATALOGUE.format(version="1", level="severe"), 10, "'severe' is not a level"),
        (
            MINIMAL_CATALOGUE.format(version="1", level="high").replace("low\n", "lots\n"),
            11,
            "'lots' is not a grade",
        ),
        (
            MINIMAL_CATALOGUE.format(version="1", level="high").replace(
                "    text: Goes", "    txt: Goes"
            ),
            8,
            "unknown key 'txt'",
        ),
        (
            MINIMAL_CATALOGUE.format(version="1", level="high") + "  - level: high\n"
            "    indicator_at_least: {indicator: missing.nope, grade: high}\n",
            13,
            "no indicator 'missing.nope'",
        ),
        ("version: 1\ntitle: [unclosed\n", 3, "not valid YAML"),
    ],
)
def test_problems_are_reported_with_their_line(text, line, message):
    with pytest.raises(CatalogueError) as info:
        parse_catalogue(text)
    found = [(p.line, p.message) for p in info.value.problems]
    assert any(p_line == line and message in p_msg for p_line, p_msg in found), found


def test_duplicate_indicator_codes_are_refused():
    text = MINIMAL_CATALOGUE.format(version="1", level="high").replace(
        "        text: Goes missing\n",
        "        text: Goes missing\n      - code: missing.episodes\n        text: Again\n",
    )
    with pytest.raises(CatalogueError, match="used twice"):
        parse_catalogue(text)


@pytest.mark.django_db
def test_the_bundled_catalogue_is_loaded_and_active_after_migrate():
    active = Catalogue.objects.get(is_active=True)
    assert active.version == parse_catalogue(BUNDLED.read_text())["version"]
