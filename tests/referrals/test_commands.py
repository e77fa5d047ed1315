"""`mace intake` over a Maildir and over IMAP (a fake mailbox in place of the server), its
exit codes through the `mace` console script as cron would run it, and
`mace referral-form`."""

from __future__ import annotations

import mailbox
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from mace import cli
from mace.referrals.intake import sources
from mace.referrals.models import InboundMessage
from mace.referrals.wordform import read_form
from tests.factories import SUMMARY

pytestmark = pytest.mark.django_db

# The command: Maildir.


def maildir_with(path, messages: list[bytes]) -> mailbox.Maildir:
    box = mailbox.Maildir(path, create=True)
    for raw in messages:
        box.add(raw)
    return box


def run_intake(*args, **options) -> str:
    out = StringIO()
    call_command("intake", *args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def test_intake_from_a_maildir_moves_each_message_once_handled(tmp_path, corpus):
    box = maildir_with(tmp_path / "mail", corpus)
    assert run_intake(maildir=str(tmp_path / "mail")) == SUMMARY + "\n"
    assert len(box) == 0
    processed = list((tmp_path / "mail" / ".Processed" / "cur").iterdir())
    quarantined = list((tmp_path / "mail" / ".Quarantine" / "cur").iterdir())
    assert (len(processed), len(quarantined)) == (7, 11)
    assert all(p.name.endswith(":2,S") for p in processed + quarantined)
    assert sorted(p.read_bytes() for p in processed + quarantined) == sorted(corpus)
    empty = "intake: 0 messages, 0 referrals, 0 quarantined, 0 already imported\n"
    assert run_intake(maildir=str(tmp_path / "mail")) == empty


def test_a_redelivered_message_is_reported_as_already_imported(tmp_path, corpus):
    maildir_with(tmp_path / "mail", corpus[:2])
    run_intake(maildir=str(tmp_path / "mail"))
    maildir_with(tmp_path / "mail", corpus[:2])
    assert run_intake("--keep", maildir=str(tmp_path / "mail")) == (
        "intake: 2 messages, 0 referrals, 0 quarantined, 2 already imported\n"
    )
    assert len(mailbox.Maildir(tmp_path / "mail", create=False)) == 2  # --keep left them


def test_a_database_failure_stops_the_run_after_the_summary(tmp_path, corpus, monkeypatch):
    from django.db import OperationalError

    from mace.referrals.intake import run

    def locked(**kwargs):
        raise OperationalError("database is locked")

    maildir_with(tmp_path / "mail", corpus[:2])
    monkeypatch.setattr(run, "_already_imported", locked)
    out = StringIO()
    with pytest.raises(CommandError, match="database is locked") as error:
        call_command("intake", maildir=str(tmp_path / "mail"), stdout=out, stderr=StringIO())
    assert error.value.returncode == 1
    assert out.getvalue() == "intake: 0 messages, 0 referrals, 0 quarantined, 0 already imported\n"
    assert len(mailbox.Maildir(tmp_path / "mail", create=False)) == 2  # nothing moved


# Exit codes, through the `mace` console script as cron would run it.


def test_exit_code_2_for_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake"])
    assert exit_.value.code == 2
    assert "one of the arguments --maildir --imap is required" in capsys.readouterr().err


def test_exit_code_1_when_the_maildir_is_missing(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake", "--maildir", str(tmp_path / "nowhere")])
    assert exit_.value.code == 1
    assert f"There is no Maildir at {tmp_path / 'nowhere'}" in capsys.readouterr().err


def test_exit_code_2_when_imap_settings_are_missing(monkeypatch, capsys):
    monkeypatch.delenv("MACE_IMAP_HOST", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["mace", "intake", "--imap"])
    assert exit_.value.code == 2
    assert "Set MACE_IMAP_HOST" in capsys.readouterr().err


# The command: IMAP, with a fake mailbox in place of the server.


class FakeMailBox:
    def __init__(self, messages: list[bytes], *, fail_after: int | None = None):
        self.messages = {str(uid): raw for uid, raw in enumerate(messages, start=100)}
        self.folders = {"INBOX"}
        self.moved: dict[str, str] = {}
        self.fail_after = fail_after
        self.logged_out = False
        self.folder = SimpleNamespace(
            set=lambda name: None,
            exists=lambda name: name in self.folders,
            create=self.folders.add,
        )

    def fetch(self, *, mark_seen: bool, bulk: bool):
        assert mark_seen is False
        for count, (uid, raw) in enumerate(list(self.messages.items())):
            if self.fail_after is not None and count == self.fail_after:
                raise ConnectionResetError("connection reset by peer")
            yield SimpleNamespace(uid=uid, raw=raw)

    def move(self, uid: str, folder: str) -> None:
        assert folder in self.folders
        self.moved[uid] = folder
        del self.messages[uid]

    def logout(self) -> None:
        self.logged_out = True


@pytest.fixture
def imap_env(monkeypatch):
    for name, value in {
        "MACE_IMAP_HOST": "imap.leeds.gov.uk",
        "MACE_IMAP_USER": "mace",
        "MACE_IMAP_PASSWORD": "not-a-real-password",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("MACE_IMAP_QUARANTINE_FOLDER", raising=False)


def test_intake_over_imap_moves_messages_to_processed_or_quarantine(imap_env, monkeypatch, corpus):
    fake = FakeMailBox(corpus)
    monkeypatch.setattr(sources, "imap_connect", lambda *, config: fake)
    assert run_intake(imap=True) == SUMMARY + "\n"
    assert {"MACE/Processed", "MACE/Quarantine"} <= fake.folders
    assert list(fake.moved.values()).count("MACE/Quarantine") == 11
    assert list(fake.moved.values()).count("MACE/Processed") == 7
    assert fake.logged_out
    assert InboundMessage.objects.filter(source="imap:mace@imap.leeds.gov.uk/INBOX").count() == 16


def test_exit_code_1_when_imap_sign_in_fails(imap_env, monkeypatch):
    def refuse(*, config):
        raise OSError("certificate verify failed")

    monkeypatch.setattr(sources, "imap_connect", refuse)
    with pytest.raises(CommandError, match="Could not sign in to the IMAP server") as error:
        run_intake(imap=True)
    assert error.value.returncode == 1
    assert "not-a-real-password" not in str(error.value)


def test_a_connection_lost_part_way_keeps_what_was_done_and_exits_1(imap_env, monkeypatch, corpus):
    fake = FakeMailBox(corpus[:3], fail_after=2)
    monkeypatch.setattr(sources, "imap_connect", lambda *, config: fake)
    out = StringIO()
    with pytest.raises(CommandError, match="stopped answering") as error:
        call_command("intake", imap=True, stdout=out, stderr=StringIO())
    assert error.value.returncode == 1
    assert out.getvalue() == "intake: 2 messages, 2 referrals, 0 quarantined, 0 already imported\n"


# The referral-form command.


def test_referral_form_command_writes_the_form(tmp_path):
    out = StringIO()
    call_command("referral-form", out=str(tmp_path / "form.docx"), stdout=out)
    assert read_form(data=(tmp_path / "form.docx").read_bytes()).recognised
    assert "Wrote the referral form" in out.getvalue()
