"""`mace risktool load`: a catalogue from a file, its problems with their line numbers, and
an identical version again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from mace.risk.models import Catalogue
from tests.factories import MINIMAL_CATALOGUE

pytestmark = pytest.mark.django_db


def test_the_risktool_command_says_an_identical_version_changed_nothing(tmp_path):
    path = tmp_path / "tool.yaml"
    path.write_text(MINIMAL_CATALOGUE.format(version="t3", level="high"))
    out = io.StringIO()
    call_command("risktool", "load", str(path), stdout=out)
    assert "Loaded Test tool version t3 (active)" in out.getvalue()
    out = io.StringIO()
    call_command("risktool", "load", str(path), stdout=out)
    assert "This version is already loaded (version t3); nothing changed" in out.getvalue()


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
