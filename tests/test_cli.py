"""The `mace` console script passes every Django management command through."""

from __future__ import annotations

from mace import cli


def test_mace_help_lists_our_commands_and_djangos(capsys):
    cli.main(["mace", "help"])
    out = capsys.readouterr().out
    for command in ("createuser", "seed", "demo", "migrate", "check"):
        assert command in out
