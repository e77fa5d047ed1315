"""Loading catalogues: validated with line numbers, versioned, never changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from mace.risk.catalogues import BUNDLED, CatalogueError, parse_catalogue
from mace.risk.models import Catalogue
from mace.risk.services.catalogue import catalogue_load
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


@pytest.mark.django_db
def test_a_loaded_version_cannot_be_replaced_or_changed():
    first = catalogue_load(actor=None, text=MINIMAL_CATALOGUE.format(version="t1", level="high"))
    with pytest.raises(ValidationError, match="already loaded with different content"):
        catalogue_load(actor=None, text=MINIMAL_CATALOGUE.format(version="t1", level="medium"))
    first.title = "Changed"
    with pytest.raises(ValueError, match="cannot be changed"):
        first.save()


@pytest.mark.django_db
def test_loading_a_new_version_makes_it_active_and_keeps_the_old_one():
    old = Catalogue.objects.get(is_active=True)
    new = catalogue_load(
        actor=None, text=MINIMAL_CATALOGUE.format(version="t2", level="high"), activate=True
    )
    old.refresh_from_db()
    assert new.is_active and not old.is_active
    assert Catalogue.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db
def test_risktool_load_command_reports_line_numbers(tmp_path):
    bad = tmp_path / "tool.yaml"
    bad.write_text(MINIMAL_CATALOGUE.format(version="t3", level="severe"))
    with pytest.raises(CommandError) as info:
        call_command("risktool", "load", str(bad))
    assert f"{bad}:10: 'severe' is not a level" in str(info.value)
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL_CATALOGUE.format(version="t4", level="high"))
    call_command("risktool", "load", str(good))
    assert Catalogue.objects.get(is_active=True).version == "t4"
